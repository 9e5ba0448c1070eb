"""The metrics endpoint's HTTP server: prometheus-client's WSGI app, bounded.

prometheus-client's own ``start_http_server`` starts a thread per connection and never
times an idle one out, so any host that reaches the metrics port (127.0.0.1 by default,
or the monitoring network) could hold one thread of the relay per half-sent request,
without bound. Here at most ``METRICS_MAX_CLIENTS`` requests are served at once (a
connection beyond that is closed at once, with a log line) and a connection that sends
nothing for ``METRICS_REQUEST_TIMEOUT_S`` is dropped. A scraper asks every few seconds
and is answered in milliseconds, so it never needs more than one: one address holds at
most ``METRICS_MAX_PER_ADDRESS`` of those requests, so a single other host on the
monitoring network cannot take every slot and blind the scraper (several hosts still
can: the port belongs on a network only the monitoring reaches).
"""

from __future__ import annotations

import logging
import socket
import threading
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer

from prometheus_client import CollectorRegistry, make_wsgi_app

log = logging.getLogger("wardlink.relay.metrics")

METRICS_MAX_CLIENTS = 8
"""Metrics requests served at once; further connections are closed at accept."""
METRICS_MAX_PER_ADDRESS = 2
"""Metrics requests one client address may have in progress at once."""
METRICS_REQUEST_TIMEOUT_S = 10.0
"""A metrics connection idle this long (a request never finished) is closed."""


class _QuietHandler(WSGIRequestHandler):
    timeout = METRICS_REQUEST_TIMEOUT_S  # socketserver sets it on the socket

    def log_message(self, format: str, *args: Any) -> None:
        """No line per scrape."""


class BoundedMetricsServer(ThreadingMixIn, WSGIServer):
    """A WSGI server with a thread per request, at most ``max_clients`` at once."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], max_clients: int = METRICS_MAX_CLIENTS) -> None:
        self.address_family = socket.getaddrinfo(
            address[0], address[1], type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0][0]
        self._slots = threading.BoundedSemaphore(max_clients)
        self._max_clients = max_clients
        self._lock = threading.Lock()
        self._by_address: dict[str, int] = {}  # requests in progress per client address
        super().__init__(address, _QuietHandler)

    def process_request(self, request: Any, client_address: Any) -> None:
        address = str(client_address[0])
        refusal = self._take_slot(address)
        if refusal:
            log.warning("metrics: refused a connection from %s: %s", address, refusal)
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)  # starts the thread
        except Exception:
            self._give_back(address)
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._give_back(str(client_address[0]))

    def _take_slot(self, address: str) -> str:
        """Empty when ``address`` may have one more request served, else why not."""
        with self._lock:
            if self._by_address.get(address, 0) >= METRICS_MAX_PER_ADDRESS:
                return f"{METRICS_MAX_PER_ADDRESS} requests of this address in progress already"
            if not self._slots.acquire(blocking=False):
                return f"{self._max_clients} requests in progress already"
            self._by_address[address] = self._by_address.get(address, 0) + 1
            return ""

    def _give_back(self, address: str) -> None:
        with self._lock:
            left = self._by_address.pop(address, 1) - 1
            if left > 0:
                self._by_address[address] = left
            self._slots.release()


def serve_metrics(
    registry: CollectorRegistry, host: str, port: int
) -> tuple[BoundedMetricsServer, threading.Thread]:
    """Listen on ``host``:``port`` and serve ``registry`` on a daemon thread."""
    server = BoundedMetricsServer((host, port))
    server.set_app(make_wsgi_app(registry))
    thread = threading.Thread(target=server.serve_forever, name="relay-metrics", daemon=True)
    thread.start()
    return server, thread
