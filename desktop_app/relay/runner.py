"""The one composition of a running relay: data dir -> store, trust, server; clean stop.

``RelayRunner.load(dir, passphrase)`` unwraps exactly what serving needs, the issuing key
(to certify enrolling devices) and the relay's TLS key; the root key stays wrapped.
``run_until_signal`` is what ``wardlink relay serve`` runs: start, report the address,
wait for SIGTERM/SIGINT, then stop accepting, close every connection, let the database
thread finish and close the store. Every envelope the relay acknowledged was committed
before its ``EnvelopeAccepted``, so stopping (or a crash) loses none of them.

Tests compose the same runner in-process (``start``/``stop`` on their own event loop),
so the CLI and the tests exercise one code path.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import ssl
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from cryptography import x509

from desktop_app.crypto.certificates import load_relay_credentials
from desktop_app.crypto.fingerprint import spki_sha256
from desktop_app.crypto.org import IssuingAuthority
from desktop_app.crypto.org_files import load_issuing_authority
from desktop_app.relay.advertise import AdvertiseConfig, RelayAdvertiser
from desktop_app.relay.cert_lifecycle import warn_expiring
from desktop_app.relay.claim_limits import SharedClaimLimiter
from desktop_app.relay.data_dir import RelayDataDir, RelaySettings
from desktop_app.relay.errors import ListenError, RelayDataError
from desktop_app.relay.handler import RelayContext
from desktop_app.relay.issuing_rotation import sign_with_current_ca
from desktop_app.relay.metrics import MetricsAddress, MetricsEndpoint
from desktop_app.relay.migrate_store import MIGRATED_SUFFIX
from desktop_app.relay.node_bus import PgNodeBus
from desktop_app.relay.serve_lock import ServingLock
from desktop_app.relay.server import RelayServer
from desktop_app.relay.store_mailbox import DAY_MS
from desktop_app.relay.store_pg import PgTarget
from desktop_app.relay.tls_server import relay_server_context
from desktop_app.relay.trust_adapter import OrgTrust

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)
log = logging.getLogger("wardlink.relay")
EXPIRY_CHECK_S = 24 * 3600.0  # a relay runs for months: re-check its certificates daily


def _wall_clock_ms() -> int:
    return int(time.time() * 1000)


class RelayRunner:
    """A relay composed from its data directory; ``start``/``stop`` or ``run_until_signal``."""

    def __init__(
        self,
        data: RelayDataDir,
        issuer: IssuingAuthority,
        tls: ssl.SSLContext,
        *,
        clock_ms: Callable[[], int] = _wall_clock_ms,
        now: Callable[[], datetime] | None = None,
        relay_spki: bytes | None = None,
        tls_certificate: x509.Certificate | None = None,
    ) -> None:
        self.data = data
        self.tls_certificate = tls_certificate  # the one served until the next restart
        self.now = now
        self.expiry_check_s = EXPIRY_CHECK_S
        self._expiry_watch: asyncio.Task[None] | None = None
        self.issuer = issuer
        self.relay_spki = relay_spki  # SHA-256 of the TLS key, for the zeroconf advert
        self.advertiser: RelayAdvertiser | None = None
        self.settings: RelaySettings = data.read_settings()
        store = data.open_store()
        store.dedupe_window_ms = self.settings.dedupe_days * DAY_MS
        resigned = sign_with_current_ca(store, issuer, None if now is None else now())
        if resigned != (None, None):
            log.info(
                "signed revocation list / directory version %s with the new issuing CA", resigned
            )
        self.trust = OrgTrust(issuer, store, now)
        self.ctx = RelayContext(
            store=store,
            blobs=data.blob_files(),
            audit=data.audit(),
            trust=self.trust,
            relay_id=self.settings.relay_id,
            clock_ms=clock_ms,
            retention_days=self.settings.retention_days,
            limits=self.settings.limits,
            claims=(
                SharedClaimLimiter(self.settings.limits, store)
                if isinstance(store.path, PgTarget)
                else None
            ),
            migrated_store=(
                data.db_path.with_name(data.db_path.name + MIGRATED_SUFFIX)
                if isinstance(store.path, PgTarget)
                else None
            ),
        )
        bus = PgNodeBus(store.path, store.backend_pid) if isinstance(store.path, PgTarget) else None
        self.server = RelayServer(self.ctx, tls, self.settings.connections, bus)
        self.address: tuple[str, int] | None = None
        self.metrics_address: MetricsAddress | None = None
        """Set before ``start``: serve Prometheus metrics there (relay/metrics.py)."""
        self.metrics_endpoint: MetricsEndpoint | None = None
        self.serving_lock = ServingLock(data.root)
        """Held while serving: no store move meanwhile (relay/serve_lock.py)."""

    @classmethod
    def load(
        cls,
        root: Path,
        passphrase: str,
        *,
        clock_ms: Callable[[], int] = _wall_clock_ms,
        now: Callable[[], datetime] | None = None,
        database: str = "",
    ) -> RelayRunner:
        """Unwrap the issuing and TLS keys (not the root key) and compose the relay.

        ``database``: PostgreSQL address overriding relay.json's (``serve --database``).
        """
        data = RelayDataDir(root, database)
        settings = data.read_settings()
        issuer = load_issuing_authority(root, passphrase)
        creds = load_relay_credentials(root, passphrase)
        if creds.relay_id != settings.relay_id:
            raise RelayDataError(
                f"relay.crt.pem is for relay {creds.relay_id}, relay.json names "
                f"{settings.relay_id}; restore the matching files"
            )
        if creds.org.fingerprint != issuer.certificates.fingerprint:
            raise RelayDataError("relay.crt.pem belongs to another organisation")
        warn_expiring(creds.certificate, issuer, None if now is None else now())
        return cls(
            data,
            issuer,
            relay_server_context(creds),
            clock_ms=clock_ms,
            now=now,
            relay_spki=spki_sha256(creds.certificate),
            tls_certificate=creds.certificate,
        )

    async def start(
        self, host: str, port: int, advertise: AdvertiseConfig | None = None
    ) -> tuple[str, int]:
        self.serving_lock.acquire()
        try:
            return await self._start(host, port, advertise)
        except BaseException:
            self.serving_lock.release()
            raise

    async def _start(
        self, host: str, port: int, advertise: AdvertiseConfig | None
    ) -> tuple[str, int]:
        if self.metrics_address is not None:
            self.metrics_endpoint = self._serve_metrics(self.metrics_address)
        try:
            self.address = await self.server.start(host, port)
        except OSError as exc:
            self._stop_metrics()
            raise ListenError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
        if advertise is not None:
            try:
                await self._advertise(host, self.address[1], advertise)
            except BaseException:
                await self.server.stop()
                raise
        self._expiry_watch = asyncio.create_task(self._watch_expiry())
        return self.address

    def _serve_metrics(self, address: MetricsAddress) -> MetricsEndpoint:
        endpoint = MetricsEndpoint(self.server.metrics, address)
        try:
            endpoint.start()
        except OSError as exc:
            where = f"{address.host}:{address.port}"
            raise ListenError(f"cannot serve metrics on {where}: {exc.strerror or exc}") from exc
        self.server.sample_metrics = True
        return endpoint

    def _stop_metrics(self) -> None:
        if self.metrics_endpoint is not None:
            self.metrics_endpoint.stop()
            self.metrics_endpoint = None

    async def _watch_expiry(self) -> None:
        """Log ``warn_expiring`` every ``expiry_check_s`` (load logged it at start)."""
        while True:
            await asyncio.sleep(self.expiry_check_s)
            warn_expiring(
                self.tls_certificate, self.issuer, None if self.now is None else self.now()
            )

    async def _advertise(self, host: str, port: int, config: AdvertiseConfig) -> None:
        """Announce ``_wardlink._tcp.local.`` (relay/advertise.py), signed by the issuing key."""
        if self.relay_spki is None:
            raise RelayDataError("advertising needs the relay certificate (use RelayRunner.load)")
        self.advertiser = RelayAdvertiser(
            self.issuer, self.settings.relay_id, self.relay_spki, host, port, config
        )
        await self.advertiser.start()

    async def stop(self) -> None:
        self._stop_metrics()
        if self._expiry_watch is not None:
            self._expiry_watch.cancel()
            await asyncio.gather(self._expiry_watch, return_exceptions=True)
            self._expiry_watch = None
        try:
            if self.advertiser is None:
                await self.server.stop()
                return
            # The mDNS goodbye takes a few hundred ms; stop serving meanwhile, not after.
            await asyncio.gather(self.advertiser.stop(), self.server.stop())
        finally:
            self.serving_lock.release()

    async def run_until_signal(
        self,
        host: str,
        port: int,
        ready: Callable[[str, int], None],
        stop: asyncio.Event | None = None,
        advertise: AdvertiseConfig | None = None,
    ) -> None:
        """Serve until SIGTERM/SIGINT (or ``stop`` is set), then stop cleanly."""
        stopping = stop if stop is not None else asyncio.Event()
        loop = asyncio.get_running_loop()
        installed: list[signal.Signals] = []
        for sig in STOP_SIGNALS:
            with contextlib.suppress(NotImplementedError, RuntimeError):  # Windows
                loop.add_signal_handler(sig, stopping.set)
                installed.append(sig)
        try:
            bound = await self.start(host, port, advertise)
            ready(*bound)
            await stopping.wait()
        finally:
            for sig in installed:
                loop.remove_signal_handler(sig)
            await self.stop()
