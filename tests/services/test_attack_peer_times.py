"""An insider's modified client puts a time of its choosing on what it sends, through the
real relay: a time far ahead must neither pin a message for ever, nor keep an edit or a
text on top for ever, nor make the receiver's history unreadable. Receivers take the
sender's time only up to the moment the relay received the envelope."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

from desktop_app.domain.model import MessageState
from desktop_app.protocol import content as wire
from desktop_app.storage.timeutil import to_ms, utc_now
from tests.services.modified_client import handled_before, sneak
from tests.services.test_message_events import group_of_three

YEAR_9000 = to_ms(datetime(9000, 1, 1, tzinfo=UTC))  # a valid date, far ahead
BEYOND_DATES = 2**62  # fits SQLite's INTEGER, but no datetime can hold it


def test_a_pin_dated_far_ahead_can_still_be_unpinned(make_ward: Any) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            anna, jonas, mia, cid = await group_of_three(w)
            target = await anna.messenger.send_text(cid, "Alter Dienstplan")
            await jonas.messenger.sync()
            # Jonas's modified client pins it "in the year 9000": later changes would lose.
            await sneak(jonas, cid, wire.Pin(1, target.message_id, True, YEAR_9000))
            await handled_before(jonas, cid, (anna, mia), "Angepinnt")
            assert mia.container.events.pinned(cid) == [target.message_id]
            await anna.messenger.events.pin(target.message_id, pinned=False)
            await handled_before(anna, cid, (mia,), "Losgepinnt")
            assert mia.container.events.pinned(cid) == []

    asyncio.run(scenario())


def test_an_edit_dated_beyond_any_date_leaves_the_history_readable(make_ward: Any) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            _anna, jonas, mia, cid = await group_of_three(w)
            await jonas.messenger.sync()
            own = await jonas.messenger.send_text(cid, "Visite um 9")
            await mia.messenger.sync()
            forged = wire.Edit(1, own.message_id, "e-far", "Visite um 10", BEYOND_DATES)
            await sneak(jonas, cid, forged)
            await handled_before(jonas, cid, (mia,), "Nachtrag")
            shown = {m.message_id: m.body for m in mia.messenger.history(cid)}
            assert shown[own.message_id] == "Visite um 10"
            # A later honest edit is the newest again.
            await jonas.messenger.events.edit(own.message_id, "Visite um 11")
            await handled_before(jonas, cid, (mia,), "Nachtrag 2")
            shown = {m.message_id: m.body for m in mia.messenger.history(cid)}
            assert shown[own.message_id] == "Visite um 11"

    asyncio.run(scenario())


def test_a_text_dated_far_ahead_does_not_stay_the_newest(make_ward: Any) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            anna, jonas, mia, cid = await group_of_three(w)
            await jonas.messenger.sync()
            sticky = wire.ChatMessage(1, "sticky-1", YEAR_9000, "Immer zuletzt: Dosis 10x")
            await sneak(jonas, cid, sticky)
            beyond = wire.ChatMessage(1, "beyond-1", BEYOND_DATES, "Jenseits jedes Datums")
            await sneak(jonas, cid, beyond)
            await handled_before(anna, cid, (mia,), "Neueste Nachricht")
            bodies = [m.body for m in mia.messenger.history(cid)]
            assert bodies[-1] == "Neueste Nachricht"
            assert "Immer zuletzt: Dosis 10x" in bodies  # kept, at its arrival time
            assert "Jenseits jedes Datums" in bodies
            for m in mia.messenger.history(cid):
                assert m.sent_at <= utc_now()

    asyncio.run(scenario())


def test_a_receipt_dated_beyond_any_date_still_counts(make_ward: Any) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            anna, jonas, _mia, cid = await group_of_three(w)
            mine = await anna.messenger.send_text(cid, "Bitte lesen")
            await jonas.messenger.sync()
            await sneak(jonas, cid, wire.Receipt(1, "read", [mine.message_id], BEYOND_DATES))
            await handled_before(jonas, cid, (anna,), "Gelesen")
            got = anna.container.messages.get(mine.message_id)
            assert got is not None and got.state is MessageState.READ

    asyncio.run(scenario())
