"""The relay's transport: TLS websockets, one frame per binary message.

Why websockets: a well-kept asyncio library that gives us message framing with a size
limit, keepalive pings and clean close codes over TLS, so our own code stays a
sans-I/O protocol (desktop_app.protocol) plus the transport-free ``RelayHandler``.

Threads: the event loop does I/O only. Every store access runs on one database thread
(``_db``), which keeps SQLite single-writer and lets an fsync not stall other
connections. Each authenticated connection also runs a delivery pump that pushes its
device's mailbox with at most ``DELIVERY_WINDOW`` unacknowledged envelopes in flight;
new mail wakes it through ``_wake`` (called from the database thread).

Admin commands run in another process and write the same database. A watcher polls the
number of the newest revocation list every ``REVOCATION_POLL_S``; when it grows, every
authenticated connection gets the new list pushed (``Revocations(req_id=0)``) and the
connections of devices revoked meanwhile are closed with ``device_revoked``.

Several nodes on one PostgreSQL (``bus``, relay/node_bus.py): other nodes and admin
commands announce new mail and new revocation lists by NOTIFY, so there is no polling
loop; mail for a device connected here wakes its delivery pump at once, a new list is
pushed and enforced at once.

Admission (relay/gate.py, relay/conn_limits.py): the relay listens on its own socket
whose accept refuses, before any TLS work, a connection beyond the total cap (sized to
the open-files limit) or beyond the per-address caps for connections not logged in and
for handshakes in progress. TLS and the websocket upgrade each get
``tls_handshake_timeout_s``, the login ``login_timeout_s``. A peer that lets the
relay's answers (pongs) pile up unread, or sends more before its login than a login
takes, is dropped (relay/peer_buffers.py).

Memory: asyncio gives every TLS connection a read buffer of 256 KiB, allocated and
zeroed up front, which made up most of the ~300 KiB a connection cost. ``start``
lowers it for the whole relay process (``RELAY_TLS_READ_BUFFER``; the relay makes no
TLS connections of its own, and clients run in other processes). docs/relay.md, Load.
"""

from __future__ import annotations

import asyncio
import asyncio.sslproto
import contextlib
import logging
import ssl
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from websockets.asyncio.server import Server, ServerConnection, serve

from desktop_app.protocol.limits import MAX_FRAME_BYTES, KiB
from desktop_app.relay.ack_batcher import AckBatcher
from desktop_app.relay.batcher import EnvelopeBatcher
from desktop_app.relay.conn_limits import ConnectionLimits
from desktop_app.relay.device_slots import DeviceSlots
from desktop_app.relay.errors import RelayStoreError
from desktop_app.relay.gate import ConnectionGate, Phase, gated_listener, peer_key
from desktop_app.relay.handler import RelayContext
from desktop_app.relay.mail_handoff import MailBell
from desktop_app.relay.metrics import SAMPLE_INTERVAL_S, RelayMetrics
from desktop_app.relay.node_bus import PgNodeBus
from desktop_app.relay.peer_buffers import GuardedConnection
from desktop_app.relay.session import Session
from desktop_app.relay.store_base import MailboxItem

log = logging.getLogger("wardlink.relay")

EXPIRY_INTERVAL_S = 3600.0
REVOCATION_POLL_S = 1.0
PING_INTERVAL_S = 20.0
PING_TIMEOUT_S = 20.0
CLOSE_TIMEOUT_S = 5.0
"""How long a websocket closing handshake may take before the TCP connection is dropped."""
WS_TRY_AGAIN_LATER = 1013
RELAY_TLS_READ_BUFFER = 32 * KiB
"""Bytes asyncio reads from one TLS socket at a time (asyncio's own is 256 KiB per
connection). A TLS record carries at most 16 KiB, so this still takes two records per
read; a 1 MiB frame just takes more reads. Frame sizes are websockets' ``max_size``."""
BLOB_IO_THREADS = 2
"""Threads reading and writing blob files, so attachment bytes never wait in the
database thread's queue (nor it in theirs); appends to blob files take a lock."""
T = TypeVar("T")


def fit_tls_read_buffer() -> None:
    """Set asyncio's per-connection TLS read buffer for this process (the relay's).

    Process-wide because asyncio builds its TLS protocol itself; a class attribute is
    the only setting it offers. A Python without it keeps its own size."""
    protocol = asyncio.sslproto.SSLProtocol
    if isinstance(getattr(protocol, "max_size", None), int):
        protocol.max_size = RELAY_TLS_READ_BUFFER


