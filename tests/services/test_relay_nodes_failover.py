"""Two relay nodes on one PostgreSQL with real clients (LiveClient: vodozemac, SQLCipher,
TLS): alice at node 1, bob at node 2, 1:1 and group both ways; node 1 killed with
SIGKILL during a burst of 1,000 messages (issue 15): alice fails over to node 2 and bob
gets every message exactly once; PostgreSQL restarted during such a burst loses nothing."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from desktop_app.relay.admin import issue_code
from desktop_app.relay.nodes import init_node
from desktop_app.services.enrollment import enroll
from desktop_app.services.errors import RelayRefused
from desktop_app.services.identity import RELAY_KEY
from desktop_app.services.live_client import LiveClient
from desktop_app.services.live_views import EVENT_CONNECTION, ConnectionStatus, Link
from desktop_app.storage.container import Container
from desktop_app.storage.keyslot import Owner
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.pg_server import PgServer
from tests.relay.conftest import ADMIN, RelayProcess, relay_process
from tests.services.test_live_client import Events

BURST = 1000
MARKER = "NODE-FAILOVER"
FAILOVER_DEADLINE_S = 5.0
"""Issue 15: a client whose node dies is logged in at another node within 5 s. The
queued rest of the burst goes out after that login (the app's status turns "connected"
once it has); that flush is throughput, reported by the test, not part of the deadline."""
ARRIVAL_TIMEOUT_S = 120.0  # a shared 2-core machine: generous, never a measurement


@contextmanager
def two_nodes(first: Path, second: Path) -> Iterator[tuple[RelayProcess, RelayProcess]]:
    with ExitStack() as stack:
        a = stack.enter_context(relay_process(first, advertise=False))
        b = stack.enter_context(relay_process(second, advertise=False))
        yield a, b


async def _enrolled(root: Path, tmp: Path, uid: str, port: int) -> Container:
    container = Container.create(tmp / uid, PASSPHRASE, Owner(uid), kdf=FAST_KDF)
    await enroll(container, ("127.0.0.1", port), issue_code(root, uid).code, f"PC of {uid}")
    return container


class TimedEvents(Events):
    """Events with the monotonic time each arrived (when the failover connected)."""

    def __init__(self) -> None:
        super().__init__()
        self.at: list[float] = []

    def __call__(self, name: str, payload: object) -> None:
        self.at.append(time.monotonic())
        super().__call__(name, payload)

    def connected_at(self, relay: str) -> float | None:
        for moment, (name, payload) in zip(self.at, self.seen, strict=True):
            status = payload if name == EVENT_CONNECTION else None
            if isinstance(status, ConnectionStatus) and (status.link, status.relay) == (
                Link.CONNECTED,
                relay,
            ):
                return moment
        return None


def _connected(events: Events) -> list[ConnectionStatus]:
    return [
        p
        for n, p in events.seen
        if n == EVENT_CONNECTION and isinstance(p, ConnectionStatus) and p.link is Link.CONNECTED
    ]


async def _live(container: Container, relay: str) -> tuple[LiveClient, TimedEvents]:
    events = TimedEvents()
    client = LiveClient(container, events, relay=relay, discovery=False)
    await client.start()
    await events.wait_for(_connected, ARRIVAL_TIMEOUT_S)
    return client, events


def _bodies(events: Events) -> list[str]:
    return [r.message.body for r in events.rows() if not r.mine]


async def _arrives(events: Events, body: str) -> None:
    await events.wait_for(lambda e: body in _bodies(e), ARRIVAL_TIMEOUT_S)


def test_two_nodes_deliver_both_ways_and_a_killed_node_fails_over_exactly_once(
    pg_relay_root: Path, tmp_path: Path
) -> None:
    root = pg_relay_root
    node2 = tmp_path / "node2"
    init_node(node2, root, ADMIN, ["127.0.0.1"], kdf=FAST_KDF)

    async def scenario(n1: RelayProcess, n2: RelayProcess) -> tuple[float, list[str], int]:
        first, second = f"127.0.0.1:{n1.port}", f"127.0.0.1:{n2.port}"
        alice = await _enrolled(root, tmp_path, "weber.anna", n1.port)
        bob = await _enrolled(root, tmp_path, "mueller.jonas", n2.port)
        carla = await _enrolled(root, tmp_path, "schulz.carla", n1.port)
        a, a_events = await _live(alice, f"{first},{second}")  # node 1 worked last: first
        b, b_events = await _live(bob, second)
        c, c_events = await _live(carla, first)
        try:
            assert _connected(a_events)[-1].relay == first
            cid = await a.start_direct("mueller.jonas")
            await a.send_text(cid, "A->B one to one")
            await _arrives(b_events, "A->B one to one")
            await b.send_text(cid, "B->A one to one")
            await _arrives(a_events, "B->A one to one")
            group = await a.create_group("Station 3B", ["mueller.jonas", "schulz.carla"])
            await a.send_text(group, "A->group")
            await _arrives(b_events, "A->group")
            await _arrives(c_events, "A->group")
            await b.send_text(group, "B->group")
            await _arrives(a_events, "B->group")
            await _arrives(c_events, "B->group")

            killed_at: list[float] = []
            logged_in_at: list[float] = []

            async def kill_node_1() -> None:
                while alice.messages.count(cid) < BURST // 3:
                    await asyncio.sleep(0.01)
                n1.proc.kill()  # SIGKILL: no goodbye, nothing flushed
                killed_at.append(time.monotonic())
                # The session records the node right after the relay's Authenticated.
                while alice.settings.get(RELAY_KEY) != second:
                    await asyncio.sleep(0.01)
                logged_in_at.append(time.monotonic())

            killer = asyncio.create_task(kill_node_1())
            for i in range(BURST):
                await a.send_text(cid, f"{MARKER} {i}")
                # A send while offline only queues and never suspends; the app submits
                # each send as its own job, so the loop runs the reconnect in between.
                await asyncio.sleep(0)
            await asyncio.wait_for(killer, ARRIVAL_TIMEOUT_S)
            await a_events.wait_for(lambda e: a_events.connected_at(second), ARRIVAL_TIMEOUT_S)
            failover = logged_in_at[0] - killed_at[0]
            flushed = (a_events.connected_at(second) or 0.0) - killed_at[0]
            print(f"outbox at node 2 flushed {flushed:.2f} s after SIGKILL of node 1")
            await b_events.wait_for(
                lambda e: len({x for x in _bodies(e) if x.startswith(MARKER)}) == BURST,
                ARRIVAL_TIMEOUT_S,
            )
            await asyncio.sleep(1.0)  # anything delivered twice would come now
            return failover, _bodies(b_events), bob.messages.count(cid)
        finally:
            for client in (a, b, c):
                await client.stop()
            for container in (alice, bob, carla):
                container.close()

    with two_nodes(root, node2) as (n1, n2):
        failover, received, stored = asyncio.run(scenario(n1, n2))
    burst = [x for x in received if x.startswith(MARKER)]
    assert sorted(burst) == sorted(f"{MARKER} {i}" for i in range(BURST))  # each exactly once
    assert stored == BURST + 2  # bob's container: the burst and the two 1:1 texts, once each
    assert failover < FAILOVER_DEADLINE_S, failover
    print(f"failover to node 2 {failover:.2f} s after SIGKILL of node 1")


def test_postgresql_restarted_mid_burst_loses_nothing_and_delivers_once(
    pg_relay_root: Path, pg_server: PgServer, tmp_path: Path
) -> None:
    """The database both nodes share restarts while alice (node 1) sends to bob (node 2):
    sends in the gap are refused, never acknowledged, and resent; the node bus listens
    again and bob gets every message exactly once."""
    root = pg_relay_root
    node2 = tmp_path / "node2"
    init_node(node2, root, ADMIN, ["127.0.0.1"], kdf=FAST_KDF)

    async def scenario(n1: RelayProcess, n2: RelayProcess) -> tuple[list[str], int]:
        first, second = f"127.0.0.1:{n1.port}", f"127.0.0.1:{n2.port}"
        alice = await _enrolled(root, tmp_path, "weber.anna", n1.port)
        bob = await _enrolled(root, tmp_path, "mueller.jonas", n2.port)
        a, _ = await _live(alice, f"{first},{second}")
        b, b_events = await _live(bob, second)
        try:
            cid = await a.start_direct("mueller.jonas")

            async def restart_database() -> None:
                while alice.messages.count(cid) < BURST // 3:
                    await asyncio.sleep(0.01)
                await asyncio.to_thread(pg_server.stop)
                await asyncio.to_thread(pg_server.start)

            restarter = asyncio.create_task(restart_database())
            for i in range(BURST):
                # 'unavailable' while the database is away: the message stays queued,
                # the app drops the link and reconnects, which sends it.
                with contextlib.suppress(RelayRefused):
                    await a.send_text(cid, f"{MARKER} {i}")
            await restarter
            await b_events.wait_for(
                lambda e: len({x for x in _bodies(e) if x.startswith(MARKER)}) == BURST,
                ARRIVAL_TIMEOUT_S,
            )
            await asyncio.sleep(1.0)  # anything delivered twice would come now
            return _bodies(b_events), bob.messages.count(cid)
        finally:
            for client in (a, b):
                await client.stop()
            for container in (alice, bob):
                container.close()

    with two_nodes(root, node2) as (n1, n2):
        received, stored = asyncio.run(scenario(n1, n2))
        for node in (n1, n2):
            assert "Traceback" not in node.stderr()
    burst = [x for x in received if x.startswith(MARKER)]
    assert sorted(burst) == sorted(f"{MARKER} {i}" for i in range(BURST))
    assert stored == BURST


def test_a_pc_that_finds_the_database_away_at_login_connects_once_it_is_back(
    pg_relay_root: Path, pg_server: PgServer, tmp_path: Path
) -> None:
    """The node refuses the login with 'unavailable' while PostgreSQL is down; the PC
    keeps trying (before, that refusal ended its reconnect loop: offline for good)."""
    root = pg_relay_root

    async def scenario(node: RelayProcess) -> list[ConnectionStatus]:
        bob = await _enrolled(root, tmp_path, "mueller.jonas", node.port)
        events = TimedEvents()
        client = LiveClient(bob, events, relay=f"127.0.0.1:{node.port}", discovery=False)
        await asyncio.to_thread(pg_server.stop)
        try:
            await client.start()
            await asyncio.sleep(3.0)  # several login attempts meet the database away
            assert not _connected(events)
            await asyncio.to_thread(pg_server.start)
            await events.wait_for(_connected, ARRIVAL_TIMEOUT_S)
            return _connected(events)
        finally:
            await client.stop()
            bob.close()

    with relay_process(root, advertise=False) as node:
        connected = asyncio.run(scenario(node))
    assert connected and connected[-1].link is Link.CONNECTED
