"""A busy shift's urgent messages do not stop escalation (found reading the code after
an insider audit, 2026-12-07).

Each round looked at Anna's 20 oldest urgent messages of the last 12 hours and then
decided which were due. Messages already acknowledged or escalated (and each escalated
copy, itself urgent) stayed among those 20, so after about 20 urgent messages in a
shift a new one that nobody acknowledged was never looked at: never escalated, with
nothing on the screen to say so. Now only messages that may still need escalating are
looked at. And an urgent message written to the target herself is not sent to her a
second time as "Escalated from ..." (before: only a conversation named like the target
counted, never a 1:1 with her). Through a real relay."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path

from desktop_app.domain.model import MessageKind
from desktop_app.services import escalation
from desktop_app.services.receipts_out import OutgoingReceipts
from desktop_app.storage.sql_receipts import ReceiptKind
from tests.services.conftest import ward
from tests.services.test_escalation import ANNA, JONAS, MIA, _setup, _with_clock

BUSY = escalation.MAX_ESCALATIONS_PER_ROUND + 5


def test_after_a_busy_shift_an_unacknowledged_urgent_message_is_still_escalated(
    relay_dir: Path, tmp_path: Path
) -> None:
    _setup(relay_dir, tmp_path)

    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            anna = await w.person(ANNA.uid)
            jonas = await w.person(JONAS.uid)
            mia = await w.person(MIA.uid)
            clock = _with_clock(anna)
            anna.container.settings.set(escalation.TARGET_SETTING, MIA.uid)
            # A busy morning: urgent messages Jonas acknowledged at once ...
            for n in range(BUSY):
                await anna.messenger.send_text(JONAS.uid, f"Zi. {n} bitte kommen", urgent=True)
                clock.now += timedelta(seconds=10)
            got = await jonas.messenger.sync()
            await OutgoingReceipts(jonas.messenger, asyncio.Lock()).send(
                ReceiptKind.ACKNOWLEDGED, got
            )
            await anna.messenger.sync()
            # ... and some to Mia herself, the target (nothing to escalate there).
            for n in range(BUSY):
                await anna.messenger.send_text(MIA.uid, f"Rückruf {n}", urgent=True)
            clock.now += timedelta(minutes=6)
            assert [m.body for m in await escalation.escalate_due(anna.messenger, 5)] == []
            await mia.messenger.sync()

            await anna.messenger.send_text(JONAS.uid, "Zi. 12 Sättigung 82 %", urgent=True)
            clock.now += timedelta(minutes=6)  # nobody acknowledged this one
            again = await escalation.escalate_due(anna.messenger, 5)
            assert [m.body for m in again] == [
                "Escalated from Anna Weber → Jonas Müller: Zi. 12 Sättigung 82 %"
            ]
            got = [m for m in await mia.messenger.sync() if m.kind is MessageKind.TEXT]
            assert [m.body for m in got] == [m.body for m in again]

    asyncio.run(scenario())
