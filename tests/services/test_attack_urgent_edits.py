"""The sender of an urgent message changes its text after it was acknowledged, through
the real relay. An acknowledgement ("Gelesen und bestätigt") answers the text that was
read: before, the edit replaced the text on every PC while the acknowledgement stayed,
so "Acknowledged by Jonas Müller" stood under an order Jonas never saw, his PC did not
ask him again, and escalation stayed off. An urgent message is now never edited: every
receiver refuses the edit, and the honest client does not send one."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from desktop_app.protocol import content as wire
from desktop_app.services.message_events import EventRefused
from desktop_app.services.receipts_out import OutgoingReceipts
from desktop_app.storage.sql_receipts import ReceiptKind
from desktop_app.storage.timeutil import to_ms
from tests.services.modified_client import handled_before, sneak
from tests.services.test_message_events import group_of_three

ORDER = "Zi. 12: 40 mmol KCl über 4 h"
CHANGED = "Zi. 12: 80 mmol KCl über 1 h"


def test_an_acknowledged_urgent_message_keeps_the_text_that_was_acknowledged(
    make_ward: Any,
) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            anna, jonas, mia, cid = await group_of_three(w)
            urgent = await anna.messenger.send_text(cid, ORDER, urgent=True)
            (got,) = [m for m in await jonas.messenger.sync() if m.body == ORDER]
            await mia.messenger.sync()
            await OutgoingReceipts(jonas.messenger, asyncio.Lock()).send(
                ReceiptKind.ACKNOWLEDGED, [got]
            )
            await anna.messenger.sync()
            acks = anna.container.receipts.for_message(urgent.message_id)
            assert [(r.uid, r.kind) for r in acks] == [(jonas.uid, ReceiptKind.ACKNOWLEDGED)]

            # Anna's modified client sends the edit her honest client would refuse.
            now = to_ms(anna.session.clock())
            await sneak(anna, cid, wire.Edit(1, urgent.message_id, "e-urgent", CHANGED, now))
            await handled_before(anna, cid, (jonas, mia), "Nachtrag")
            for person in (jonas, mia):
                shown = person.container.messages.get(urgent.message_id)
                assert shown is not None
                assert (shown.body, shown.edited_at) == (ORDER, None), person.uid
                assert person.container.events.versions(urgent.message_id) == []

    asyncio.run(scenario())


def test_the_honest_client_does_not_edit_an_urgent_message(make_ward: Any) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            anna, jonas, _mia, cid = await group_of_three(w)
            urgent = await anna.messenger.send_text(cid, ORDER, urgent=True)
            with pytest.raises(EventRefused) as refused:
                await anna.messenger.events.edit(urgent.message_id, CHANGED)
            assert refused.value.key == "urgent_no_edit"
            await handled_before(anna, cid, (jonas,), "Nachtrag")
            shown = jonas.container.messages.get(urgent.message_id)
            assert shown is not None and shown.body == ORDER
            mine = anna.container.messages.get(urgent.message_id)
            assert mine is not None and mine.body == ORDER

    asyncio.run(scenario())
