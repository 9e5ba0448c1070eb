"""Team files: one document version uploaded and downloaded end to end (issue 14).

Goal from the issue: a 200 MB document version, upload + download, >= 200 MB/s end to
end. Measured with a relay child process on 127.0.0.1 and two real containers: Anna
`put`s the file (encrypt into her blob store, upload), Jonas syncs and `open`s it
(download into his blob store, verify size and SHA-256, decrypt every chunk; the body
is fetched when the version arrives, so his `sync` is timed, up to the end of that
fetch, with the `open`; the bench's own SHA-256 of what `open` yields comes after the
clock stops). The rate is the file size over the summed time of both. Printed, never
asserted.

Each round measures the current blob path and the baseline (bench/blob_baseline.py:
the path before issue 15's attachment work) one after the other, in alternating order,
each with a fresh relay child and after an ``os.sync()`` (a trip writes the body three
times; the kernel's writeback of one trip otherwise slows the next); the table gives
the median of the rounds and the CPU seconds of the clients (this process) and of the
relay child per trip.

Usage: python -m bench documents [--quick] [--profile] [--rounds=N]
  --quick: 20 MB.  --rounds: trips per path (default 2).  --profile: cProfile of the
  clients (this process) and of the relay child's event loop and database thread in
  the current path's last round, printed after the table (that round then pays for
  the profiler: use the figures of a run without it).
"""

from __future__ import annotations

import asyncio
import contextlib
import cProfile
import hashlib
import os
import pstats
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench import blob_baseline
from bench.bench_message_path import (
    ADMIN,
    BENCH_KDF,
    HOST,
    ORG,
    cpu_seconds,
    new_client,
    relay_process,
)
from bench.bench_relay import RELAY_SCRIPT
from bench.table import print_table
from desktop_app.relay.admin import init_relay
from desktop_app.services import attachments
from desktop_app.storage.blobs import StoredBlob

MB = 1_000_000
FULL_MB = 200
QUICK_MB = 20
GOAL_MB_S = 200.0
ROUNDS = 2


@dataclass(frozen=True)
class Trip:
    up_s: float
    down_s: float
    client_cpu_s: float
    relay_cpu_s: float


async def measure(
    relay_root: Path,
    work: Path,
    port: int,
    relay_pid: int,
    size: int,
    profiler: cProfile.Profile | None,
) -> Trip:
    anna = await new_client(relay_root, work, "weber.anna", port)
    jonas = await new_client(relay_root, work, "mueller.jonas", port)
    try:
        cid = await anna.messenger.create_group("Station 3B", ["mueller.jonas"])
        await jonas.messenger.sync()
        source = work / "Dienstplan.bin"
        with source.open("wb") as fh:  # incompressible, written in 8 MB pieces
            for _ in range(0, size, 8 * MB):
                fh.write(os.urandom(min(8 * MB, size - fh.tell())))
        if profiler is not None:
            profiler.enable()
        cpu, relay_cpu = time.process_time(), cpu_seconds(relay_pid)
        start = time.perf_counter()
        put = await anna.messenger.documents.put(cid, source)
        up_s = time.perf_counter() - start
        start = time.perf_counter()
        with _fetch_times() as fetched:
            await jonas.messenger.sync()  # receives the version and fetches its body
        synced = (fetched[-1] if fetched else time.perf_counter()) - start
        start = time.perf_counter()
        _v, chunks = await jonas.messenger.documents.open(cid, source.name)
        opened = list(chunks)  # what a viewer gets: every chunk decrypted and checked
        down_s = synced + time.perf_counter() - start
        cpu, relay_cpu = time.process_time() - cpu, cpu_seconds(relay_pid) - relay_cpu
        if profiler is not None:
            profiler.disable()
        digest = hashlib.sha256()  # the bench's own check, not part of the trip
        for chunk in opened:
            digest.update(chunk)
        del opened
        assert digest.hexdigest() == put.sha256, "the downloaded version differs"
        source.unlink()
    finally:
        await anna.close()
        await jonas.close()
    return Trip(up_s, down_s, cpu, relay_cpu)


