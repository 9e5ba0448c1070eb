"""New mail handed from the group commit to the delivery pump (relay/mail_handoff.py).

Through the real relay on both stores: a recipient that read its mailbox to the end
gets new mail without another mailbox read (on a SQLite relay; on PostgreSQL, where
several nodes may share the store, by a read as before), in order and once; more mail than its
delivery window arrives in full after it acknowledges, each envelope exactly once. Then
the bell's rules on their own: rows already read are dropped, a wakeup without rows or
an overflow means "read the mailbox".
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from desktop_app.protocol import AckDelivery, Acked, EnvelopeAccepted, SendEnvelope
from desktop_app.protocol.limits import MAX_UNACKED_DELIVERIES
from desktop_app.relay.mail_handoff import HANDED_MAX, MailBell
from desktop_app.relay.store_base import MailboxItem
from tests.relay.conftest import live_relay
from tests.relay.wire_client import WireClient


def _envelope(conn: WireClient, envelope_id: str, to: str) -> SendEnvelope:
    return SendEnvelope(conn.ids.next(), envelope_id, [to], envelope_id.encode(), {})  # type: ignore[arg-type]


def test_new_mail_reaches_a_waiting_recipient_without_a_mailbox_read(
    any_relay_root: Path,
) -> None:
    async def scenario() -> None:
        async with live_relay(any_relay_root) as relay:
            store = relay.runner.ctx.store
            reads: list[str] = []
            read = store.pending

            def counted(device_id: str, *args: Any) -> list[MailboxItem]:
                reads.append(device_id)
                return read(device_id, *args)

            store.pending = counted  # type: ignore[method-assign]
            anna, _ = await relay.enrolled("weber.anna", "WEBER-PC1")
            jonas, _ = await relay.enrolled("mueller.jonas", "MUELLER-PC1")
            await jonas.quiet(0.2)  # his pump read the (empty) mailbox once
            assert reads.count("MUELLER-PC1") == 1
            for i in range(5):
                reply = await anna.request(_envelope(anna, f"E{i}", "MUELLER-PC1"))
                assert isinstance(reply, EnvelopeAccepted)
            got = await jonas.wait_deliveries(5)
            assert [(d.envelope_id, d.payload) for d in got] == [
                (f"E{i}", f"E{i}".encode()) for i in range(5)
            ]
            if relay.runner.server.bus is None:  # one node: handed over, not read again
                assert reads.count("MUELLER-PC1") == 1
            else:  # PostgreSQL (nodes may share it): every wakeup is a mailbox read
                assert reads.count("MUELLER-PC1") > 1
            assert await jonas.quiet(0.3) == []  # and nothing twice

    asyncio.run(scenario())


def test_more_mail_than_the_window_arrives_once_and_in_order(any_relay_root: Path) -> None:
    total = MAX_UNACKED_DELIVERIES + 44

    async def scenario() -> None:
        async with live_relay(any_relay_root) as relay:
            anna, _ = await relay.enrolled("weber.anna", "WEBER-PC1")
            jonas, _ = await relay.enrolled("mueller.jonas", "MUELLER-PC1")
            await jonas.quiet(0.2)
            for start in range(0, total, 100):  # pipelined: they share group commits
                batch = range(start, min(total, start + 100))
                for i in batch:
                    await anna.send(_envelope(anna, f"E{i:03}", "MUELLER-PC1"))
                for _ in batch:
                    assert isinstance(await anna.next_frame(), EnvelopeAccepted)
            first = await jonas.wait_deliveries(MAX_UNACKED_DELIVERIES)
            assert await jonas.quiet(0.3) == []  # the window is full
            acks = [(d.sender_device, d.envelope_id) for d in first]
            reply = await jonas.request(AckDelivery(jonas.ids.next(), acks))
            assert isinstance(reply, Acked) and reply.count == MAX_UNACKED_DELIVERIES
            got = await jonas.wait_deliveries(total)
            assert [d.envelope_id for d in got] == [f"E{i:03}" for i in range(total)]
            assert await jonas.quiet(0.3) == []

    asyncio.run(scenario())


def _item(row: int) -> MailboxItem:
    return MailboxItem(row, f"E{row}", "anna", "A1", 0, b"ct", None)


def test_the_bell_hands_over_only_what_is_new_and_otherwise_asks_for_a_read() -> None:
    async def scenario() -> None:
        bell = MailBell()
        bell.ring([_item(1)])
        assert bell.is_set() and bell.take(0, 10) is None  # never read yet: read
        bell.begin_read()  # the read sees rows 1..3
        bell.ring([_item(3), _item(4)])  # row 3 committed before the read, 4 after
        assert bell.take(3, 10) == [_item(4)]
        assert bell.take(4, 10) == []  # nothing new
        bell.ring([_item(5), _item(6)])
        assert bell.take(4, 1) is None  # more than the window: read the rest
        bell.begin_read()
        bell.ring(None)  # news from elsewhere (another node, a resync)
        bell.ring([_item(7)])
        assert bell.take(6, 10) is None
        bell.begin_read()
        bell.ring([_item(r) for r in range(8, 8 + HANDED_MAX)])
        bell.ring([_item(8 + HANDED_MAX)])  # past what a bell keeps
        assert bell.take(7, HANDED_MAX + 10) is None

    asyncio.run(scenario())
