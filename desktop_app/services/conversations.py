"""Conversations and their membership, as kept by the clients (the relay knows none).

A membership change is a ``GroupState`` sent by an admin inside the conversation's
Megolm channel, so Megolm proves which device (and through its certificate, which
person) sent it. Receivers apply a state only if it is newer than theirs and comes
from a current admin; a direct conversation has both people as admins. Removed
members are not sent the new state (it would hand them the new room key); they learn
of the removal from a separate Olm control message.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime

from desktop_app.domain.ids import ConversationId, MessageId, Uid, new_conversation_id
from desktop_app.domain.model import ConversationKind, Message, MessageKind, MessageState
from desktop_app.protocol import content as wire
from desktop_app.services.errors import UnknownRecipient
from desktop_app.storage.container import Container
from desktop_app.storage.sql_messages import ConversationState
from desktop_app.storage.timeutil import to_ms


def direct_conversation_id(a: str, b: str) -> ConversationId:
    """Both people compute the same id, so two first messages meet in one conversation."""
    low, high = sorted((a, b))
    digest = hashlib.sha256(f"wardlink-direct\0{low}\0{high}".encode()).hexdigest()
    return ConversationId("d-" + digest[:32])


def new_group_state(title: str, me: str, uids: tuple[str, ...], now: datetime) -> wire.GroupState:
    members = sorted({me, *uids})
    return wire.GroupState(1, "group", title[: wire.MAX_TITLE_CHARS], members, [me], 1, to_ms(now))


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
    )


def to_local(state: wire.GroupState) -> ConversationState:
    return ConversationState(
        ConversationKind(state.kind),
        state.title,
        tuple(Uid(u) for u in state.members),
        tuple(Uid(u) for u in state.admins),
        state.version,
    )


def resolve(container: Container, me: str, target: str) -> ConversationId:
    """TO on the command line: a known conversation id, else a uid for a 1:1 chat."""
    if container.conversations.get(ConversationId(target)) is not None:
        return ConversationId(target)
    if target == me:
        raise UnknownRecipient("You cannot start a conversation with yourself.")
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
    if sender_uid not in state.members or me not in state.members:
        return []
    # The first word of a conversation on this device (e.g. one enrolled after the last
    # change) is accepted from any member it lists; later changes need a current admin.
    if current is not None and (
        state.version <= current.version or sender_uid not in current.admins
    ):
        return []
    container.conversations.apply_state(conversation_id, to_local(state), at)
    lines = _describe(current, state, sender_uid, name)
    for n, line in enumerate(lines):
        system_line(container, conversation_id, sender_uid, line, f"{envelope_key}/{n}", at)
    return lines


def _describe(
    before: ConversationState | None,
    after: wire.GroupState,
    by_uid: str,
    name: Callable[[str], str],
) -> list[str]:
    if after.kind == "direct":
        return []
    by = name(by_uid)
    if before is None:
        return [f"{by} hat die Gruppe „{after.title}“ erstellt."]
    lines = []
    for uid in sorted(set(after.members) - set(before.members)):
        lines.append(f"{by} hat {name(uid)} hinzugefügt.")
    for uid in sorted(set(before.members) - set(after.members)):
        lines.append(f"{by} hat {name(uid)} entfernt.")
    if after.title != before.title:
        lines.append(f"{by} hat die Gruppe in „{after.title}“ umbenannt.")
    return lines


def system_line(
    container: Container,
    conversation_id: ConversationId,
    about_uid: str,
    text: str,
    key: str,
    at: datetime,
) -> None:
    """A line such as "Dr. Weber has a new device", stored like a message (idempotent)."""
    digest = hashlib.sha256(f"{conversation_id}\0{key}".encode()).hexdigest()[:24]
    container.messages.add(
        Message(
            message_id=MessageId("sys-" + digest),
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
    cid = new_conversation_id()
    state = new_group_state(title, me, uids, now)
    container.conversations.apply_state(cid, to_local(state), now)
    system_line(
        container, cid, me, f"Sie haben die Gruppe „{state.title}“ erstellt.", "created", now
    )
    return cid, state
