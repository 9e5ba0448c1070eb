"""The burst of ``bench message_path`` with its clients spread over several processes.

In the main burst every client shares one Python process and so one core: its
delivered msg/s is capped by the clients' CPU per message (about 2.4 ms for a
sender's and a receiver's work together) long before the relay's. On a ward each PC
has its own CPU. Here the same pairs (a sender and its partner, 1 KB texts as fast as
each sender can) run in N child processes (``multiprocessing`` spawn), set up one
after another (enrollment writes the relay's files), then all start at one moment;
delivered/s is what the receivers decrypted and stored, divided by the time from that
moment to the last receipt (``time.perf_counter``, one clock for all processes on
Linux). The clients' CPU is the children's, the relay's is read from /proc.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from bench.bench_message_path import (
    ADMIN,
    BENCH_KDF,
    HOST,
    ORG,
    Receipts,
    body_for,
    cpu_seconds,
    new_client,
    receive_loop,
    relay_process,
)
from desktop_app.relay.admin import init_relay

SETUP_TIMEOUT_S = 180.0  # one child's enrollments and first messages on a loaded box
START_DELAY_S = 0.3  # the moment every child starts its burst, after the last is told


@dataclass(frozen=True)
class SpreadResult:
    processes: int
    clients: int
    sent: int
    delivered: int
    seconds: float
    cpu_clients: float
    cpu_relay: float

    @property
    def delivered_per_s(self) -> float:
        return self.delivered / self.seconds if self.seconds else 0.0

    def cpu_ms(self, seconds: float) -> float:
        return seconds * 1000 / self.delivered if self.delivered else 0.0


def spread_burst(
    work: Path, processes: int, pairs: int, per_sender: int, seconds: float, drain_s: float
) -> SpreadResult:
    """``pairs`` sender/partner pairs in each of ``processes`` children, one burst."""
    relay_root = work / "relay-spread"
    init_relay(relay_root, ORG, ADMIN, [HOST], kdf=BENCH_KDF)
    spawn = multiprocessing.get_context("spawn")
    with relay_process(relay_root) as relay:
        conns: list[Connection] = []
        children = []
        try:
            for index in range(processes):
                ours, theirs = spawn.Pipe()
                child = spawn.Process(
                    target=_child,
                    args=(
                        _Job(relay_root, work, relay.port, index, pairs, per_sender, seconds,
                             drain_s),
                        theirs,
                    ),
                )  # fmt: skip
                child.start()
                children.append(child)
                conns.append(ours)
                if not ours.poll(SETUP_TIMEOUT_S) or ours.recv() != "ready":
                    raise RuntimeError(f"bench child {index} did not get ready")
            relay_before = cpu_seconds(relay.pid)
            start = time.perf_counter() + START_DELAY_S
            for conn in conns:
                conn.send(start)
            reports = []
            for conn in conns:
                if not conn.poll(seconds + drain_s + SETUP_TIMEOUT_S):
                    raise RuntimeError("a bench child did not report")
                reports.append(conn.recv())
            relay_cpu = cpu_seconds(relay.pid) - relay_before
        finally:
            for child in children:
                child.join(30)
                if child.is_alive():
                    child.kill()
    last = max((r[2] for r in reports if r[1]), default=start)
    return SpreadResult(
        processes,
        processes * pairs * 2,
        sum(r[0] for r in reports),
        sum(r[1] for r in reports),
        last - start,
        sum(r[3] for r in reports),
        relay_cpu,
    )


@dataclass(frozen=True)
class _Job:
    """What one child process runs (pickled to it)."""

    relay_root: Path
    work: Path
    port: int
    index: int
    pairs: int
    per_sender: int
    seconds: float
    drain_s: float


def _child(job: _Job, conn: Connection) -> None:
    asyncio.run(_pairs(job, conn))


async def _pairs(job: _Job, conn: Connection) -> None:
    index, pairs = job.index, job.pairs
    loop = asyncio.get_running_loop()
    clients = [
        await new_client(job.relay_root, job.work, f"bench.p{index}.u{k:03d}", job.port)
        for k in range(2 * pairs)
    ]
    senders, partners = clients[:pairs], clients[pairs:]
    receipts = Receipts()
    stop = asyncio.Event()
    loops = [asyncio.create_task(receive_loop(p, receipts, stop)) for p in partners]
    try:
        chats = []
        for k, (sender, partner) in enumerate(zip(senders, partners, strict=True)):
            first = await sender.messenger.send_text(partner.uid, body_for(f"w{index}.{k}"))
            chats.append(first.conversation_id)
        receipts.expect(pairs)
        await asyncio.wait_for(receipts.arrived.wait(), SETUP_TIMEOUT_S)
        conn.send("ready")
        start = await loop.run_in_executor(None, conn.recv)
        await asyncio.sleep(max(0.0, start - time.perf_counter()))
        cpu_before = time.process_time()
        deadline = start + job.seconds
        sent: list[str] = []

        async def send(k: int) -> None:
            for seq in range(job.per_sender):
                if time.perf_counter() >= deadline:
                    return
                tag = f"s{index}.{k}.{seq}"
                await senders[k].messenger.send_text(chats[k], body_for(tag))
                sent.append(tag)

        await asyncio.gather(*(send(k) for k in range(pairs)))
        end = time.monotonic() + job.drain_s
        while time.monotonic() < end and not set(sent) <= receipts.at.keys():
            await asyncio.sleep(0.05)
        got = [receipts.at[t] for t in sent if t in receipts.at]
        cpu = time.process_time() - cpu_before
        conn.send((len(sent), len(got), max(got) if got else 0.0, cpu))
    finally:
        stop.set()
        await asyncio.gather(*loops, return_exceptions=True)
        for client in clients:
            with contextlib.suppress(Exception):
                await client.close()
