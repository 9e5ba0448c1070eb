"""AckDelivery through the group commit (relay/ack_batcher.py), through the real relay.

Acknowledgements from several devices that wait while a commit runs are committed
together; none is answered before its commit, and a commit that fails answers every
device in it with ``unavailable`` and leaves the mail to be delivered again. Both store
backends (``any_relay_root``).
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Sequence
from pathlib import Path

import pytest

from desktop_app.protocol import (
    AckDelivery,
    Acked,
    EnvelopeAccepted,
    Error,
    ErrorCode,
    SendEnvelope,
)
from desktop_app.relay import session as relay_session
from desktop_app.relay.errors import RelayStoreError
from tests.relay.conftest import live_relay
from tests.relay.wire_client import WireClient

RECIPIENTS = 4
QUEUE_WAIT_S = 10.0  # a bound for a loaded machine, not a measurement
DEVICES = [f"MUELLER-PC{i}" for i in range(RECIPIENTS)]


async def _send(client: WireClient, envelope_id: str, recipients: list[str]) -> object:
    return await client.request(
        SendEnvelope(
            client.ids.next(),
            envelope_id,  # type: ignore[arg-type]
            recipients,  # type: ignore[arg-type]
            b"ct-" + envelope_id.encode(),
            {r: b"olm:" + r.encode() for r in recipients},  # type: ignore[misc]
        )
    )


def _ack(conn: WireClient, envelope_id: str) -> AckDelivery:
    return AckDelivery(conn.ids.next(), [("WEBER-PC1", envelope_id)])  # type: ignore[list-item]


def test_acks_of_several_devices_share_one_commit_and_are_answered_after_it(
    any_relay_root: Path,
) -> None:
    async def scenario() -> None:
        async with live_relay(any_relay_root) as relay:
            server = relay.runner.server
            store = server.ctx.store
            anna, _ = await relay.enrolled("weber.anna", "WEBER-PC1")
            conns = [(await relay.enrolled("mueller.jonas", d))[0] for d in DEVICES]
            assert isinstance(await _send(anna, "E1", DEVICES), EnvelopeAccepted)
            for conn in conns:
                await conn.wait_deliveries(1)

            batches: list[int] = []
            answered_before_commit: list[bool] = []
            answered = threading.Event()
            real = store.acknowledge_batch

            def held(acks: Sequence[tuple[str, Sequence[tuple[str, str]]]], now: int) -> list[int]:
                if not batches:  # the first commit waits until every ack reached the relay
                    deadline = time.monotonic() + QUEUE_WAIT_S
                    while (
                        len(acks) + server.acks.waiting < RECIPIENTS and time.monotonic() < deadline
                    ):
                        time.sleep(0.01)
                batches.append(len(acks))
                answered_before_commit.append(answered.is_set())
                return real(acks, now)

            store.acknowledge_batch = held  # type: ignore[method-assign]

            async def ack(conn: WireClient) -> object:
                reply = await conn.request(_ack(conn, "E1"))
                answered.set()
                return reply

            replies = await asyncio.gather(*(ack(c) for c in conns))
            assert all(isinstance(r, Acked) and r.count == 1 for r in replies), replies
            # Four acks in at most two commits (those queued behind the first share one).
            assert sum(batches) == RECIPIENTS and len(batches) <= 2, batches
            assert not any(answered_before_commit)
            for device in DEVICES:
                assert await server.call(store.pending_count, device) == 0
            # The last copy is gone: a resend is recognised, not delivered again.
            assert isinstance(await _send(anna, "E1", DEVICES), EnvelopeAccepted)
            for conn in conns:
                assert await conn.quiet(0.3) == []

    asyncio.run(scenario())


def test_a_failed_ack_commit_answers_unavailable_and_the_mail_comes_again(
    any_relay_root: Path,
) -> None:
    async def scenario() -> None:
        async with live_relay(any_relay_root) as relay:
            store = relay.runner.server.ctx.store
            anna, _ = await relay.enrolled("weber.anna", "WEBER-PC1")
            conn, device = await relay.enrolled("mueller.jonas", DEVICES[0])
            assert isinstance(await _send(anna, "E2", DEVICES[:1]), EnvelopeAccepted)
            await conn.wait_deliveries(1)

            def lost(*_: object) -> list[int]:
                raise RelayStoreError("the relay database cannot be written: gone (test)")

            store.acknowledge_batch = lost  # type: ignore[method-assign]
            reply = await conn.request(_ack(conn, "E2"))
            assert isinstance(reply, Error) and reply.fatal, reply
            assert reply.code is ErrorCode.UNAVAILABLE
            del store.acknowledge_batch  # the database is back

            again = await relay.logged_in(device)
            (redelivered,) = await again.wait_deliveries(1)
            assert redelivered.envelope_id == "E2"
            assert isinstance(await again.request(_ack(again, "E2")), Acked)

    asyncio.run(scenario())


def test_a_full_delivery_window_moves_on_with_each_ack(
    any_relay_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pump waits for room when its window is full and an ack wakes it then only
    (it no longer reads the mailbox after every ack): nothing stalls, nothing repeats."""
    monkeypatch.setattr(relay_session, "DELIVERY_WINDOW", 3)

    async def scenario() -> None:
        async with live_relay(any_relay_root) as relay:
            anna, _ = await relay.enrolled("weber.anna", "WEBER-PC1")
            conn, device = await relay.enrolled("mueller.jonas", DEVICES[0])
            await conn.close()
            for i in range(7):
                assert isinstance(await _send(anna, f"W{i}", DEVICES[:1]), EnvelopeAccepted)
            jonas = await relay.logged_in(device)
            first = await jonas.wait_deliveries(3)
            assert [d.envelope_id for d in first] == ["W0", "W1", "W2"]
            assert await jonas.quiet(0.3) == []  # the window is full
            assert isinstance(await jonas.request(_ack(jonas, "W1")), Acked)
            more = await jonas.wait_deliveries(4)
            assert more[3].envelope_id == "W3" and await jonas.quiet(0.3) == []
            for envelope_id in ("W0", "W2", "W3"):
                assert isinstance(await jonas.request(_ack(jonas, envelope_id)), Acked)
            rest = await jonas.wait_deliveries(7)
            assert [d.envelope_id for d in rest[4:]] == ["W4", "W5", "W6"]
            assert await jonas.quiet(0.3) == []

    asyncio.run(scenario())
