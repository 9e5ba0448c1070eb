"""Writing to a functional account ("Dienstarzt Kardiologie").

The one hook for roles: a message to a functional account goes into this sender's
group conversation with the role, whose members are kept equal to the role's
current holders (from the signed directory, refreshed just before sending). After
a hand-over the next send changes the members through the ordinary group path:
the Megolm session rotates, the new holder gets it, the old holder is told they
were removed and receives nothing further.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from desktop_app.directory.errors import DirectoryError
from desktop_app.directory.model import Entry
from desktop_app.domain.ids import ConversationId
from desktop_app.services import conversations
from desktop_app.services.errors import RelayUnavailable, UnknownRecipient
from desktop_app.services.session import ClientSession

if TYPE_CHECKING:
    from desktop_app.services.messenger import Messenger

log = logging.getLogger("wardlink.messenger")


async def functional_account(s: ClientSession, to: str) -> Entry | None:
    """The functional account ``to`` names (holders refreshed from the relay), or None
    for a person or a known conversation."""
    if s.container.conversations.get(ConversationId(to)) is not None:
        return None
    try:
        entry = s.directory.get(to)
        if entry is None or not entry.is_function:
            return None  # a person: no extra round trip
        if s.link is not None:  # holders may have changed since the last connect
            await s.directory.refresh_quietly(s.link)
            entry = s.directory.get(to)
    except DirectoryError as exc:  # a refused copy must not stop ordinary messages
        log.warning("directory unusable: %s", exc)
        return None
    return entry if entry is not None and entry.is_function else None


async def role_conversation(m: Messenger, role: Entry) -> ConversationId:
    """This sender's group with ``role``, its members made equal to the current holders."""
    s = m.s
    holders = tuple(sorted(set(role.holders) - {s.uid}))
    if not holders:
        raise UnknownRecipient(
            f"Nobody else holds {role.cn} right now.", key="role_not_held", role=role.cn
        )
    key = f"role_conversation.{role.uid}"
    known = s.container.settings.get(key)
    state = None if known is None else s.container.conversations.state(ConversationId(known))
    if s.link is None:
        raise RelayUnavailable(
            f"Writing to {role.cn} needs the relay (to find the holder).",
            key="role_offline",
            role=role.cn,
        )
    members = {s.uid, *holders}
    if known is not None and state is not None and set(state.members) == members:
        return ConversationId(known)
    await require_people(s, list(holders))
    if known is None or state is None or s.uid not in state.admins:
        cid, new = conversations.create_group_locally(
            s.container, s.uid, role.cn, holders, s.clock()
        )
        s.container.settings.set(key, cid)
        await m.outgoing.queue_content(cid, tuple(new.members), new, message_id=None, now=s.clock())
        return cid
    cid = ConversationId(known)
    gone = [m for m in state.members if m not in members]
    new_holders = sorted(members - set(state.members))
    new = await m.groups.change(cid, state, tuple(sorted(members)))
    for uid in gone:
        await m.groups.tell_removed(cid, uid, new)
    for holder in new_holders:  # the role's documents, as for a member added by hand
        await m.documents.share_with(cid, holder)
    return cid


async def require_people(s: ClientSession, uids: list[str]) -> None:
    """Every one of ``uids`` has a live enrolled device (fetched now), or UnknownRecipient."""
    await s.peers.refresh(s.require_link(), uids)
    missing = [u for u in uids if not s.peers.live_devices([u])]
    if missing:
        raise UnknownRecipient(
            f"No enrolled device for {', '.join(missing)}: unknown person, or not yet "
            "enrolled by IT.",
            key="no_enrolled_device",
            who=", ".join(s.display_name(u) for u in missing),
        )
