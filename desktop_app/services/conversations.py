"""Conversations and their membership, as kept by the clients (the relay knows none).

A membership change is a ``GroupState`` sent by an admin inside the conversation's
Megolm channel, so Megolm proves which device (and through its certificate, which
person) sent it. Whether that person may is ``membership.judge``: a direct
conversation's members are the two people its id is derived from, and a group's id
names its creator, who alone sets its members. Refused states are logged and change
nothing. Removed members are not sent the new state (it would hand them the new room
key); they learn of the removal from a separate Olm control message.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from collections.abc import Callable, Iterable
from datetime import datetime

import msgspec

from desktop_app.domain import system_lines
from desktop_app.domain.ids import SYSTEM_MESSAGE_PREFIX, ConversationId, MessageId, Uid
from desktop_app.domain.model import ConversationKind, Message, MessageKind, MessageState
from desktop_app.domain.plain_text import plain_title
from desktop_app.protocol import content as wire
from desktop_app.services.errors import UnknownRecipient
from desktop_app.services.membership import (
    Outcome,
    direct_conversation_id,
    group_conversation_id,
    judge,
    judge_removal,
)
from desktop_app.storage.container import Container
from desktop_app.storage.sql_messages import ConversationState
from desktop_app.storage.timeutil import from_ms, peer_ms, to_ms

log = logging.getLogger("wardlink.receive")

__all__ = ["direct_conversation_id", "group_conversation_id"]


def group_title(text: str) -> str:
    """What an honest client sends as a group's title: receivers refuse hidden
    characters (membership.judge), and the wire holds at most MAX_TITLE_CHARS."""
    return plain_title(text)[: wire.MAX_TITLE_CHARS].strip()


def new_group_state(
    title: str, me: str, uids: tuple[str, ...], now: datetime, salt: bytes
) -> wire.GroupState:
    members = sorted({me, *uids})
    plain = group_title(title)
    return wire.GroupState(1, "group", plain, members, [me], 1, to_ms(now), me, salt)


def direct_state(me: str, peer: str, title: str, now: datetime) -> wire.GroupState:
    pair = sorted({me, peer})
    return wire.GroupState(1, "direct", title, pair, pair, 1, to_ms(now))


def changed_state(
    current: ConversationState, *, members: tuple[str, ...], now: datetime
) -> wire.GroupState:
    return wire.GroupState(
        1,
        current.kind.value,
        current.title,
        sorted(set(members)),
        sorted(set(current.admins) & set(members)),
        current.version + 1,
        to_ms(now),
        current.creator,
        current.salt,
    )


def renamed_state(current: ConversationState, *, title: str, now: datetime) -> wire.GroupState:
    """The group's next state with a new title (already ``group_title``); members and
    admins as they are."""
    return msgspec.structs.replace(
        changed_state(current, members=tuple(current.members), now=now), title=title
    )


def as_wire(state: ConversationState, now: datetime) -> wire.GroupState:
    return wire.GroupState(
        1,
        "direct" if state.kind is ConversationKind.DIRECT else "group",
        state.title,
        sorted(state.members),
        sorted(state.admins),
        max(state.version, 1),
        to_ms(now),
        state.creator,
        state.salt,
    )


def to_local(state: wire.GroupState) -> ConversationState:
    return ConversationState(
        ConversationKind(state.kind),
        state.title,
        tuple(Uid(u) for u in state.members),
        tuple(Uid(u) for u in state.admins),
        state.version,
        None if state.creator is None else Uid(state.creator),
        state.salt,
    )


def shown_title(
    kind: ConversationKind,
    title: str,
    members: Iterable[str],
    me: str,
    name: Callable[[str], str],
) -> str:
    """What a conversation is called on this PC: a group's title, a 1:1 chat the other
    person's name ("" if there is none). A 1:1's stored title is whatever its first
    state said, written by whoever started it (the honest client: the recipient's own
    name; a modified one: any text, "Dr. Anna Weber, Kardiologie" with a right-to-left
    override), so it is never shown, exported or put in a file."""
    if kind is ConversationKind.DIRECT:
        others = [m for m in members if m != me]
        return name(others[0]) if others else ""
    return title


def title_of(container: Container, cid: ConversationId, me: str, name: Callable[[str], str]) -> str:
    """``shown_title`` of a stored conversation; its id when it has none or is unknown."""
    conv = container.conversations.get(cid)
    if conv is None:
        return cid
    return shown_title(conv.kind, conv.title, conv.members, me, name) or cid


def resolve(container: Container, me: str, target: str) -> ConversationId:
    """TO on the command line: a known conversation id, else a uid for a 1:1 chat."""
    if container.conversations.get(ConversationId(target)) is not None:
        return ConversationId(target)
    if target == me:
        raise UnknownRecipient(
            "You cannot start a conversation with yourself.", key="chat_with_yourself"
        )
    return direct_conversation_id(me, target)


def apply_received_state(
    container: Container,
    conversation_id: ConversationId,
    state: wire.GroupState,
    *,
    sender_uid: str,
    me: str,
    envelope_key: str,
    at: datetime,
    name: Callable[[str], str] = str,
) -> list[str]:
    """Apply a GroupState from ``sender_uid`` if it is allowed; return system lines.

    ``name`` turns a uid into what people call each other (the directory's name).
    """
    current = container.conversations.state(conversation_id)
    verdict = judge(conversation_id, current, state, sender=sender_uid, me=me)
    if verdict.outcome is Outcome.REFUSE:
        log.warning(
            "refused membership of %s from %s: %s", conversation_id, sender_uid, verdict.reason
        )
        return []
    if verdict.outcome is Outcome.UNCHANGED:
        return []
    container.conversations.apply_state(conversation_id, to_local(state), at)
    lines = _describe(current, state, sender_uid, me, name)
    dated = _line_time(current, state, at)
    for n, line in enumerate(lines):
        system_line(container, conversation_id, sender_uid, line, f"{envelope_key}/{n}", dated)
    return lines


def _line_time(
    before: ConversationState | None, after: wire.GroupState, arrived: datetime
) -> datetime:
    """When "X created the group" happened: the creator's own time, capped by the
    arrival as a message's is (``peer_ms``). Dated by the arrival it sorted after the
    message that made the group (a first message to a functional account is composed
    before the group's state reaches the relay; a receiver offline for long saw it at
    the arrival bound). Other membership lines keep the arrival: backdated, an "X added
    Y" could be hidden far up in the history."""
    if before is None and after.version == 1:
        return from_ms(peer_ms(after.changed_ms, arrived))
    return arrived


def apply_removal(
    container: Container,
    body: bytes,
    sender_uid: str,
    me: str,
    at: datetime,
    name: Callable[[str], str] = str,
) -> bool:
    """A ``conversation.removed`` notice: the group's new state, without us. Applied, with
    the line "X removed you", only if X may make that change (membership.judge_removal);
    then this device no longer counts itself a member and sends nothing more there."""
    try:
        notice = wire.decode_removal(body)
    except wire.ContentError:  # also the bare conversation id that clients before sent
        log.warning("unreadable removal notice from %s dropped", sender_uid)
        return False
    cid = ConversationId(notice.conversation_id)
    current = container.conversations.state(cid)
    verdict = judge_removal(cid, current, notice.state, sender=sender_uid, me=me)
    if verdict.outcome is not Outcome.ACCEPT:
        if verdict.outcome is Outcome.REFUSE:
            log.warning("refused removal from %s by %s: %s", cid, sender_uid, verdict.reason)
        return False
    container.conversations.apply_state(cid, to_local(notice.state), at)
    line = system_lines.encode("removed_you", by=name(sender_uid))
    system_line(container, cid, sender_uid, line, f"removed/{notice.state.version}", at)
    return True


def _describe(
    before: ConversationState | None,
    after: wire.GroupState,
    by_uid: str,
    me: str,
    name: Callable[[str], str],
) -> list[str]:
    """Every change of a group's members is shown to everyone as a system line."""
    if after.kind == "direct":
        return []  # its two members are fixed by its id; nothing ever changes
    by = name(by_uid)
    if before is None:
        if after.version == 1 or by_uid == me:
            return [system_lines.encode("group_created", by=by, title=after.title)]
        return [system_lines.encode("added_you", by=by, title=after.title)]
    lines = []
    for uid in sorted(set(after.members) - set(before.members)):
        lines.append(system_lines.encode("member_added", by=by, who=name(uid)))
    for uid in sorted(set(before.members) - set(after.members)):
        lines.append(system_lines.encode("member_removed", by=by, who=name(uid)))
    if after.title != before.title:
        lines.append(system_lines.encode("renamed", by=by, title=after.title))
    return lines


def system_line(
    container: Container,
    conversation_id: ConversationId,
    about_uid: str,
    text: str,
    key: str,
    at: datetime,
) -> None:
    """A line such as "Dr. Weber has a new device", stored like a message (idempotent).

    ``text`` is a structured body from domain.system_lines, rendered when shown.
    """
    digest = hashlib.sha256(f"{conversation_id}\0{key}".encode()).hexdigest()[:24]
    container.messages.add(
        Message(
            message_id=MessageId(SYSTEM_MESSAGE_PREFIX + digest),
            conversation_id=conversation_id,
            sender_uid=Uid(about_uid),
            sent_at=at,
            body=text,
            kind=MessageKind.SYSTEM,
            state=MessageState.DELIVERED,
        )
    )


def create_group_locally(
    container: Container, me: str, title: str, uids: tuple[str, ...], now: datetime
) -> tuple[ConversationId, wire.GroupState]:
    salt = secrets.token_bytes(wire.GROUP_SALT_BYTES)
    cid = group_conversation_id(me, salt)
    state = new_group_state(title, me, uids, now, salt)
    container.conversations.apply_state(cid, to_local(state), now)
    body = system_lines.encode("you_created", title=state.title)
    system_line(container, cid, me, body, "created", now)
    return cid, state
