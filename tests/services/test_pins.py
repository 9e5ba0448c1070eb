"""Pinned messages between real clients on a real relay: any member pins for everyone,
at most three are shown, unpinning sticks against a late pin, and a pin naming another
conversation's message is refused."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from desktop_app.protocol import content as wire
from desktop_app.services.message_events import EventRefused
from desktop_app.storage.timeutil import to_ms, utc_now
from tests.services.modified_client import handled_before
from tests.services.test_message_events import group_of_three, sneak


def test_members_pin_for_everyone_and_at_most_three_show(make_ward: Any) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            anna, jonas, mia, cid = await group_of_three(w)
            await jonas.messenger.sync()
            sent = [await anna.messenger.send_text(cid, f"SOP {n}") for n in range(4)]
            await jonas.messenger.sync()
            for message in sent[:3]:
                await jonas.messenger.events.pin(message.message_id)
            with pytest.raises(EventRefused, match="At most 3"):
                await jonas.messenger.events.pin(sent[3].message_id)
            await anna.messenger.sync()
            await mia.messenger.sync()
            want = {m.message_id for m in sent[:3]}
            for person in (anna, jonas, mia):
                assert set(person.container.events.pinned(cid)) == want

            await anna.messenger.events.pin(sent[0].message_id, pinned=False)
            await mia.messenger.sync()
            assert sent[0].message_id not in mia.container.events.pinned(cid)
            # An older "pin" arriving late (an offline device) does not bring it back.
            assert not mia.container.events.pin(sent[0].message_id, "mueller.jonas", True, 1)
            assert sent[0].message_id not in mia.container.events.pinned(cid)

            # A modified client pins a message of another conversation into this one.
            await anna.messenger.send_text("yilmaz.mia", "privat")
            (private,) = await mia.messenger.sync()
            await sneak(jonas, cid, wire.Pin(1, private.message_id, True, to_ms(utc_now())))
            await handled_before(jonas, cid, (mia,), "Angepinnt?")
            assert private.message_id not in mia.container.events.pinned(cid)
            assert private.message_id not in mia.container.events.pinned(private.conversation_id)

    asyncio.run(scenario())
