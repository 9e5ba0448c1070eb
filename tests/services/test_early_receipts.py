"""A receipt that reaches a PC before the message it names is held, not dropped, and
applied when the message arrives, through the real relay.

The case that matters: Anna's urgent message reaches her OTHER PC after Jonas's
acknowledgement (her copy waited there, e.g. for its key, while the acknowledgement
came straight through). Dropped, the acknowledgement is lost on that PC, which then
pages the duty doctor about an urgent message Jonas acknowledged."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path
from typing import Any

from desktop_app.domain.ids import MessageId
from desktop_app.domain.model import MessageState
from desktop_app.protocol import Deliver
from desktop_app.protocol import content as wire
from desktop_app.protocol.content import MAX_RECEIPT_IDS
from desktop_app.services import escalation
from desktop_app.services.receipts_out import OutgoingReceipts
from desktop_app.storage.sql_message_events import MAX_HELD_PER_SENDER
from desktop_app.storage.sql_receipts import ReceiptKind
from desktop_app.storage.timeutil import to_ms, utc_now
from tests.services.conftest import Person, ward
from tests.services.modified_client import handled_before, sneak
from tests.services.test_escalation import ANNA, JONAS, MIA, _setup, _with_clock
from tests.services.test_message_events import group_of_three_joined


class Delayed:
    """Holds back what one device sent to ``receiver`` until ``release``: the envelope
    is late on its way (the relay and the other PCs see nothing unusual)."""

    def __init__(self, receiver: Person, sender_device: str) -> None:
        self.incoming = receiver.messenger.incoming
        self.handle = self.incoming.handle
        self.sender_device = sender_device
        self.frames: list[Deliver] = []
        self.incoming.handle = self._handle  # type: ignore[method-assign]

    async def _handle(self, frame: Deliver) -> list[object]:
        if frame.sender_device == self.sender_device:
            self.frames.append(frame)
            return []
        return list(await self.handle(frame))

    async def release(self) -> None:
        self.incoming.handle = self.handle  # type: ignore[method-assign]
        for frame in self.frames:
            await self.handle(frame)


def test_an_acknowledgement_before_its_message_stops_the_other_pc_escalating(
    relay_dir: Path, tmp_path: Path
) -> None:
    _setup(relay_dir, tmp_path)

    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            anna = await w.person(ANNA.uid)
            office = await w.person(ANNA.uid, device="-office")
            jonas = await w.person(JONAS.uid)
            await w.person(MIA.uid)
            office.container.settings.set(escalation.TARGET_SETTING, "dienst.kardio")
            first = await anna.messenger.send_text(JONAS.uid, "Guten Morgen")
            cid = first.conversation_id
            await jonas.messenger.sync()
            await office.messenger.sync()  # both PCs know the conversation
            clock = _with_clock(office)

            late = Delayed(office, anna.session.device_id)
            sent = await anna.messenger.send_text(JONAS.uid, "Zi. 12 Sättigung 82 %", urgent=True)
            got = [m for m in await jonas.messenger.sync() if m.message_id == sent.message_id]
            assert [m.body for m in got] == ["Zi. 12 Sättigung 82 %"]
            await OutgoingReceipts(jonas.messenger, asyncio.Lock()).send(
                ReceiptKind.ACKNOWLEDGED, got
            )
            await handled_before(jonas, cid, (office,), "Bin unterwegs")
            assert office.container.messages.get(sent.message_id) is None
            assert len(late.frames) == 1  # her urgent message, not there yet

            await late.release()  # now it arrives: the acknowledgement before it counts
            mine = office.container.messages.get(MessageId(sent.message_id))
            assert mine is not None and mine.urgent and mine.sender_uid == ANNA.uid
            kinds = {
                (r.uid, r.kind) for r in office.container.receipts.for_message(mine.message_id)
            }
            assert (JONAS.uid, ReceiptKind.ACKNOWLEDGED) in kinds
            assert mine.state is MessageState.READ  # acknowledging means having read it
            assert office.container.events.held_count() == 0
            clock.now += timedelta(minutes=11)  # twice the time: her first PC is off
            assert await escalation.escalate_due(office.messenger, 5) == []

    asyncio.run(scenario())


def test_receipts_for_messages_that_never_come_are_held_within_the_bounds(
    make_ward: Any,
) -> None:
    """A member's modified client names made-up messages in receipts: each receiver holds
    at most that sender's share (storage/sql_message_events.py), and another member's
    receipt that arrives before its message is still held and applied."""

    async def scenario() -> None:
        async with make_ward() as w:
            anna, jonas, mia, cid = await group_of_three_joined(w)
            now = to_ms(utc_now())
            for batch in range(2):  # twice the sender's allowance
                ids = [f"never-{batch}-{n}" for n in range(MAX_RECEIPT_IDS)]
                await sneak(jonas, cid, wire.Receipt(1, "read", ids, now))
            await handled_before(jonas, cid, (anna,), "Gelesen")
            assert anna.container.events.held_count() == MAX_HELD_PER_SENDER
            # Mia's receipt for a message not here yet is still held: Jonas's flood
            # took only his own share.
            await sneak(mia, cid, wire.Receipt(1, "acknowledged", ["later-3"], now + 1))
            await handled_before(mia, cid, (anna,), "Bin dran")
            assert anna.container.events.held_count() == MAX_HELD_PER_SENDER + 1

    asyncio.run(scenario())
