"""Reactions, edits and delete-for-everyone: sent as content, checked by each receiver.

Receiver rules (docs/e2e.md "Message events"; insiders may run modified clients):

* the event must come from a member of the conversation and name a message of the SAME
  conversation (an id from another conversation is refused, not looked up there);
* only the original sender may edit or delete: the event's sender uid must be the
  message's sender uid, and the device that sent it was verified as that uid's device
  before decryption (services/incoming.py); only text messages can be edited, and
  never an urgent one: its acknowledgements answer the text that was read, so an edit
  would leave "Acknowledged by …" under words nobody acknowledged (and stop escalation);
* a deletion is refused after the retention window (policy ``retention_days``);
* an event naming a message not here yet (offline device, reordering) is held, bounded
  (storage/sql_message_events.py), and applied when the message arrives; held events go
  with their conversation when it is purged. Receipts wait in the same place, within
  the same bounds, and are applied by services/receipts_in.py.

Delete-for-everyone goes through the container's purge path: text, index terms, files,
versions and reactions are purged and a tombstone row "deleted by X at HH:MM" remains.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Literal

from desktop_app.domain import system_lines
from desktop_app.domain.ids import ConversationId, MessageId, is_visible_id
from desktop_app.domain.model import Message, MessageKind
from desktop_app.protocol import content as wire
from desktop_app.services import conversations, escalation_copies
from desktop_app.services.errors import ClientError
from desktop_app.services.outgoing import Outgoing
from desktop_app.services.policy import DEFAULT_RETENTION_DAYS
from desktop_app.services.session import ClientSession
from desktop_app.storage.container import Container
from desktop_app.storage.sql_message_events import MAX_PINS_SHOWN, HeldEvent, Version
from desktop_app.storage.timeutil import from_ms, peer_ms, to_ms

log = logging.getLogger("wardlink.events")


class EventRefused(ClientError):
    """This reaction, edit or deletion is not allowed (message, sender or age)."""


class MessageEvents:
    def __init__(self, session: ClientSession, outgoing: Outgoing | None = None) -> None:
        self.s = session
        self.outgoing = outgoing
        self.retention_days: int | None = DEFAULT_RETENTION_DAYS  # None: kept for ever
        # Told of each message whose reactions, text or deletion changed (the live client
        # shows it again); services/incoming.py connects it to its ``changed`` list.
        self.on_changed: Callable[[MessageId], None] = lambda _mid: None
        # Receipts held for a message are applied by services/receipts_in.py (cid,
        # sender uid, sender device, receipt, arrival); services/incoming.py connects it.
        self.on_receipt: Callable[[ConversationId, str, str, wire.Receipt, datetime], None] = (
            lambda *_args: None
        )

    # ---- sending ---------------------------------------------------------------------

    async def react(self, message_id: str, emoji: str | None) -> None:
        """Set my reaction (one of wire.REACTIONS) to a message, or remove it (None)."""
        if emoji is not None and emoji not in wire.REACTIONS:
            raise EventRefused(f"Reactions are {' '.join(wire.REACTIONS)}; not {emoji}.")
        target = self._mine_or_theirs(message_id, own=False)
        _named_by_receivers(target, "react")
        now = to_ms(self.s.clock())
        await self._send(target, wire.Reaction(1, target.message_id, emoji, now))  # type: ignore[arg-type]

    async def pin(self, message_id: str, pinned: bool = True) -> None:
        """Pin a message for everyone in its conversation (at most 3 shown), or unpin it."""
        target = self._mine_or_theirs(message_id, own=False)
        _named_by_receivers(target, "pin")
        shown = self.s.container.events.pinned(target.conversation_id)
        if pinned and target.message_id not in shown and len(shown) >= MAX_PINS_SHOWN:
            raise EventRefused(
                f"At most {MAX_PINS_SHOWN} messages can be pinned; unpin one first.",
                key="pins_full",
                maximum=MAX_PINS_SHOWN,
            )
        now = to_ms(self.s.clock())
        await self._send(target, wire.Pin(1, target.message_id, pinned, now))

    async def edit(self, message_id: str, text: str) -> None:
        if not text.strip() or len(text) > wire.MAX_TEXT_CHARS:
            raise EventRefused(
                f"An edit needs 1 to {wire.MAX_TEXT_CHARS} characters of text.",
                key="edit_length",
                maximum=wire.MAX_TEXT_CHARS,
            )
        target = self._mine_or_theirs(message_id, own=True)
        if target.urgent:
            raise EventRefused(
                "An urgent message cannot be changed: its acknowledgements answer its "
                "text. Send a new urgent message instead.",
                key="urgent_no_edit",
            )
        edit = wire.Edit(1, target.message_id, uuid.uuid4().hex, text, to_ms(self.s.clock()))
        await self._send(target, edit)

    async def delete_for_everyone(self, message_id: str) -> None:
        target = self._mine_or_theirs(message_id, own=True)
        if self._too_old(target):
            raise EventRefused(
                f"This message is older than the retention window ({self.retention_days} "
                "days); it can no longer be deleted for everyone.",
                key="delete_too_old",
                days=self.retention_days,
            )
        await self._send(target, wire.Delete(1, target.message_id, to_ms(self.s.clock())))
        await self._delete_escalated_copy(target.message_id)

    async def _delete_escalated_copy(self, original: MessageId) -> None:
        """The copy my client sent on by itself when nobody acknowledged ``original``
        (services/escalation.py) goes with it: its reader was never my choice."""
        container = self.s.container
        copy_id = escalation_copies.copy_of(container, original)
        if copy_id is None:
            return
        copy = container.messages.get(copy_id)
        if copy is not None and copy.deleted_at is None and copy.sender_uid == self.s.uid:
            try:
                await self._send(copy, wire.Delete(1, copy.message_id, to_ms(self.s.clock())))
            except EventRefused as exc:  # no longer a member there: the original is gone
                log.warning("escalated copy %s not deleted: %s", copy_id, exc)
                return
        escalation_copies.forget(container, original)

    def _mine_or_theirs(self, message_id: str, *, own: bool) -> Message:
        s = self.s
        target = s.container.messages.get(MessageId(message_id))
        if target is None or target.deleted_at is not None or target.kind is not MessageKind.TEXT:
            raise EventRefused(
                f"No message {message_id} to change in this container.", key="no_message"
            )
        if own and target.sender_uid != s.uid:
            raise EventRefused(
                "Only the sender of a message can edit or delete it.", key="sender_only"
            )
        return target

    async def _send(self, target: Message, event: wire.MessageEvent) -> None:
        """Queue the event for every member (my other devices too), apply it here, send."""
        s = self.s
        if self.outgoing is None:
            raise RuntimeError("MessageEvents was built without an outgoing path")
        cid = target.conversation_id
        state = s.container.conversations.state(cid)
        if state is None or s.uid not in state.members:
            raise EventRefused("You are no longer a member of this conversation.", key="not_member")
        s.require_link()
        now = s.clock()
        await self.outgoing.queue_content(
            cid,
            state.members,
            event,
            message_id=None,
            now=now,
            announce=conversations.as_wire(state, now),
        )
        self._apply(cid, s.uid, event, now)
        await self.outgoing.flush()

    def reply_target(self, cid: ConversationId, reply_to: str | None) -> MessageId | None:
        """The message a new text of mine answers; it must be in the same conversation."""
        if reply_to is None:
            return None
        original = self.s.container.messages.get(MessageId(reply_to))
        if original is None or original.conversation_id != cid:
            raise EventRefused(
                f"No message {reply_to} in this conversation to reply to.", key="reply_gone"
            )
        _named_by_receivers(original, "reply")
        return original.message_id

    # ---- receiving -------------------------------------------------------------------

    def receive(
        self,
        cid: ConversationId,
        sender_uid: str,
        sender_device: str,
        event: wire.MessageEvent,
        at: datetime,
    ) -> None:
        """Apply a received event now, or hold it until its message arrives."""
        s = self.s
        state = s.container.conversations.state(cid)
        if state is None or sender_uid not in state.members:
            log.warning("refused %s from %s: not a member of %s", _kind(event), sender_uid, cid)
            return
        if s.container.messages.get(MessageId(event.message_id)) is None:
            held = HeldEvent(
                cid,
                MessageId(event.message_id),
                sender_uid,
                sender_device,
                wire.encode(event),
                to_ms(at),
            )
            if not s.container.events.hold(held):
                log.warning("dropped %s from %s: too many held events", _kind(event), sender_uid)
            return
        self._apply(cid, sender_uid, event, at)

    def release(self, message: Message) -> bool:
        """Apply the events (and receipts) that were held for a message that just
        arrived; False when none were (the message is as stored)."""
        held_events = self.s.container.events.take_held(message.message_id)
        for held in held_events:
            try:
                event = wire.decode_content(held.content)
            except wire.ContentError:
                continue
            at = from_ms(held.received_at_ms)
            if isinstance(event, wire.Reaction | wire.Edit | wire.Delete | wire.Pin):
                self._apply(held.conversation_id, held.sender_uid, event, at)
            elif isinstance(event, wire.Receipt):
                self.on_receipt(
                    held.conversation_id, held.sender_uid, held.sender_device, event, at
                )
        return bool(held_events)

    def _apply(
        self, cid: ConversationId, sender_uid: str, event: wire.MessageEvent, at: datetime
    ) -> None:
        s = self.s
        target = s.container.messages.get(MessageId(event.message_id))
        refusal = self._refusal(cid, sender_uid, event, target)
        if refusal or target is None:
            log.warning("refused %s from %s: %s", _kind(event), sender_uid, refusal)
            return
        events = s.container.events
        at_ms = peer_ms(event.at_ms, at)  # never after the relay took it (docs/e2e.md)
        if isinstance(event, wire.Reaction):
            changed = events.react(target.message_id, sender_uid, event.emoji, at_ms)
        elif isinstance(event, wire.Pin):
            changed = events.pin(target.message_id, sender_uid, event.pinned, at_ms)
        elif isinstance(event, wire.Edit):
            sent = to_ms(target.sent_at)
            original = Version(target.body, sent)
            if target.edited_at is not None:  # the original is stored with the first edit
                original = Version("", sent)
            new = Version(event.text, max(at_ms, sent + 1))  # a clock behind ours
            changed = events.add_version(target.message_id, original, event.edit_id, new)
        else:
            when = from_ms(at_ms)
            body = system_lines.encode(
                "deleted",
                by=s.display_name(sender_uid),
                at=when.astimezone().strftime("%H:%M"),
            )
            s.container.purge.message_for_everyone(target.message_id, body, to_ms(when))
            changed = True
        if changed:
            self.on_changed(target.message_id)

    def _refusal(
        self,
        cid: ConversationId,
        sender_uid: str,
        event: wire.MessageEvent,
        target: Message | None,
    ) -> str:
        """Why this event must not be applied ('' if it may)."""
        if target is None:
            return "no such message"
        if target.conversation_id != cid:
            return "the message belongs to another conversation"
        if target.deleted_at is not None or target.kind is not MessageKind.TEXT:
            return "the message is deleted or not a text message"
        if isinstance(event, wire.Reaction | wire.Pin):
            return ""  # any member reacts and pins
        if target.sender_uid != sender_uid:
            return "only the original sender may edit or delete a message"
        if isinstance(event, wire.Edit) and target.urgent:
            return "an urgent message is never edited (its acknowledgements answer its text)"
        if isinstance(event, wire.Delete) and self._too_old(target):
            return "the message is older than the retention window"
        return ""

    def _too_old(self, message: Message) -> bool:
        days = self.retention_days
        return bool(days) and self.s.clock() - message.sent_at > timedelta(days=days or 0)


def _named_by_receivers(target: Message, action: Literal["reply", "react", "pin"]) -> None:
    """Refuse here what every receiver would drop without a word: content naming a
    message an earlier release took under an id no peer accepts now (protocol/fields.py
    ``ChosenId``), so the person is told instead of believing it was seen."""
    if is_visible_id(target.message_id):
        return
    earlier = "This message came from an earlier WardLink version; "
    if action == "reply":
        raise EventRefused(
            earlier + "a reply to it would reach nobody. Write a new message instead.",
            key="reply_old_message",
        )
    if action == "react":
        raise EventRefused(
            earlier + "a reaction to it would reach nobody.", key="react_old_message"
        )
    raise EventRefused(
        earlier + "pinning or unpinning it would reach nobody.", key="pin_old_message"
    )


def quoted(container: Container, reply: Message) -> Message | None:
    """The message a reply quotes, if it is here and in the SAME conversation: a reply
    naming a message of another conversation must not show that message's text here."""
    if reply.reply_to is None:
        return None
    original = container.messages.get(reply.reply_to)
    if original is None or original.conversation_id != reply.conversation_id:
        return None
    return original


def _kind(event: wire.MessageEvent) -> str:
    return type(event).__name__.lower()
