"""Memory per idle connection on the relay, and what a flood from one address gets.

Issue 16, finding 3: before the per-address caps, 2,000 idle connections from one host
took every slot (relay at 648 MiB). Measured here, each case on a fresh relay child
(``wardlink relay serve``, real TLS, 127.0.0.1), against the same relay with no
connection in the same run:

- **TCP only**: connected, no TLS bytes sent (the TLS handshake phase).
- **websocket, no login**: TLS and websocket upgrade done, nothing sent after (the
  login phase).
For these two the per-address caps and timeouts are raised in relay.json so that the
connections stay; the figure is relay RSS growth divided by the connections held.

- **flood, default limits**: the same idle websockets from 127.0.0.2 with the shipped
  relay.json; how many the relay admits, and whether a colleague on 127.0.0.1 can
  still log in meanwhile.

Nothing is asserted. Usage: python -m bench relay_idle [--quick]
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import tempfile
import time
from pathlib import Path

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import WebSocketException

from bench.bench_message_path import (
    ADMIN,
    BENCH_KDF,
    HOST,
    ORG,
    proc_status_kib,
    relay_process,
)
from bench.table import print_table
from desktop_app.crypto.org_files import load_org_certificates
from desktop_app.protocol.limits import MAX_FRAME_BYTES
from desktop_app.relay.admin import init_relay
from desktop_app.services.tls_client import client_context

FLOODER = "127.0.0.2"
SETTLE_S = 1.0
HOLD = {
    "max_unauthenticated_per_address": 100_000,
    "max_handshakes_per_address": 100_000,
    "tls_handshake_timeout_s": 600,
    "login_timeout_s": 600,
}


def _relay(tmp: Path, name: str, connections: dict[str, int] | None) -> Path:
    root = tmp / name / "relay"
    init_relay(root, ORG, ADMIN, [HOST], kdf=BENCH_KDF)
    if connections is not None:
        doc = json.loads((root / "relay.json").read_text())
        doc["connections"] = connections
        (root / "relay.json").write_text(json.dumps(doc))
    return root


async def _tcp(port: int) -> asyncio.StreamWriter | None:
    with contextlib.suppress(OSError):
        _, writer = await asyncio.open_connection(HOST, port)
        return writer
    return None


async def _websocket(port: int, root: Path, source: str) -> ClientConnection | None:
    with contextlib.suppress(OSError, TimeoutError, WebSocketException):
        return await connect(
            f"wss://{HOST}:{port}/",
            ssl=client_context(load_org_certificates(root).root_pem()),
            max_size=MAX_FRAME_BYTES,
            compression=None,
            open_timeout=30,
            local_addr=(source, 0),
            ping_interval=None,
        )
    return None


async def _held_rss(root: Path, kind: str, count: int) -> tuple[int, int, int]:
    """(connections held, relay RSS before, after) in KiB."""
    with relay_process(root) as relay:
        await asyncio.sleep(SETTLE_S)
        before = proc_status_kib(relay.pid, "VmRSS")
        if kind == "tcp":
            tcp = [w for w in await asyncio.gather(*(_tcp(relay.port) for _ in range(count))) if w]
            held: list[object] = list(tcp)
        else:
            held = []
            for start in range(0, count, 50):  # in steps: 2 cores, this process does TLS too
                batch = [_websocket(relay.port, root, HOST) for _ in range(min(50, count - start))]
                held += [ws for ws in await asyncio.gather(*batch) if ws is not None]
        await asyncio.sleep(SETTLE_S)
        after = proc_status_kib(relay.pid, "VmRSS")
        for item in held:
            with contextlib.suppress(Exception):
                if isinstance(item, asyncio.StreamWriter):
                    item.close()
                elif isinstance(item, ClientConnection):
                    await item.close()
    return len(held), before, after


async def _flood(root: Path, count: int) -> tuple[int, int, float, bool]:
    """(admitted, relay RSS growth KiB, seconds for the flood, colleague connected)."""
    with relay_process(root) as relay:
        await asyncio.sleep(SETTLE_S)
        before = proc_status_kib(relay.pid, "VmRSS")
        start = time.perf_counter()
        held: list[ClientConnection] = []
        for first in range(0, count, 100):
            batch = [_websocket(relay.port, root, FLOODER) for _ in range(min(100, count - first))]
            held += [ws for ws in await asyncio.gather(*batch) if ws is not None]
        elapsed = time.perf_counter() - start
        colleague = await _websocket(relay.port, root, HOST)
        after = proc_status_kib(relay.pid, "VmRSS")
        for ws in [*held, *([colleague] if colleague else [])]:
            with contextlib.suppress(Exception):
                await ws.close()
    return len(held), after - before, elapsed, colleague is not None


def main(flags: list[str]) -> None:
    count = 200 if "--quick" in flags else 1000
    flood = 500 if "--quick" in flags else 2000
    with tempfile.TemporaryDirectory(prefix="wardlink-bench-idle-") as tmp_name:
        tmp = Path(tmp_name)
        rows: list[list[object]] = []
        _, _, base_after = asyncio.run(_held_rss(_relay(tmp, "base", HOLD), "tcp", 0))
        rows.append(["no connections (baseline)", 0, f"{base_after / 1024:.1f}", "-", "-"])
        for kind, label in (("tcp", "TCP only (TLS phase)"), ("ws", "websocket, no login")):
            held, before, after = asyncio.run(_held_rss(_relay(tmp, kind, HOLD), kind, count))
            per = (after - before) / held if held else 0.0
            rows.append(
                [label, held, f"{after / 1024:.1f}", f"{(after - before) / 1024:.1f}", f"{per:.1f}"]
            )
        print_table(["relay holding", "connections", "RSS MiB", "growth MiB", "KiB/conn"], rows)
        admitted, growth, elapsed, colleague = asyncio.run(
            _flood(_relay(tmp, "flood", None), flood)
        )
        print()
        print_table(
            ["flood from one address", "value"],
            [
                ["connections attempted", flood],
                ["admitted (default caps)", admitted],
                ["flood took, s", f"{elapsed:.1f}"],
                ["relay RSS growth, MiB", f"{growth / 1024:.1f}"],
                ["colleague on another address connected", "yes" if colleague else "no"],
            ],
        )