class RelayServer:
    """Accepts TLS websocket connections and runs one ``_Session`` per connection."""

    def __init__(
        self,
        ctx: RelayContext,
        tls: ssl.SSLContext,
        limits: ConnectionLimits | None = None,
        bus: PgNodeBus | None = None,
        metrics: RelayMetrics | None = None,
    ) -> None:
        self.ctx = ctx
        self.metrics = metrics or RelayMetrics()
        self.sample_metrics = False
        """Count the mailboxes every SAMPLE_INTERVAL_S (only when someone scrapes)."""
        self._tls = tls
        self.limits = limits or ConnectionLimits()
        self.gate = ConnectionGate(self.limits, self._refused)
        self._db = ThreadPoolExecutor(max_workers=1, thread_name_prefix="relay-db")
        self._blob_io = ThreadPoolExecutor(BLOB_IO_THREADS, thread_name_prefix="relay-blobs")
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: Server | None = None
        self.waiters: dict[str, set[MailBell]] = defaultdict(set)
        self._wake_lock = threading.Lock()
        self._to_wake: dict[str, list[MailboxItem] | None] = {}
        """Wakeups from other threads, waiting for the loop (one hop for all of them)."""
        self._sessions: set[Session] = set()
        self._tasks: list[asyncio.Task[None]] = []
        self._checks: set[asyncio.Task[None]] = set()  # revocation checks the bus asked for
        self._crl_number: int | None = None
        self.bus = bus
        self.exclusive_writer = bus is None  # else another node may write mailboxes too
        self._stopping = False
        self.handshake_timeout_s = self.limits.login_timeout_s
        """Seconds from websocket open to login (tests shorten it)."""
        self.envelopes = EnvelopeBatcher(ctx, self.call)
        self.acks = AckBatcher(ctx.store, self.call, ctx.clock_ms)
        ctx.notify = self._wake_threadsafe
        ctx.admit_login = DeviceSlots(self.gate, self.waiters, ctx.clock_ms).refusal
        self.metrics.connections.set_function(lambda: len(self._sessions))
        self.metrics.devices.set_function(lambda: len(self.waiters))
        self.metrics.commit_queue.set_function(lambda: self.envelopes.waiting)

    @property
    def connections(self) -> int:
        return len(self._sessions)

    async def start(self, host: str, port: int) -> tuple[str, int]:
        """Listen on ``host``:``port`` (0 picks a free port); returns the bound address."""
        self._loop = asyncio.get_running_loop()
        self._crl_number = await self.call(self.ctx.store.revocations_number)
        self._fit_to_open_files()
        fit_tls_read_buffer()
        listener = gated_listener(host, port, self.gate)
        self.ctx.audit.start()
        timeout = self.limits.tls_handshake_timeout_s
        self._server = await serve(
            self._serve,
            sock=listener,
            ssl=self._tls,
            ssl_handshake_timeout=timeout,
            open_timeout=timeout,
            max_size=MAX_FRAME_BYTES,
            compression=None,
            server_header=None,
            ping_interval=PING_INTERVAL_S,
            ping_timeout=PING_TIMEOUT_S,
            close_timeout=CLOSE_TIMEOUT_S,
            create_connection=GuardedConnection,
        )
        self.envelopes.start()
        self.acks.start()
        self._tasks = [asyncio.create_task(self._expire_periodically())]
        if self.sample_metrics:
            self._tasks.append(asyncio.create_task(self._sample_periodically()))
        if self.bus is None:
            self._tasks.append(asyncio.create_task(self._watch_revocations()))
        else:
            self.bus.start(_BusEvents(self, self._loop))
        sock = next(iter(self._server.sockets))
        bound = sock.getsockname()
        self.ctx.audit.record("relay_started", relay_id=self.ctx.relay_id)
        return str(bound[0]), int(bound[1])

    async def stop(self) -> None:
        """Stop accepting, close connections, finish database work, close the store.

        Envelopes already acknowledged are on disk; anything in flight is resent by the
        clients' outboxes after they reconnect. Safe to call twice.
        """
        if self._stopping:
            return
        self._stopping = True
        self.gate.accepting = False
        if self.bus is not None:
            await asyncio.to_thread(self.bus.stop)
        self._tasks += self._checks
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        if self._server is not None:
            self._server.close()  # close code 1001 "going away" to every client
            await self._server.wait_closed()
        await self.envelopes.stop()
        await self.acks.stop()
        self._db.shutdown(wait=True)
        self._blob_io.shutdown(wait=True)
        self.ctx.store.close()
        self.ctx.audit.close()  # queued lines and refusal counts first, then the stop
        self.ctx.audit.record("relay_stopped", relay_id=self.ctx.relay_id)

    def _fit_to_open_files(self) -> None:
        """Cap the total below the open-files limit: out of descriptors, the relay can
        neither accept, nor write its audit log, nor close idle connections in time."""
        configured = self.limits.max_connections
        self.limits, open_files = self.limits.fitted_to_open_files()
        self.gate.limits = self.limits
        if self.limits.max_connections < configured:
            log.warning(
                "at most %d connections (not %d): the open-files limit is %d; raise "
                "LimitNOFILE (systemd) or ulimit -n",
                self.limits.max_connections,
                configured,
                open_files,
            )

    def _refused(self, peer: str, reason: str) -> None:
        """A connection closed at accept (the audit log and the log coalesce repeats)."""
        self.ctx.audit.record("connection_refused", peer=peer, reason=reason)
        self.metrics.refused.labels(reason).inc()
        log.warning("refused a connection from %s: %s", peer, reason)

    # ---- plumbing --------------------------------------------------------------------

    async def call(self, fn: Callable[..., T], *args: Any) -> T:
        loop = self._loop or asyncio.get_running_loop()
        return await loop.run_in_executor(self._db, self._timed, fn, args)

    async def blob_io(self, fn: Callable[..., T], *args: Any) -> T:
        """Blob file work (relay/blob_transfer.py), beside the database thread."""
        loop = self._loop or asyncio.get_running_loop()
        return await loop.run_in_executor(self._blob_io, fn, *args)

    def _timed(self, fn: Callable[..., T], args: tuple[Any, ...]) -> T:
        """Run one job on the database thread and time it for the metrics."""
        start = time.perf_counter()
        try:
            return fn(*args)
        finally:
            operation = getattr(fn, "__name__", "other")
            self.metrics.database_seconds.labels(operation).observe(time.perf_counter() - start)

    async def _sample_periodically(self) -> None:
        while True:
            try:
                depth = await self.call(self.ctx.store.mailbox_depth)
                self.metrics.mailbox_depth.set(depth)
            except RelayStoreError as exc:
                log.warning("cannot count the mailboxes for the metrics: %s", exc)
            await asyncio.sleep(SAMPLE_INTERVAL_S)

    def _wake_threadsafe(self, device_id: str, items: Sequence[MailboxItem] | None = None) -> None:
        """From the database or the node bus thread: new mail for ``device_id`` (``items``:
        all of it, as committed by this process). The wakeups of one commit reach the
        loop in one hop, not one self-pipe write each."""
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        with self._wake_lock:
            first = not self._to_wake
            known = self._to_wake.get(device_id, [])
            merged = None if items is None or known is None else [*known, *items]
            self._to_wake[device_id] = merged
        if first:
            loop.call_soon_threadsafe(self._wake_pending)

    def _wake_pending(self) -> None:
        with self._wake_lock:
            pending, self._to_wake = self._to_wake, {}
        for device_id, items in pending.items():
            self._wake(device_id, items)

    def _wake(self, device_id: str, items: Sequence[MailboxItem] | None = None) -> None:
        """Ring the device's sessions with the rows this node committed for it, or None
        for another node's mail: read the mailbox (relay/mail_handoff.py)."""
        for bell in self.waiters.get(device_id, ()):
            bell.ring(items)

    async def _expire_periodically(self) -> None:
        while True:
            try:
                await self._expire_once()
            except RelayStoreError as exc:
                log.error("expiry failed: %s", exc)
            except Exception:
                log.exception("expiry failed")
            await asyncio.sleep(EXPIRY_INTERVAL_S)

    async def _expire_once(self) -> None:
        envelopes, blobs = await self.call(self._expire_job, self.ctx.clock_ms())
        if envelopes or blobs:
            log.info("expired %d envelopes and %d blobs", envelopes, blobs)

    def _expire_job(self, now: int) -> tuple[int, int]:
        """One database-thread job, so a stop cannot cancel it between dropping the blob
        rows and deleting their files (which would leave the files behind for good)."""
        envelopes, blob_ids = self.ctx.store.expire(now)
        self.ctx.store.forget_role_requests(now)
        handovers = self.ctx.store.forget_handovers(now - self.ctx.handover_keep_ms)
        if handovers:
            log.info("forgot %d role hand-overs older than audit_retention_days", handovers)
        for blob_id in blob_ids:
            self.ctx.blobs.delete(blob_id)
        if not self.ctx.store.truncate_journal():
            log.info("the database journal is in use; it is truncated at the next expiry run")
        self._drop_migrated_store(now)
        return envelopes, len(blob_ids)

    def _drop_migrated_store(self, now: int) -> None:
        """relay.db.migrated holds the mailboxes, devices and dedupe keys of the day of
        the move to PostgreSQL: past the retention period all its mail has expired, and
        it must not outlive what docs/privacy.md promises in every later backup."""
        path = self.ctx.migrated_store
        if path is None:
            return
        try:
            age_ms = now - int(path.stat().st_mtime * 1000)
        except FileNotFoundError:
            return
        if age_ms <= self.ctx.retention_ms:
            return
        for leftover in (
            path,
            path.with_name(path.name + "-wal"),
            path.with_name(path.name + "-shm"),
        ):
            leftover.unlink(missing_ok=True)
        log.info(
            "deleted %s (the SQLite store before migrate-store): older than retention_days (%d)",
            path.name,
            self.ctx.retention_days,
        )

    async def _watch_revocations(self) -> None:
        while True:
            await asyncio.sleep(REVOCATION_POLL_S)
            try:
                await self._check_revocations()
            except RelayStoreError as exc:
                log.error("revocation check failed: %s", exc)
            except Exception:  # keep watching: a missed push must not end all pushes
                log.exception("revocation check failed")

    async def check_revocations(self) -> None:
        """Push a new revocation list now (the node bus heard of one)."""
        try:
            await self._check_revocations()
        except RelayStoreError as exc:
            log.error("revocation check failed: %s", exc)

    async def database_lost(self) -> None:
        """Tell every connection the store is gone and close it: the clients fail over."""
        sessions = list(self._sessions)
        log.error("closing %d connections: the relay database is unreachable", len(sessions))
        await asyncio.gather(*(s.database_lost() for s in sessions), return_exceptions=True)

    def wake_all(self) -> None:
        """Every connected device reads its mailbox again (news may have been missed)."""
        for device_id in list(self.waiters):
            self._wake(device_id)

    async def _check_revocations(self) -> None:
        number = await self.call(self.ctx.store.revocations_number)
        if number is None or number == self._crl_number:
            return
        self._crl_number = number
        crl = await self.call(self.ctx.trust.revocations)
        log.info("revocation list %d: pushing to %d connections", number, len(self._sessions))
        # Concurrently: one slow client must not hold up the others (or the closing of
        # a revoked device's connection).
        await asyncio.gather(
            *(session.revocations_changed(crl) for session in list(self._sessions)),
            return_exceptions=True,
        )

    # ---- one connection --------------------------------------------------------------

    async def _serve(self, ws: ServerConnection) -> None:
        peer = _peer(ws)
        key = peer_key(ws.remote_address)
        if key is not None:
            self.gate.advance(key, Phase.LOGIN)
        if self._stopping:
            await ws.close(WS_TRY_AGAIN_LATER, "relay stopping")
            return
        session = Session(self, ws, peer)
        self._sessions.add(session)
        try:
            await session.run()
        finally:
            self._sessions.discard(session)
            await session.finish()
            reason = getattr(ws, "dropped_for", None)
            if reason is not None:
                self.ctx.audit.record("protocol_error", peer=peer, reason=reason)


