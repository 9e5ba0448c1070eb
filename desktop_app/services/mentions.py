"""@mentions and muted conversations: who a message names, and whether it may notify.

A sender's client names the mentioned uids in ``ChatMessage.mentions`` (the GUI from
its autocomplete, the CLI from ``--mention``). Each receiver keeps only uids that are
members of the conversation or functional accounts of the verified directory, so a
modified client cannot make a message "mention" arbitrary strings. A message notifies
unless its conversation is muted; urgent messages and mentions of me, or of a
functional account I hold now, notify even then.
"""

from __future__ import annotations

from collections.abc import Iterable

from desktop_app.directory.errors import DirectoryError
from desktop_app.domain.ids import Uid
from desktop_app.domain.model import Message
from desktop_app.services.session import ClientSession


def accepted(
    session: ClientSession, mentions: Iterable[str], members: Iterable[str]
) -> tuple[Uid, ...]:
    """The mentions worth keeping, each once, in the sender's order."""
    allowed = set(members)
    out: list[Uid] = []
    for uid in mentions:
        if uid in out:
            continue
        if uid in allowed or _is_function(session, uid):
            out.append(Uid(uid))
    return tuple(out)


def roles_held(session: ClientSession) -> frozenset[str]:
    """The functional accounts the person at this PC holds now (directory holders)."""
    try:
        entries = session.directory.index().entries
    except DirectoryError:  # a stored directory that no longer verifies: no roles
        return frozenset()
    return frozenset(e.uid for e in entries if e.is_function and session.uid in e.holders)


def mentions_me(message: Message, me: str, roles: frozenset[str]) -> bool:
    return any(uid == me or uid in roles for uid in message.mentions)


def notifies(message: Message, me: str, roles: frozenset[str], muted: bool) -> bool:
    """Should a new message from someone else pop up / ring?"""
    if message.sender_uid == me:
        return False
    return not muted or message.urgent or mentions_me(message, me, roles)


def _is_function(session: ClientSession, uid: str) -> bool:
    try:
        entry = session.directory.get(uid)
    except DirectoryError:  # an unverifiable directory names nobody
        return False
    return entry is not None and entry.is_function
