"""New mail handed from the group commit to the delivery pump (relay/mail_handoff.py).

Through the real relay on both stores: a recipient that read its mailbox to the end
gets new mail without another mailbox read, in order and once; more mail than its
delivery window arrives in full after it acknowledges, each envelope exactly once. Two
nodes on one PostgreSQL: mail this node handed over before another node's older mail
was announced does not hide that mail. Then the bell's and the cursor's rules on their
own: rows already read are dropped, a wakeup without rows or an overflow means "read
the mailbox", and with several nodes a read starts below rows handed over.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from desktop_app.protocol import AckDelivery, Acked, EnvelopeAccepted, SendEnvelope
from desktop_app.protocol.limits import MAX_UNACKED_DELIVERIES
from desktop_app.relay.admin import issue_code
from desktop_app.relay.mail_handoff import HANDED_MAX, MailBell, MailCursor
from desktop_app.relay.nodes import init_node
from desktop_app.relay.store_base import MailboxItem
from tests.conftest import FAST_KDF
from tests.relay.conftest import ADMIN, RelayProcess, live_relay, relay_process
from tests.relay.wire_client import Device, WireClient, org_of


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
            assert reads.count("MUELLER-PC1") == 1  # handed over, not read again
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


def test_with_several_nodes_a_read_starts_below_what_was_handed_over() -> None:
    async def scenario() -> None:
        bell = MailBell()
        cursor = MailCursor(bell, exclusive=False)
        assert cursor.handed(10) is None  # never read: read
        assert cursor.start_read() == 0
        assert cursor.read([_item(1)], 10) == [_item(1)]  # to the end
        bell.ring([_item(5)])  # this node's commit; another node holds row 4, unannounced
        assert cursor.handed(10) == [_item(5)]
        bell.ring(None)  # row 4's news arrives
        assert cursor.handed(10) is None
        assert cursor.start_read() == 1  # below the handed row 5
        assert cursor.read([_item(4), _item(5)], 10) == [_item(4)]  # 5 not again
        assert cursor.after_row == 5
        bell.ring([_item(7)])
        assert cursor.handed(10) == [_item(7)]
        bell.ring(None)
        assert cursor.handed(10) is None
        after = cursor.start_read()
        assert after == 5
        assert cursor.read([_item(6)], 1) == [_item(6)]  # not to the end: 7 stays known
        assert cursor.start_read() == 6
        assert cursor.read([_item(7)], 10) == []  # to the end, 7 was delivered
        assert cursor.after_row == 7
        exclusive = MailCursor(MailBell(), exclusive=True)  # one node: a hand-off is a read
        exclusive.start_read()
        exclusive.read([], 10)
        exclusive.bell.ring([_item(3)])
        assert exclusive.handed(10) == [_item(3)] and exclusive.after_row == 3

    asyncio.run(scenario())


def test_other_nodes_older_mail_announced_late_still_arrives(
    pg_relay_root: Path, tmp_path: Path
) -> None:
    """Row ids follow commit order across nodes, but the news of a commit may arrive
    late: node 1 hands its own newer row to the recipient first. A read position moved
    past that row would never find the other node's older one."""
    node2 = tmp_path / "node2"
    init_node(node2, pg_relay_root, ADMIN, ["127.0.0.1", "localhost"], kdf=FAST_KDF)

    async def scenario(other: RelayProcess) -> None:
        async with live_relay(pg_relay_root) as relay:
            server = relay.runner.server
            held: list[str] = []
            wake = server._wake

            def holding(device_id: str, items: Any = None) -> None:
                if items is None:  # another node's news: held back for now
                    held.append(device_id)
                else:
                    wake(device_id, items)

            server._wake = holding  # type: ignore[method-assign]
            carla, _ = await relay.enrolled("schulz.carla", "SCHULZ-PC1")
            jonas, _ = await relay.enrolled("mueller.jonas", "MUELLER-PC1")
            await jonas.quiet(0.2)  # his pump read the (empty) mailbox to its end
            anna = await WireClient.connect(other.port, org_of(node2))
            device = Device("weber.anna", "WEBER-PC1")
            enrolled = await anna.enroll(device, issue_code(pg_relay_root, "weber.anna").code)
            assert type(enrolled).__name__ == "Enrolled", enrolled
            assert isinstance(
                await anna.request(_envelope(anna, "OLD", "MUELLER-PC1")), EnvelopeAccepted
            )
            for _ in range(100):  # node 1 heard of it, and holds the news back
                if "MUELLER-PC1" in held:
                    break
                await asyncio.sleep(0.05)
            assert "MUELLER-PC1" in held
            assert isinstance(
                await carla.request(_envelope(carla, "NEW", "MUELLER-PC1")), EnvelopeAccepted
            )
            (first,) = await jonas.wait_deliveries(1)
            assert first.envelope_id == "NEW"  # handed over at once
            wake("MUELLER-PC1")  # the news arrives
            got = await jonas.wait_deliveries(2)
            assert [d.envelope_id for d in got] == ["NEW", "OLD"]
            assert await jonas.quiet(0.5) == []  # and nothing twice
            await anna.close()

    with relay_process(node2, advertise=False) as other:
        asyncio.run(scenario(other))
