"""SQLite write failures in the relay and in a client container: no ack, no loss.

The fault is a real SQLITE_FULL raised by SQLite (see ``inject``), through the real
relay on 127.0.0.1 and real SQLCipher containers.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest

from desktop_app.domain.model import MessageState
from desktop_app.services.errors import ClientError
from desktop_app.services.live_views import ConnectionStatus
from desktop_app.storage.errors import DiskFull
from tests.faults.inject import container_disk_full, relay_disk_full
from tests.services.conftest import texts
from tests.services.test_live_client import Events, live

BIG = "Befund " + "x" * 6000  # needs an overflow page wherever it is stored


def mailbox(relay: Any, device_id: str) -> int:
    """Envelopes waiting in the relay for ``device_id``."""
    rows = relay.runner.ctx.store._query(
        "SELECT count(*) FROM mailbox WHERE device_id = ?", (device_id,)
    )
    return int(rows[0][0])


def test_relay_disk_full_refuses_then_delivers_once(make_ward: Callable[[], Any]) -> None:
    async def scenario() -> None:
        async with make_ward() as ward:
            anna = await ward.person("weber.anna")
            jonas = await ward.person("mueller.jonas")
            await anna.messenger.send_text("mueller.jonas", "Guten Morgen")
            assert texts(await jonas.messenger.sync()) == ["Guten Morgen"]

            with relay_disk_full(ward.relay.runner.ctx.store):
                with pytest.raises(ClientError) as refused:
                    await anna.messenger.send_text("mueller.jonas", BIG)
                assert "cannot store messages right now" in str(refused.value)
                assert "stays unsent" in str(refused.value)
                [queued] = [
                    m
                    for m in anna.container.messages.page(
                        anna.container.conversations.recent(1)[0].conversation.conversation_id
                    ).messages
                    if m.body == BIG
                ]
                assert queued.state is MessageState.QUEUED
                assert len(anna.container.outbox) == 1  # kept for the resend
                await anna.session.close()
                await jonas.connect(ward.relay.port)
                assert await jonas.messenger.sync() == []  # nothing half-stored

            await anna.connect(ward.relay.port)
            await anna.messenger.deliver_queued()
            assert len(anna.container.outbox) == 0
            assert anna.container.messages.get(queued.message_id).state is MessageState.SENT
            assert texts(await jonas.messenger.sync()) == [BIG]
            await jonas.session.close()
            await jonas.connect(ward.relay.port)
            assert await jonas.messenger.sync() == []
            assert [
                m.body for m in jonas.container.messages.page(queued.conversation_id).messages
            ].count(BIG) == 1
            assert mailbox(ward.relay, jonas.session.device_id) == 0

    asyncio.run(scenario())


async def _receive_under_full_disk(ward: Any, warm_up: bool) -> None:
    anna = await ward.person("weber.anna")
    jonas = await ward.person("mueller.jonas")
    if warm_up:  # the Olm session and the room key exist: the envelope is Megolm only
        await anna.messenger.send_text("mueller.jonas", "Guten Morgen")
        assert texts(await jonas.messenger.sync()) == ["Guten Morgen"]
    sent = await anna.messenger.send_text("mueller.jonas", BIG)
    waiting = mailbox(ward.relay, jonas.session.device_id)
    assert waiting >= 1
    before = jonas.container.messages.count()

    with (
        container_disk_full(jonas.container),
        pytest.raises(DiskFull, match="disk is full"),  # said, not swallowed
    ):
        await jonas.messenger.sync()
    assert jonas.container.messages.get(sent.message_id) is None
    assert mailbox(ward.relay, jonas.session.device_id) == waiting  # none acknowledged

    await jonas.session.close()
    await jonas.connect(ward.relay.port)
    assert texts(await jonas.messenger.sync()) == [BIG]
    assert mailbox(ward.relay, jonas.session.device_id) == 0
    await jonas.session.close()
    await jonas.connect(ward.relay.port)
    assert await jonas.messenger.sync() == []
    assert jonas.container.messages.count() == before + 1


def test_container_disk_full_while_receiving(make_ward: Callable[[], Any]) -> None:
    async def scenario() -> None:
        async with make_ward() as ward:
            await _receive_under_full_disk(ward, warm_up=True)

    asyncio.run(scenario())


def test_container_disk_full_on_the_first_message(make_ward: Callable[[], Any]) -> None:
    """The first message of a conversation carries the room key over Olm (pre-key)."""

    async def scenario() -> None:
        async with make_ward() as ward:
            await _receive_under_full_disk(ward, warm_up=False)

    asyncio.run(scenario())


def test_app_says_when_this_pc_cannot_store_and_catches_up_after(
    make_ward: Callable[[], Any],
) -> None:
    """The GUI's receive loop: a full container is shown, not swallowed; nothing is lost."""

    async def scenario() -> None:
        async with make_ward() as ward:
            anna = await ward.person("weber.anna")
            jonas = await ward.person("mueller.jonas")
            await anna.messenger.send_text("mueller.jonas", "Guten Morgen")
            assert texts(await jonas.messenger.sync()) == ["Guten Morgen"]
            client, events = await live(jonas, ward.relay.port)
            try:

                def storage_problem(e: Events) -> str:
                    states = [p for n, p in e.seen if isinstance(p, ConnectionStatus)]
                    return states[-1].storage_problem if states else ""

                with container_disk_full(jonas.container):
                    await anna.messenger.send_text("mueller.jonas", BIG)
                    problem = await events.wait_for(storage_problem)
                    assert "disk is full" in problem
                assert mailbox(ward.relay, jonas.session.device_id) >= 1  # not acknowledged
                await client.stop()
                client, events = await live(jonas, ward.relay.port)
                await events.wait_for(lambda e: [r for r in e.rows() if r.message.body == BIG])
                assert storage_problem(events) == ""
            finally:
                await client.stop()

    asyncio.run(scenario())
