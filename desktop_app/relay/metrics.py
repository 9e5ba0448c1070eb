"""What hospital IT's monitoring may know about a running relay node: counts and times.

Served in Prometheus' text format (prometheus-client) on an admin address that is off
unless configured (``relay serve --metrics HOST:PORT`` or ``"metrics"`` in relay.json),
meant for the monitoring network or 127.0.0.1 behind a scraper on the same host.

Content-free by construction, like the audit log: no uid, device id, address, envelope id
or conversation appears in a name or a label. The only labels are closed sets — the
protocol's error codes, the admission refusal reasons, and the names of the store's own
functions — so a colleague's client cannot grow the series without end either.

Each relay server owns one ``RelayMetrics`` with its own registry (no process-global
registry: tests run several relays in one process, and the client never imports this).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from wsgiref.simple_server import WSGIServer

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

from desktop_app.relay.metrics_http import serve_metrics

log = logging.getLogger("wardlink.relay.metrics")

DEFAULT_METRICS_PORT = 9464
"""The port Prometheus' exporter registry lists as a default for application exporters."""
SAMPLE_INTERVAL_S = 10.0
"""How often the mailbox depth is counted in the store (a count is not free at scale)."""

# Seconds. Delivery spans an online push (milliseconds) to a PC that was off overnight.
DELIVERY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5, 30, 300, 3600, 86400)
DATABASE_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5)


class RelayMetrics:
    """The node's counters, gauges and histograms, in a registry of their own."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.connections = Gauge(
            "wardlink_relay_connections",
            "Open websocket connections (logged in or not)",
            registry=r,
        )
        self.devices = Gauge(
            "wardlink_relay_devices_connected", "Devices logged in at this node", registry=r
        )
        self.accepted = Counter(
            "wardlink_relay_envelopes_accepted",
            "Envelopes committed and acknowledged to their sender",
            registry=r,
        )
        self.delivered = Counter(
            "wardlink_relay_envelopes_delivered",
            "Envelopes a recipient device acknowledged at this node",
            registry=r,
        )
        self.mailbox_depth = Gauge(
            "wardlink_relay_mailbox_depth",
            "Deliveries stored and not yet acknowledged, all devices (sampled)",
            registry=r,
        )
        self.commit_queue = Gauge(
            "wardlink_relay_commit_queue",
            "Envelopes waiting for the next group commit",
            registry=r,
        )
        self.delivery_seconds = Histogram(
            "wardlink_relay_delivery_seconds",
            "From an envelope's acceptance to its recipient device's acknowledgement",
            buckets=DELIVERY_BUCKETS,
            registry=r,
        )
        self.database_seconds = Histogram(
            "wardlink_relay_database_seconds",
            "Time of one job on the database thread, by store operation",
            ["operation"],
            buckets=DATABASE_BUCKETS,
            registry=r,
        )
        self.errors = Counter(
            "wardlink_relay_errors", "Error frames sent to clients, by code", ["code"], registry=r
        )
        self.refused = Counter(
            "wardlink_relay_connections_refused",
            "Connections closed at accept, by reason",
            ["reason"],
            registry=r,
        )


@dataclass(frozen=True, slots=True)
class MetricsAddress:
    host: str
    port: int

    @classmethod
    def parse(cls, text: str) -> MetricsAddress:
        """``HOST:PORT``, ``[v6]:PORT`` or ``PORT`` (then 127.0.0.1)."""
        host, sep, port = text.strip().rpartition(":")
        if not sep:
            host, port = "127.0.0.1", text.strip()
        host = host.strip("[]") or "127.0.0.1"
        if not port.isdigit() or not 0 <= int(port) <= 65535:
            raise ValueError(f"metrics address {text!r}: expected HOST:PORT")
        return cls(host, int(port))


class MetricsEndpoint:
    """The HTTP endpoint (prometheus-client's own server on a daemon thread)."""

    def __init__(self, metrics: RelayMetrics, address: MetricsAddress) -> None:
        self.metrics = metrics
        self.address = address
        self._server: WSGIServer | None = None
        self._thread: threading.Thread | None = None
        self.bound: tuple[str, int] | None = None

    def start(self) -> tuple[str, int]:
        """Listen; returns the bound address (port 0 picks a free one)."""
        self._server, self._thread = serve_metrics(  # bounded: relay/metrics_http.py
            self.metrics.registry, self.address.host, self.address.port
        )
        host, port = self._server.server_address[:2]
        log.info("metrics on http://%s:%d/metrics", host, port)
        self.bound = str(host), int(port)
        return self.bound

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
