"""An enrolled colleague's modified client against the relay's newer limits.

Each test performs the attack through a real relay on 127.0.0.1 with the wire client
(tests/relay/wire_client.py), as a colleague's PC speaking the protocol directly would.
"""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path

from websockets.exceptions import WebSocketException

from desktop_app.protocol import (
    Authenticated,
    Error,
    ErrorCode,
    ExportKind,
    ExportRecorded,
    Ping,
    Pong,
    RenewCertificate,
    ReportExport,
)
from desktop_app.relay.conn_limits import MAX_CONNECTIONS_PER_DEVICE, MAX_LOGINS_PER_DEVICE
from desktop_app.relay.data_dir import RelayDataDir
from desktop_app.relay.exports import EXPORT_REPORTS_PER_WINDOW
from tests.relay.conftest import LiveRelay, live_relay
from tests.relay.wire_client import Closed, Device, WireClient

TOTAL = 12
"""The relay's connection total in these tests (relay.json), above the per-device cap."""


def _set_connection_limits(root: Path, **limits: float) -> None:
    path = root / "relay.json"
    doc = json.loads(path.read_text())
    doc["connections"] = limits
    path.write_text(json.dumps(doc))


async def _login(relay: LiveRelay, device: Device) -> tuple[WireClient | None, object]:
    """A new connection logging in as ``device``: (the client if logged in, the reply)."""
    try:
        client = await relay.client()
    except (OSError, TimeoutError, WebSocketException, Closed) as exc:
        return None, exc
    try:
        reply = await client.login(device)
    except Closed as exc:
        return None, exc
    if isinstance(reply, Authenticated):
        return client, reply
    await client.close()
    return None, reply


def test_one_device_cannot_take_every_connection_slot(relay_root: Path) -> None:
    """A colleague's client logs in as its one device again and again: every logged-in
    connection used to count only against the relay's total, so one device could take
    all of them and nobody else could connect. Now a device has at most
    MAX_CONNECTIONS_PER_DEVICE at a node; the rest are refused (rate_limited)."""
    _set_connection_limits(relay_root, max_connections=TOTAL)

    async def scenario() -> tuple[int, list[object], bool]:
        async with live_relay(relay_root) as relay:
            first, mallory = await relay.enrolled("boese.mallory", "BOESE-PC1")
            _, anna = await relay.enrolled("weber.anna", "WEBER-PC1")
            held = [first]
            refusals: list[object] = []
            for _ in range(TOTAL):
                client, reply = await _login(relay, mallory)
                if client is None:
                    refusals.append(reply)
                else:
                    held.append(client)
            anna_client, _ = await _login(relay, anna)
            anna_ok = anna_client is not None and isinstance(
                await anna_client.request(Ping(anna_client.ids.next())), Pong
            )
            for client in held:
                await client.close()
            return len(held), refusals, anna_ok

    held, refusals, anna_ok = asyncio.run(scenario())
    assert anna_ok  # a colleague still connects and logs in
    assert held == MAX_CONNECTIONS_PER_DEVICE < TOTAL - 1
    assert len(refusals) == TOTAL + 1 - MAX_CONNECTIONS_PER_DEVICE
    assert all(isinstance(r, Error) and r.code is ErrorCode.RATE_LIMITED for r in refusals)


def _audit(root: Path, event: str) -> list[dict[str, object]]:
    return [e for e in RelayDataDir(root).audit().entries() if e["event"] == event]


def test_repeated_renewal_requests_do_not_fill_the_audit_log(relay_root: Path) -> None:
    """A colleague's client asks for a certificate renewal over and over, long before
    its certificate is due: every refusal used to be one more audit line (the log rotates
    by day and size but keeps every file for the retention), so one device could fill
    the relay's disk. Refused renewals are now coalesced like refused logins."""
    asks = 300

    async def scenario() -> list[object]:
        async with live_relay(relay_root) as relay:
            client, _ = await relay.enrolled("boese.mallory", "BOESE-PC1")
            replies = []
            for _ in range(asks // 100):  # pipelined, within the open-request limit
                for _ in range(100):
                    await client.send(RenewCertificate(client.ids.next()))
                replies += [await client.next_frame() for _ in range(100)]
            return replies

    replies = asyncio.run(scenario())
    assert all(isinstance(r, Error) and r.code is ErrorCode.CONFLICT for r in replies)
    lines = _audit(relay_root, "renewal_refused")
    assert len(lines) <= 2  # the first in full, then one line with the count
    assert sum(int(str(e.get("repeated", 1))) for e in lines) == asks


def test_a_flood_of_export_reports_is_refused_beyond_the_limit(relay_root: Path) -> None:
    """A colleague's client reports exports that never happened, hundreds a second:
    each was one more audit line kept for the retention (the relay's disk). A device
    now has EXPORT_REPORTS_PER_WINDOW reports a minute; the rest get rate_limited and
    leave no line each."""
    asks = 300

    now = int(time.time() * 1000)  # one window for the whole flood, whenever it runs

    async def scenario() -> list[object]:
        async with live_relay(relay_root, clock_ms=lambda: now) as relay:
            client, _ = await relay.enrolled("boese.mallory", "BOESE-PC1")
            replies = []
            for _ in range(asks // 100):  # pipelined, within the open-request limit
                for _ in range(100):
                    await client.send(ReportExport(client.ids.next(), ExportKind.PDF, 1))
                replies += [await client.next_frame() for _ in range(100)]
            return replies

    replies = asyncio.run(scenario())
    recorded = [r for r in replies if isinstance(r, ExportRecorded)]
    refused = [r for r in replies if isinstance(r, Error)]
    assert len(recorded) == EXPORT_REPORTS_PER_WINDOW
    assert len(refused) == asks - EXPORT_REPORTS_PER_WINDOW
    assert all(r.code is ErrorCode.RATE_LIMITED and not r.fatal for r in refused)
    assert len(_audit(relay_root, "export_recorded")) == EXPORT_REPORTS_PER_WINDOW


def test_logging_in_again_and_again_does_not_fill_the_audit_log(relay_root: Path) -> None:
    """A colleague's client reconnects and logs in in a loop: each login was one more
    ``login`` audit line, kept for the retention (the relay's disk). A device now logs
    in at most MAX_LOGINS_PER_DEVICE times a minute at a node; the rest are refused
    (rate_limited) and counted in a coalesced ``login_refused``."""
    tries = 100
    now = int(time.time() * 1000)  # one window for the whole loop, whenever it runs

    async def scenario() -> list[object]:
        async with live_relay(relay_root, clock_ms=lambda: now) as relay:
            first, mallory = await relay.enrolled("boese.mallory", "BOESE-PC1")
            await first.close()
            replies = []
            for _ in range(tries):
                client, reply = await _login(relay, mallory)
                replies.append(reply)
                if client is not None:
                    await client.close()
            return replies

    replies = asyncio.run(scenario())
    refused = [r for r in replies if not isinstance(r, Authenticated)]
    assert len(refused) == tries - MAX_LOGINS_PER_DEVICE
    assert all(isinstance(r, Error) and r.code is ErrorCode.RATE_LIMITED for r in refused)
    assert len(_audit(relay_root, "login")) == MAX_LOGINS_PER_DEVICE
    assert len(_audit(relay_root, "login_refused")) <= 2  # coalesced
