"""Receiving receipts: who received, read or acknowledged which message.

A receipt is recorded only from a member of the conversation and only for a message of
that same conversation. One that names a message not here yet (the message waits for
its key, or this PC was offline for it while the receipt came through) is held,
bounded like held reactions and edits (storage/sql_message_events.py), and applied when
the message arrives (services/message_events.py ``release``). Dropping it would lose,
on the urgent sender's OTHER PC, the acknowledgement of her urgent message, and that PC
would escalate it although it was acknowledged (services/escalation.py).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from desktop_app.domain.ids import ConversationId, MessageId, Uid
from desktop_app.domain.model import Message, MessageState
from desktop_app.protocol import content as wire
from desktop_app.services.session import ClientSession
from desktop_app.storage.sql_message_events import HeldEvent
from desktop_app.storage.sql_receipts import Receipt, ReceiptKind
from desktop_app.storage.timeutil import from_ms, peer_ms, to_ms

log = logging.getLogger("wardlink.receipts")

_RANK = {
    MessageState.QUEUED: 0,
    MessageState.SENT: 1,
    MessageState.DELIVERED: 2,
    MessageState.READ: 3,
}
_REACHES = {
    ReceiptKind.DELIVERED: MessageState.DELIVERED,
    ReceiptKind.READ: MessageState.READ,
    ReceiptKind.ACKNOWLEDGED: MessageState.READ,  # acknowledging means having read it
}


class IncomingReceipts:
    def __init__(self, session: ClientSession, on_changed: Callable[[MessageId], None]) -> None:
        self.s = session
        self.on_changed = on_changed  # a message whose receipts or state changed

    def receive(
        self,
        cid: ConversationId,
        sender_uid: str,
        sender_device: str,
        content: wire.Receipt,
        at: datetime,
    ) -> None:
        """Record who received/read/acknowledged our messages; our own sends move state.
        A receipt for a message not here yet is held for it."""
        s = self.s
        state = s.container.conversations.state(cid)
        if state is None or sender_uid not in state.members:
            return
        kind = ReceiptKind(content.kind)
        when = from_ms(peer_ms(content.at_ms, at))  # a peer's clock may run ahead of ours
        for mid in content.message_ids:
            message = s.container.messages.get(MessageId(mid))
            if message is None:
                self._hold(cid, sender_uid, sender_device, content, mid, at)
            elif message.conversation_id == cid:
                self._record(message, sender_uid, kind, when, at)

    def _hold(
        self,
        cid: ConversationId,
        sender_uid: str,
        sender_device: str,
        content: wire.Receipt,
        mid: str,
        at: datetime,
    ) -> None:
        one = wire.Receipt(1, content.kind, [mid], content.at_ms)
        held = HeldEvent(
            cid, MessageId(mid), sender_uid, sender_device, wire.encode(one), to_ms(at)
        )
        if not self.s.container.events.hold(held):
            log.warning("dropped a %s receipt from %s: too many held", content.kind, sender_uid)

    def _record(
        self, message: Message, sender_uid: str, kind: ReceiptKind, when: datetime, at: datetime
    ) -> None:
        s = self.s
        # ... or behind: nobody reads a message before it was sent.
        seen_at = max(when, min(message.sent_at, at))
        if not s.container.receipts.add(
            Receipt(message.message_id, Uid(sender_uid), kind, seen_at)
        ):
            return
        if message.sender_uid == s.uid and sender_uid != s.uid:
            advanced = _advance(message.state, kind)
            if advanced is not message.state:
                s.container.messages.set_state(message.message_id, advanced)
        self.on_changed(message.message_id)


def _advance(current: MessageState, kind: ReceiptKind) -> MessageState:
    """Delivery state only moves forward (a late 'delivered' never undoes 'read')."""
    target = _REACHES[kind]
    if current not in _RANK or _RANK[target] <= _RANK[current]:
        return current
    return target
