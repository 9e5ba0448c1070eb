"""Team files: one document version uploaded and downloaded end to end (issue 14).

Goal from the issue: a 200 MB document version, upload + download, >= 200 MB/s end to
end. Measured with a relay child process on 127.0.0.1 and two real containers: Anna
`put`s the file (encrypt into her blob store, upload), Jonas syncs and `open`s it
(download into his blob store, verify size and SHA-256, decrypt every chunk; the body
is fetched when the version arrives, so his `sync` is timed with the `open`). The rate
is the file size over the summed time of both. Printed, never asserted.

Usage: python -m bench documents [--quick] [--profile]
  --quick: 20 MB.  --profile: cProfile of the clients (this process) and of the relay
  child's event loop and database thread, printed after the table.
"""

from __future__ import annotations

import asyncio
import cProfile
import hashlib
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

from bench.bench_message_path import ADMIN, BENCH_KDF, HOST, ORG, new_client, relay_process
from bench.bench_relay import RELAY_SCRIPT
from bench.table import print_table
from desktop_app.relay.admin import init_relay

MB = 1_000_000
FULL_MB = 200
QUICK_MB = 20


async def measure(
    relay_root: Path, work: Path, port: int, size: int, profiler: cProfile.Profile | None
) -> list[list[str]]:
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
        start = time.perf_counter()
        put = await anna.messenger.documents.put(cid, source)
        up_s = time.perf_counter() - start
        start = time.perf_counter()
        await jonas.messenger.sync()  # receives the version and fetches its body
        _v, chunks = await jonas.messenger.documents.open(cid, source.name)
        digest = hashlib.sha256()
        for chunk in chunks:
            digest.update(chunk)
        down_s = time.perf_counter() - start
        if profiler is not None:
            profiler.disable()
        assert digest.hexdigest() == put.sha256, "the downloaded version differs"
    finally:
        await anna.close()
        await jonas.close()
    mb = size / MB
    return [
        [f"put (encrypt + upload) {mb:.0f} MB", f"{up_s:.2f} s", f"{mb / up_s:.0f} MB/s"],
        ["sync + open (download + verify + decrypt)", f"{down_s:.2f} s", f"{mb / down_s:.0f} MB/s"],
        [
            "end to end (goal >= 200 MB/s)",
            f"{up_s + down_s:.2f} s",
            f"{mb / (up_s + down_s):.0f} MB/s",
        ],
    ]


def main(argv: list[str]) -> None:
    size = (QUICK_MB if "--quick" in argv else FULL_MB) * MB
    profiler = cProfile.Profile() if "--profile" in argv else None
    with tempfile.TemporaryDirectory(prefix="wardlink-bench-docs-") as tmp:
        work = Path(tmp)
        relay_root = work / "relay"
        init_relay(relay_root, ORG, ADMIN, [HOST], kdf=BENCH_KDF)
        prof = str(work / "relay.prof") if profiler is not None else ""
        command = (sys.executable, "-c", RELAY_SCRIPT.format(lean=True, profile=prof))
        with relay_process(relay_root, (*command, "relay", "serve")) as relay:
            rows = asyncio.run(measure(relay_root, work, relay.port, size, profiler))
        print_table(["document version", "time", "rate"], rows)
        if profiler is not None:
            print("\n--- clients (this process), tottime")
            pstats.Stats(profiler).sort_stats("tottime").print_stats(20)
            for part in ("loop", "db"):
                print(f"\n--- relay {part}, tottime")
                pstats.Stats(f"{prof}.{part}").sort_stats("tottime").print_stats(15)