@contextlib.contextmanager
def _fetch_times() -> Iterator[list[float]]:
    """When each body fetch ended: ``sync`` itself returns only after half a second
    without mail (messenger.IDLE_AFTER_BACKLOG_S), which is no part of the download."""
    ends: list[float] = []
    fetch = attachments.fetch_verified

    async def timed(*args: Any) -> StoredBlob:
        stored = await fetch(*args)
        ends.append(time.perf_counter())
        return stored

    attachments.fetch_verified = timed
    try:
        yield ends
    finally:
        attachments.fetch_verified = fetch


def trip(work: Path, size: int, baseline: bool, profiler: cProfile.Profile | None) -> Trip:
    """One upload + download with a fresh relay (and fresh clients)."""
    relay_root = work / "relay"
    init_relay(relay_root, ORG, ADMIN, [HOST], kdf=BENCH_KDF)
    prof = str(work / "relay.prof") if profiler is not None else ""
    script = (blob_baseline.RELAY_PATCH if baseline else "") + RELAY_SCRIPT.format(
        lean=True, profile=prof
    )
    client_path = blob_baseline.use_in_client() if baseline else contextlib.nullcontext()
    command = (sys.executable, "-c", script, "relay", "serve")
    with relay_process(relay_root, command) as relay, client_path:
        return asyncio.run(measure(relay_root, work, relay.port, relay.pid, size, profiler))


def rows(size: int, now: list[Trip], old: list[Trip]) -> list[list[str]]:
    mb = size / MB

    def rate(trips: list[Trip], seconds: str) -> str:
        s = statistics.median(_seconds(t, seconds) for t in trips)
        return f"{mb / s:.0f} MB/s ({s:.2f} s)"

    def cpu(trips: list[Trip], which: str) -> str:
        return f"{statistics.median(getattr(t, which) for t in trips):.2f} s"

    return [
        [f"put (encrypt + upload) {mb:.0f} MB", rate(now, "up"), rate(old, "up"), ""],
        ["sync + open (download, verify, decrypt)", rate(now, "down"), rate(old, "down"), ""],
        ["end to end", rate(now, "both"), rate(old, "both"), f">= {GOAL_MB_S:.0f} MB/s"],
        ["CPU of the clients per trip", cpu(now, "client_cpu_s"), cpu(old, "client_cpu_s"), ""],
        ["CPU of the relay per trip", cpu(now, "relay_cpu_s"), cpu(old, "relay_cpu_s"), ""],
    ]


def _seconds(t: Trip, which: str) -> float:
    return {"up": t.up_s, "down": t.down_s, "both": t.up_s + t.down_s}[which]


def main(argv: list[str]) -> None:
    size = (QUICK_MB if "--quick" in argv else FULL_MB) * MB
    rounds = next((int(a.split("=", 1)[1]) for a in argv if a.startswith("--rounds=")), ROUNDS)
    profiler = cProfile.Profile() if "--profile" in argv else None
    now: list[Trip] = []
    old: list[Trip] = []
    with tempfile.TemporaryDirectory(prefix="wardlink-bench-docs-") as tmp:
        for n in range(rounds):
            for baseline in (n % 2 == 0, n % 2 == 1):  # alternated: neither always first
                os.sync()  # the previous trip's writeback must not slow this one
                work = Path(tmp) / f"{n}-{'old' if baseline else 'now'}"
                work.mkdir()
                last = n == rounds - 1 and not baseline
                done = trip(work, size, baseline, profiler if last else None)
                (old if baseline else now).append(done)
        headers = ["document version", "now", "baseline (old path)", "goal"]
        print_table(headers, rows(size, now, old))
        print(
            f"\nMedian of {rounds} round(s); each round runs both paths with a fresh relay. "
            "Baseline: the relay's chunk file work on its database thread,\n"
            "the download read back from disk to verify (bench/blob_baseline.py).\n"
        )
        if profiler is not None:
            prof = Path(tmp) / f"{rounds - 1}-now" / "relay.prof"
            print("\n--- clients (this process), tottime")
            pstats.Stats(profiler).sort_stats("tottime").print_stats(20)
            for part in ("loop", "db"):
                print(f"\n--- relay {part}, tottime")
                pstats.Stats(f"{prof}.{part}").sort_stats("tottime").print_stats(15)
