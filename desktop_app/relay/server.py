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
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import ssl
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.exceptions import ConnectionClosed as WsClosed
from websockets.protocol import State as WsState

from desktop_app.domain.ids import DeviceId, EnvelopeId, Uid
from desktop_app.protocol import (
    NEED_DATA,
    PROTOCOL_VERSION,
    AckDelivery,
    Authenticate,
    Bye,
    Connection,
    ConnectionClosed,
    Deliver,
    Enroll,
    Error,
    ErrorCode,
    Frame,
    Hello,
    LocalProtocolError,
    RemoteProtocolError,
    Revocations,
    Welcome,
    error_frame_for,
)
from desktop_app.protocol.limits import MAX_FRAME_BYTES, MAX_UNACKED_DELIVERIES
from desktop_app.protocol.states import Role, State
from desktop_app.relay.errors import RelayStoreError
from desktop_app.relay.handler import BlobStream, RelayContext, RelayHandler
from desktop_app.relay.store import MailboxItem

log = logging.getLogger("wardlink.relay")

DELIVERY_WINDOW = MAX_UNACKED_DELIVERIES
MAX_CONNECTIONS = 2000
EXPIRY_INTERVAL_S = 3600.0
REVOCATION_POLL_S = 1.0
PING_INTERVAL_S = 20.0
PING_TIMEOUT_S = 20.0
HANDSHAKE_TIMEOUT_S = 30.0
"""A connection must be logged in (Enrolled/Authenticated) this soon after it opens."""
CLOSE_TIMEOUT_S = 5.0
"""How long a websocket closing handshake may take before the TCP connection is dropped."""
WS_GOING_AWAY = 1001
WS_POLICY_VIOLATION = 1008
WS_TRY_AGAIN_LATER = 1013
WS_INTERNAL_ERROR = 1011
T = TypeVar("T")


class SessionClosing(Exception):
    """The websocket is closing; nothing more can be sent on it."""


GONE = (WsClosed, SessionClosing)
"""What ends a session's sending: the peer closed, or we are closing."""


class RelayServer:
    """Accepts TLS websocket connections and runs one ``_Session`` per connection."""

    def __init__(self, ctx: RelayContext, tls: ssl.SSLContext) -> None:
        self.ctx = ctx
        self._tls = tls
        self._db = ThreadPoolExecutor(max_workers=1, thread_name_prefix="relay-db")
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: Server | None = None
        self._waiters: dict[str, set[asyncio.Event]] = defaultdict(set)
        self._sessions: set[_Session] = set()
        self._tasks: list[asyncio.Task[None]] = []
        self._crl_number: int | None = None
        self._stopping = False
        self.handshake_timeout_s = HANDSHAKE_TIMEOUT_S
        ctx.notify = self._wake_threadsafe

    @property
    def connections(self) -> int:
        return len(self._sessions)

    async def start(self, host: str, port: int) -> tuple[str, int]:
        """Listen on ``host``:``port`` (0 picks a free port); returns the bound address."""
        self._loop = asyncio.get_running_loop()
        self._crl_number = await self._call(self.ctx.store.revocations_number)
        self._server = await serve(
            self._serve,
            host,
            port,
            ssl=self._tls,
            max_size=MAX_FRAME_BYTES,
            compression=None,
            server_header=None,
            ping_interval=PING_INTERVAL_S,
            ping_timeout=PING_TIMEOUT_S,
            close_timeout=CLOSE_TIMEOUT_S,
        )
        self._tasks = [
            asyncio.create_task(self._expire_periodically()),
            asyncio.create_task(self._watch_revocations()),
        ]
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
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        if self._server is not None:
            self._server.close()  # close code 1001 "going away" to every client
            await self._server.wait_closed()
        self._db.shutdown(wait=True)
        self.ctx.store.close()
        self.ctx.audit.record("relay_stopped", relay_id=self.ctx.relay_id)

    # ---- plumbing --------------------------------------------------------------------

    async def _call(self, fn: Callable[..., T], *args: Any) -> T:
        loop = self._loop or asyncio.get_running_loop()
        return await loop.run_in_executor(self._db, fn, *args)

    def _wake_threadsafe(self, device_id: str) -> None:
        if self._loop is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self._wake, device_id)

    def _wake(self, device_id: str) -> None:
        for event in self._waiters.get(device_id, ()):
            event.set()

    async def _expire_periodically(self) -> None:
        while True:
            try:
                await self._expire_once()
            except RelayStoreError as exc:
                log.error("expiry failed: %s", exc)
            await asyncio.sleep(EXPIRY_INTERVAL_S)

    async def _expire_once(self) -> None:
        envelopes, blobs = await self._call(self.ctx.store.expire, self.ctx.clock_ms())
        for blob_id in blobs:
            await self._call(self.ctx.blobs.delete, blob_id)
        if envelopes or blobs:
            log.info("expired %d envelopes and %d blobs", envelopes, len(blobs))

    async def _watch_revocations(self) -> None:
        while True:
            await asyncio.sleep(REVOCATION_POLL_S)
            try:
                await self._check_revocations()
            except RelayStoreError as exc:
                log.error("revocation check failed: %s", exc)

    async def _check_revocations(self) -> None:
        number = await self._call(self.ctx.store.revocations_number)
        if number is None or number == self._crl_number:
            return
        self._crl_number = number
        crl = await self._call(self.ctx.trust.revocations)
        log.info("revocation list %d: pushing to %d connections", number, len(self._sessions))
        for session in list(self._sessions):
            await session.revocations_changed(crl)

    # ---- one connection --------------------------------------------------------------

    async def _serve(self, ws: ServerConnection) -> None:
        peer = _peer(ws)
        if len(self._sessions) >= MAX_CONNECTIONS or self._stopping:
            self.ctx.audit.record("connection_refused", peer=peer, reason="too many connections")
            await ws.close(WS_TRY_AGAIN_LATER, "relay busy")
            return
        session = _Session(self, ws, peer)
        self._sessions.add(session)
        try:
            await session.run()
        finally:
            self._sessions.discard(session)
            await session.finish()


