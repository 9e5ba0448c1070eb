"""A host that reaches the metrics port (127.0.0.1 by default, else the monitoring
network) opens idle connections to it, against a real relay."""

from __future__ import annotations

import asyncio
import socket
import threading
import urllib.request
from pathlib import Path

from desktop_app.protocol import Ping, Pong
from desktop_app.relay.metrics import MetricsAddress
from desktop_app.relay.metrics_http import METRICS_MAX_CLIENTS
from tests.relay.conftest import live_relay

IDLE = 200


def test_idle_metrics_connections_do_not_each_hold_a_thread(relay_root: Path) -> None:
    """prometheus-client's server started a thread per connection and never timed an
    idle one out: each half-sent request held a thread for good, without bound. Now at
    most METRICS_MAX_CLIENTS are served at once (the rest are closed) and an idle one
    is dropped after METRICS_REQUEST_TIMEOUT_S; the relay's colleagues are unaffected."""

    async def scenario() -> tuple[int, bool, bytes]:
        async with live_relay(relay_root, metrics=MetricsAddress("127.0.0.1", 0)) as relay:
            endpoint = relay.runner.metrics_endpoint
            assert endpoint is not None and endpoint.bound is not None
            host, port = endpoint.bound
            before = threading.active_count()
            held = []
            for _ in range(IDLE):
                conn = socket.create_connection((host, port))
                conn.sendall(b"GET /metrics HTTP/1.1\r\n")  # and never the rest
                held.append(conn)
            anna, _ = await relay.enrolled("weber.anna", "WEBER-PC1")
            anna_ok = isinstance(await anna.request(Ping(anna.ids.next())), Pong)
            grown = threading.active_count() - before
            for conn in held:
                conn.close()
            page = await asyncio.to_thread(_scrape, host, port)
            return grown, anna_ok, page

    grown, anna_ok, page = asyncio.run(scenario())
    assert anna_ok
    assert grown <= METRICS_MAX_CLIENTS
    assert b"wardlink_relay_connections" in page  # scraping works again afterwards


def _scrape(host: str, port: int) -> bytes:
    """The metrics page, retried while the freed slots are taken back (no timing)."""
    for _ in range(100):
        try:
            with urllib.request.urlopen(f"http://{host}:{port}/metrics", timeout=30) as r:
                return bytes(r.read())
        except OSError:
            continue
    return b""


def test_one_host_cannot_take_every_metrics_slot_from_the_scraper(relay_root: Path) -> None:
    """Attack: one other host that reaches the metrics port keeps half-sent requests
    open (reopening each as it times out): it held all METRICS_MAX_CLIENTS slots, so
    the scraper was refused and the relay's figures went dark. Now one address holds at
    most METRICS_MAX_PER_ADDRESS; the scraper's request from another address is served
    while the other host's connections are still held."""

    async def scenario() -> bytes:
        async with live_relay(relay_root, metrics=MetricsAddress("127.0.0.1", 0)) as relay:
            endpoint = relay.runner.metrics_endpoint
            assert endpoint is not None and endpoint.bound is not None
            host, port = endpoint.bound
            held = []
            for _ in range(METRICS_MAX_CLIENTS * 2):  # from 127.0.0.2, another loopback address
                conn = socket.create_connection((host, port), source_address=("127.0.0.2", 0))
                conn.sendall(b"GET /metrics HTTP/1.1\r\n")  # and never the rest
                held.append(conn)
            try:
                return await asyncio.to_thread(_scrape_once, host, port)
            finally:
                for conn in held:
                    conn.close()

    assert b"wardlink_relay_connections" in asyncio.run(scenario())


def _scrape_once(host: str, port: int) -> bytes:
    with urllib.request.urlopen(f"http://{host}:{port}/metrics", timeout=30) as r:
        return bytes(r.read())
