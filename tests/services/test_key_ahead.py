"""The room key goes out while the person types (services/key_ahead.py), through the real
relay: the devices that lacked it get it before the message, Send then queues the message
alone, and the others read it; nothing is shown or stored as a message for the key."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

from desktop_app.services import key_ahead
from tests.services.test_message_events import group_of_three


def test_a_new_pc_gets_the_key_while_anna_types_and_send_queues_the_message_alone(
    make_ward: Any,
) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            anna, jonas, mia, cid = await group_of_three(w)
            await anna.messenger.send_text(cid, "Übergabe um 14 Uhr")
            for p in (jonas, mia):
                assert [m.body for m in await p.messenger.sync()] == ["Übergabe um 14 Uhr"]
            # Jonas enrolls a second PC; Anna's client reads device lists afresh.
            jonas_pc2 = await w.person("mueller.jonas", device="-pc2")
            anna.session.peers.max_age_s = 0.0
            queued = anna.container.outbox.enqueued

            # Anna starts typing: the new key (rotated: a device was added) goes to all
            # three of the others' PCs, with the group's state for the new PC.
            assert await anna.messenger.key_ahead.prepare(cid)
            assert anna.container.outbox.enqueued - queued == 2  # Olm key + group state
            assert len(anna.container.outbox) == 0  # sent, the relay accepted them
            # Nothing to show anywhere for the key; the new PC learned the group.
            for p in (jonas, mia, jonas_pc2):
                assert await p.messenger.sync() == []
            assert jonas_pc2.container.conversations.state(cid) is not None

            # Another keystroke soon after: not looked at again.
            assert not anna.messenger.key_ahead.due(cid)
            assert not await anna.messenger.key_ahead.prepare(cid)

            # Send: every device has the key, so only the message is queued.
            queued = anna.container.outbox.enqueued
            await anna.messenger.send_text(cid, "Zimmer 7 braucht Insulin")
            assert anna.container.outbox.enqueued - queued == 1
            for p in (jonas, mia, jonas_pc2):
                assert [m.body for m in await p.messenger.sync()] == ["Zimmer 7 braucht Insulin"]

    asyncio.run(scenario())


def test_nothing_is_sent_when_every_device_has_the_key_or_when_offline(make_ward: Any) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            anna, jonas, mia, cid = await group_of_three(w)
            await anna.messenger.send_text(cid, "Visite 9 Uhr")
            await jonas.messenger.sync()
            await mia.messenger.sync()
            queued = anna.container.outbox.enqueued
            assert not await anna.messenger.key_ahead.prepare(cid)  # all served
            assert anna.container.outbox.enqueued == queued

            # A week later the key is due (age): after the interval, typing shares it.
            later = anna.session.clock() + timedelta(weeks=1, seconds=1)
            anna.session.clock = lambda: later
            assert anna.messenger.key_ahead.due(cid)
            # Offline: nothing is tried (the message will share the key itself).
            link = anna.session.link
            anna.session.link = None
            assert not anna.messenger.key_ahead.due(cid)
            assert not await anna.messenger.key_ahead.prepare(cid)
            assert anna.container.outbox.enqueued == queued
            anna.session.link = link
            assert await anna.messenger.key_ahead.prepare(cid)
            assert anna.container.outbox.enqueued - queued == 2  # rotated: key + state
            assert await jonas.messenger.sync() == []
            later += timedelta(seconds=key_ahead.AHEAD_INTERVAL_S)
            assert not await anna.messenger.key_ahead.prepare(cid)  # all served again

            await anna.messenger.send_text(cid, "Labor ist da")
            assert anna.container.outbox.enqueued - queued == 3
            assert [m.body for m in await jonas.messenger.sync()] == ["Labor ist da"]
            assert [m.body for m in await mia.messenger.sync()] == ["Labor ist da"]

    asyncio.run(scenario())