class _Session:
    """One connection: reads frames, answers them, and pumps the mailbox after login."""

    def __init__(self, server: RelayServer, ws: ServerConnection, peer: str) -> None:
        self.server = server
        self.ws = ws
        self.peer = peer
        self.conn = Connection(Role.RELAY)
        self.handler = RelayHandler(server.ctx, peer)
        self.inflight: set[str] = set()
        self.wakeup = asyncio.Event()
        self.pump: asyncio.Task[None] | None = None
        self.deadline = asyncio.get_running_loop().call_later(
            server.handshake_timeout_s, self._handshake_overdue
        )
        self.closer: asyncio.Task[None] | None = None

    def _handshake_overdue(self) -> None:
        """Bound idle pre-login connections: they cost a slot and prove nothing."""
        if self.conn.state is State.READY or self.closer is not None:
            return
        self.server.ctx.audit.record("protocol_error", peer=self.peer, reason="login too slow")
        self.closer = asyncio.create_task(
            self._close_with(
                Error(0, ErrorCode.UNAUTHENTICATED, "log in sooner after connecting", True),
                WS_POLICY_VIOLATION,
                drain=False,
            )
        )

    async def send(self, frame: Frame) -> None:
        data = self.conn.send(frame)
        if self.ws.state is not WsState.OPEN:
            # websockets' send() on a closing connection waits up to CLOSE_TIMEOUT_S for
            # the close to finish, and the close may wait for us to read: don't block.
            raise SessionClosing(f"connection to {self.peer} is closing")
        await self.ws.send(data)

    async def run(self) -> None:
        try:
            async for message in self.ws:
                self.conn.receive_data(message)
                if not await self._drain():
                    return
        except GONE:
            await self.close(WS_GOING_AWAY, "closing")
        except RemoteProtocolError as exc:
            self.server.ctx.audit.record("protocol_error", peer=self.peer, reason=exc.message)
            await self._close_with(error_frame_for(exc), WS_POLICY_VIOLATION)
        except RelayStoreError as exc:
            log.error("store failure on %s: %s", self.peer, exc)
            await self._close_with(
                Error(0, ErrorCode.UNAVAILABLE, "the relay cannot store data now", True),
                WS_INTERNAL_ERROR,
            )
        except Exception:
            # A relay bug must end this connection only, never the relay; details stay in
            # the relay's log (the client gets the bare code).
            log.exception("internal error on connection %s", self.peer)
            await self._close_with(
                Error(0, ErrorCode.INTERNAL, "internal relay error", True), WS_INTERNAL_ERROR
            )

    async def _close_with(self, error: Error, ws_code: int, *, drain: bool = True) -> None:
        with contextlib.suppress(*GONE, LocalProtocolError):
            await self.send(error)
        await self.close(ws_code, error.code.value, drain=drain)

    async def close(self, ws_code: int, reason: str, *, drain: bool = True) -> None:
        """Close the websocket, discarding what the client still sends meanwhile.

        A client that pipelined requests may have filled our receive queue; websockets
        then stops reading the socket and would never see the client's close frame, so
        the close would hang for CLOSE_TIMEOUT_S. Reading (and dropping, as the
        protocol allows after our goodbye) keeps the closing handshake prompt. Only the
        task that reads the connection may drain (``drain=False`` from other tasks: the
        reading task then sees the close itself).
        """
        if not drain:
            await self.ws.close(ws_code, reason)
            return
        closing = asyncio.create_task(self.ws.close(ws_code, reason))
        with contextlib.suppress(WsClosed):
            async for _ in self.ws:
                pass
        await closing

    async def _drain(self) -> bool:
        """Handle every queued frame; False once the connection should end."""
        while True:
            event = self.conn.next_event()
            if event is NEED_DATA:
                return True
            if isinstance(event, (ConnectionClosed, Bye)):
                return False
            if isinstance(event, Error):  # a fatal Error from the client: it is leaving
                log.info("client %s closed with %s: %s", self.peer, event.code, event.message)
                return False
            if not await self._handle(event):
                return False

    async def _handle(self, frame: Frame) -> bool:
        server, handler = self.server, self.handler
        match frame:
            case Hello():
                await self.send(
                    Welcome(
                        PROTOCOL_VERSION,
                        server.ctx.relay_id,
                        handler.new_challenge(),
                        server.ctx.clock_ms(),
                    )
                )
            case Enroll():
                transcript = self.conn.enroll_transcript(
                    frame.device_id,
                    uid=frame.uid,
                    curve25519=frame.curve25519,
                    ed25519=frame.ed25519,
                )
                replies = await server._call(handler.enroll, frame, transcript)
                return await self._after_login(replies)
            case Authenticate():
                transcript = self.conn.auth_transcript(frame.device_id)
                replies = await server._call(handler.authenticate, frame, transcript)
                return await self._after_login(replies)
            case _:
                if isinstance(frame, AckDelivery):
                    self.inflight.difference_update(frame.envelope_ids)
                    self.wakeup.set()
                reply = await server._call(handler.handle, frame)
                if isinstance(reply, BlobStream):
                    await self._stream(reply)
                else:
                    for out in reply:
                        await self.send(out)
        return True

    async def _after_login(self, replies: list[Frame]) -> bool:
        for out in replies:
            await self.send(out)
            if isinstance(out, Error):
                if out.fatal:
                    await self.close(WS_POLICY_VIOLATION, out.code.value)
                    return False
                return True  # not fatal: back to CHALLENGED, the client may try again
        device = self.handler.device
        if device is None:  # no reply was a login; nothing to pump
            return True
        self.server._waiters[device.device_id].add(self.wakeup)
        self.pump = asyncio.create_task(self._pump(device.device_id))
        return True

    async def _stream(self, stream: BlobStream) -> None:
        frames = stream.frames()
        try:
            while True:
                chunk = await self.server._call(next, frames, None)
                if chunk is None:
                    return
                await self.send(chunk)
        finally:
            await self.server._call(frames.close)

    async def _pump(self, device_id: str) -> None:
        """Push the mailbox, oldest first, keeping the window of unacked envelopes."""
        last_row = 0
        store = self.server.ctx.store
        try:
            while True:
                self.wakeup.clear()
                free = DELIVERY_WINDOW - len(self.inflight)
                items: list[MailboxItem] = []
                if free > 0:
                    items = await self.server._call(store.pending, device_id, free, last_row)
                for item in items:
                    await self.send(_deliver(item))
                    self.inflight.add(item.envelope_id)
                    last_row = item.row
                if not items or len(self.inflight) >= DELIVERY_WINDOW:
                    await self.wakeup.wait()
        except (*GONE, LocalProtocolError, asyncio.CancelledError):
            return
        except Exception:
            log.exception("delivery to %s failed", device_id)
            with contextlib.suppress(Exception):
                await self.close(WS_INTERNAL_ERROR, "internal", drain=False)

    async def revocations_changed(self, crl: bytes) -> None:
        """Push a new list; close this connection if its device is now revoked."""
        device = self.handler.device
        if device is None or self.conn.state is not State.READY:
            return
        try:
            record = await self.server._call(self.server.ctx.store.device, device.device_id)
            if record.revoked:
                self.server.ctx.audit.record(
                    "login_refused",
                    uid=record.uid,
                    device_id=record.device_id,
                    reason="revoked while connected",
                    peer=self.peer,
                )
                await self._close_with(
                    Error(0, ErrorCode.DEVICE_REVOKED, "this device was revoked by IT", True),
                    WS_POLICY_VIOLATION,
                    drain=False,
                )
                return
            await self.send(Revocations(0, crl))
        except (*GONE, LocalProtocolError):
            return

    async def finish(self) -> None:
        self.deadline.cancel()
        if self.closer is not None:
            with contextlib.suppress(Exception):
                await self.closer
        if self.pump is not None:
            self.pump.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.pump
        device = self.handler.device
        if device is not None:
            waiters = self.server._waiters.get(device.device_id)
            if waiters is not None:
                waiters.discard(self.wakeup)
                if not waiters:
                    del self.server._waiters[device.device_id]


def _deliver(item: MailboxItem) -> Deliver:
    return Deliver(
        EnvelopeId(item.envelope_id),
        Uid(item.sender_uid),
        DeviceId(item.sender_device),
        item.received_at,
        item.payload,
        item.device_payload,
    )


def _peer(ws: ServerConnection) -> str:
    address = ws.remote_address
    if isinstance(address, tuple) and len(address) >= 2:
        return f"{address[0]}:{address[1]}"
    return str(address)


__all__ = ["DELIVERY_WINDOW", "REVOCATION_POLL_S", "RelayServer"]
