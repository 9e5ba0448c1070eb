"""Issue 16, findings 3, 4 and 11: an unauthenticated host tries to exhaust the relay.

Each test performs the attack against a real relay (TLS on loopback). The flooding host
is 127.0.0.2 (Linux routes all of 127/8 to loopback) so that per-address caps can be
shown to hit the flooder and not the colleagues on 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from pathlib import Path

import pytest
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import WebSocketException

from desktop_app.protocol import Authenticated, Ping, Pong
from desktop_app.protocol.limits import MAX_FRAME_BYTES
from desktop_app.relay.admin import issue_code
from desktop_app.relay.data_dir import RelayDataDir
from desktop_app.services.tls_client import client_context
from tests.relay.conftest import live_relay, relay_process
from tests.relay.wire_client import Device, WireClient, org_of

FLOODER = "127.0.0.2"
WAIT_S = 60.0
"""Bound on waiting for the relay to act; the tests assert what happens, not when."""


def _set_connection_limits(root: Path, **limits: float) -> None:
    path = root / "relay.json"
    doc = json.loads(path.read_text())
    doc["connections"] = limits
    path.write_text(json.dumps(doc))


async def _idle(port: int, root: Path, source: str) -> ClientConnection | None:
    """A TLS websocket that never says Hello; None if the relay refused it."""
    try:
        return await connect(
            f"wss://127.0.0.1:{port}/",
            ssl=client_context(org_of(root).root_pem()),
            max_size=MAX_FRAME_BYTES,
            compression=None,
            open_timeout=WAIT_S,
            local_addr=(source, 0),
            ping_interval=None,
        )
    except (OSError, TimeoutError, WebSocketException):  # refused: reset, EOF in TLS or HTTP
        return None


async def _flood(port: int, root: Path, count: int, source: str) -> list[ClientConnection]:
    tries = await asyncio.gather(*(_idle(port, root, source) for _ in range(count)))
    return [ws for ws in tries if ws is not None]


async def _ping(client: WireClient) -> bool:
    return isinstance(await client.request(Ping(client.ids.next())), Pong)


def _refused_total(root: Path, event: str, reason: str | None = None) -> tuple[int, int]:
    """(lines, refusals those lines stand for) of ``event`` (with ``reason``, if given)."""
    lines = [
        e
        for e in RelayDataDir(root).audit().entries()
        if e["event"] == event and reason in (None, e.get("reason"))
    ]
    return len(lines), sum(int(e.get("repeated", 1)) for e in lines)  # type: ignore[call-overload]


def test_one_address_cannot_take_the_connections_of_everyone(relay_root: Path) -> None:
    """Finding 3: idle unauthenticated connections from one host are capped per address;
    a colleague on another address connects and logs in during the flood."""
    _set_connection_limits(
        relay_root, max_unauthenticated_per_address=4, max_handshakes_per_address=2
    )
    flood_size = 30

    async def scenario() -> tuple[int, bool, bool]:
        async with live_relay(relay_root) as relay:
            anna_conn, _ = await relay.enrolled("weber.anna", "WEBER-PC1")
            jonas_conn, jonas = await relay.enrolled("mueller.jonas", "MUELLER-PC1")
            await jonas_conn.close()
            held = await _flood(relay.port, relay_root, flood_size, FLOODER)
            anna_ok = await _ping(anna_conn)
            jonas_again = await relay.logged_in(jonas)  # a new login, during the flood
            jonas_ok = await _ping(jonas_again)
            for ws in held:
                await ws.close()
            return len(held), anna_ok, jonas_ok

    held, anna_ok, jonas_ok = asyncio.run(scenario())
    assert held <= 4
    assert anna_ok and jonas_ok
    lines, refusals = _refused_total(relay_root, "connection_refused")
    assert refusals == flood_size - held  # every refusal is counted...
    assert lines <= 4  # ...in one line per reason and its "repeated" summary


def test_idle_connections_are_closed_when_descriptors_run_short(relay_root: Path) -> None:
    """Finding 4: under a low open-files limit, a flood of idle connections neither
    exhausts descriptors nor stops the login deadline; the log stays short."""
    _set_connection_limits(
        relay_root,
        max_unauthenticated_per_address=1000,
        max_handshakes_per_address=1000,
        login_timeout_s=1,
        # 300 handshakes at once on two loaded cores can take over a second each: with a
        # 1 s cut none was held on CI once (the point here is the login deadline)
        tls_handshake_timeout_s=10,
    )
    flood_size = 300  # more than the child's 256 descriptors

    async def scenario(port: int) -> tuple[int, bool, bool]:
        org = org_of(relay_root)
        anna = Device("weber.anna", "WEBER-PC1")
        anna_conn = await WireClient.connect(port, org)
        assert (
            type(await anna_conn.enroll(anna, issue_code(relay_root, "weber.anna").code)).__name__
            == "Enrolled"
        )
        jonas = Device("mueller.jonas", "MUELLER-PC1")
        jonas_conn = await WireClient.connect(port, org)
        await jonas_conn.enroll(jonas, issue_code(relay_root, "mueller.jonas").code)
        await jonas_conn.close()
        held = await _flood(port, relay_root, flood_size, FLOODER)
        # Every idle connection is closed by the relay (its login deadline).
        await asyncio.wait_for(asyncio.gather(*(ws.wait_closed() for ws in held)), WAIT_S)
        anna_ok = await _ping(anna_conn)
        again = await WireClient.connect(port, org)
        jonas_ok = isinstance(await again.login(jonas), Authenticated) and await _ping(again)
        return len(held), anna_ok, jonas_ok

    with relay_process(relay_root, advertise=False, open_files=256) as relay:
        held, anna_ok, jonas_ok = asyncio.run(scenario(relay.port))
        log_lines = relay.stderr().splitlines()
    assert 0 < held < flood_size  # the cap (below 256 descriptors) refused the rest
    assert anna_ok and jonas_ok
    assert len(log_lines) < 40, log_lines[-20:]  # repeats are coalesced


def test_a_flood_of_refused_logins_gives_a_few_audit_lines_with_the_count(
    relay_root: Path,
) -> None:
    """Finding 11: refused logins are queued and coalesced, not fsynced one by one."""
    attempts = 40

    async def scenario() -> bool:
        async with live_relay(relay_root) as relay:
            anna_conn, _ = await relay.enrolled("weber.anna", "WEBER-PC1")
            for i in range(attempts):
                intruder = await relay.client()
                reply = await intruder.login(Device("x", f"INTRUDER-{i}"))
                assert type(reply).__name__ == "Error", reply
                with contextlib.suppress(Exception):
                    await intruder.close()
            return await _ping(anna_conn)

    assert asyncio.run(scenario())
    lines, refusals = _refused_total(relay_root, "login_refused", "unknown device")
    assert refusals == attempts
    assert lines <= 2


@pytest.mark.parametrize("limits", [{"max_connections": 0}, {"login_timeout_s": "x"}, {"x": 1}])
def test_bad_connection_settings_are_refused_with_a_clear_message(
    relay_root: Path, limits: dict[str, object]
) -> None:
    from desktop_app.relay.errors import RelayDataError

    path = relay_root / "relay.json"
    doc = json.loads(path.read_text())
    doc["connections"] = limits
    path.write_text(json.dumps(doc))
    with pytest.raises(RelayDataError, match="connection"):
        RelayDataDir(relay_root).read_settings()