class _BusEvents:
    """The node bus's news (its own thread) handed to the server's event loop."""

    def __init__(self, server: RelayServer, loop: asyncio.AbstractEventLoop) -> None:
        self._server = server
        self._loop = loop

    def mail(self, device_id: str) -> None:
        self._server._wake_threadsafe(device_id)

    def revoked(self) -> None:
        self._soon(self._check)

    def resync(self) -> None:
        self._soon(self._server.wake_all)
        self._soon(self._check)

    def lost(self) -> None:
        self._soon(self._disconnect)

    def _disconnect(self) -> None:
        if self._server._stopping:
            return
        task = asyncio.ensure_future(self._server.database_lost())
        self._server._checks.add(task)
        task.add_done_callback(self._server._checks.discard)

    def _check(self) -> None:
        if self._server._stopping:
            return
        task = asyncio.ensure_future(self._server.check_revocations())
        self._server._checks.add(task)
        task.add_done_callback(self._server._checks.discard)

    def _soon(self, fn: Callable[[], None]) -> None:
        if not self._loop.is_closed():
            with contextlib.suppress(RuntimeError):  # the loop closed meanwhile
                self._loop.call_soon_threadsafe(fn)


def _peer(ws: ServerConnection) -> str:
    address = ws.remote_address
    if isinstance(address, tuple) and len(address) >= 2:
        return f"{address[0]}:{address[1]}"
    return str(address)


__all__ = ["REVOCATION_POLL_S", "RelayServer"]
