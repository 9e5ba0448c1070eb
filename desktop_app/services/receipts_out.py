"""Receipts this person sends: delivered and read (when switched on), and the
acknowledgement of an urgent message, which must reach the sender even if the link is
down at the moment it is given (kept in the container until sent)."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Iterable

from desktop_app.domain.ids import ConversationId, MessageId, Uid, is_visible_id
from desktop_app.domain.model import Message
from desktop_app.protocol import content as wire
from desktop_app.services.errors import ClientError, RelayUnavailable
from desktop_app.services.messenger import Messenger
from desktop_app.storage.container import Container
from desktop_app.storage.sql_receipts import Receipt, ReceiptKind
from desktop_app.storage.timeutil import to_ms

log = logging.getLogger("wardlink.live")

UNSENT_ACKS_KEY = "receipts.unsent_acks"


class OutgoingReceipts:
    def __init__(self, messenger: Messenger, busy: asyncio.Lock) -> None:
        self.messenger = messenger
        self._busy = busy

    @property
    def _container(self) -> Container:
        return self.messenger.s.container

    def remember_ack(self, message_id: MessageId) -> None:
        pending = self._unsent_acks()
        if message_id not in pending:
            pending.append(message_id)
        self._container.settings.set(UNSENT_ACKS_KEY, json.dumps(pending))

    def _unsent_acks(self) -> list[str]:
        raw = self._container.settings.get(UNSENT_ACKS_KEY)
        try:
            value = json.loads(raw) if raw else []
        except ValueError:
            return []
        return [str(v) for v in value] if isinstance(value, list) else []

    async def send_unsent_acks(self) -> None:
        pending = self._unsent_acks()
        if not pending or self.messenger.s.link is None:
            return
        container = self._container
        messages = [m for m in (container.messages.get(MessageId(p)) for p in pending) if m]
        try:
            async with self._busy:
                await self.send(ReceiptKind.ACKNOWLEDGED, messages)
        except (RelayUnavailable, ClientError) as exc:
            log.info("acknowledgement stays queued: %s", exc)
            return
        container.settings.delete(UNSENT_ACKS_KEY)

    async def send(self, kind: ReceiptKind, messages: Iterable[Message]) -> None:
        """Receipts per conversation to its members (our own other devices included), one
        per ``MAX_RECEIPT_IDS`` messages: reading a chat with 250 new messages says so
        for all of them, not for the first 100.

        The caller holds the live client's busy lock.
        """
        s = self.messenger.s
        by_conversation: dict[ConversationId, list[Message]] = {}
        for m in messages:
            by_conversation.setdefault(m.conversation_id, []).append(m)
        now = s.clock()
        for cid, group in by_conversation.items():
            state = s.container.conversations.state(cid)
            if state is None or s.uid not in state.members:
                continue
            if kind is not ReceiptKind.ACKNOWLEDGED:
                for m in group:
                    s.container.receipts.add(Receipt(m.message_id, Uid(s.uid), kind, now))
            if s.link is None:
                continue
            # A message an earlier release took under an id no receiver decodes now
            # (protocol/fields.py ChosenId) would make the whole receipt malformed.
            ids = [m.message_id for m in group if is_visible_id(m.message_id)]
            for start in range(0, len(ids), wire.MAX_RECEIPT_IDS):
                part = ids[start : start + wire.MAX_RECEIPT_IDS]
                content = wire.Receipt(1, kind.value, part, to_ms(now))  # type: ignore[arg-type]
                await self.messenger.outgoing.queue_content(
                    cid, tuple(state.members), content, message_id=None, now=now
                )
            await self.messenger.outgoing.flush()
