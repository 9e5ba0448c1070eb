"""The relay's transport: TLS websockets, one frame per binary message.

Why websockets: a well-kept asyncio library that gives us message framing with a size
limit, keepalive pings and clean close codes over TLS, so our own code stays a
sans-I/O protocol (desktop_app.protocol) plus the transport-free ``RelayHandler``.

Threads: the event loop does I/O only. Every store access runs on one database thread
(``_db``), which keeps SQLite single-writer and lets an fsync not stall other
connections. Each authenticated connection also runs a delivery pump that pushes its
device's mailbox with at most ``DELIVERY_WINDOW`` unacknowledged envelopes in flight;
new mail wakes it through ``_wake`` (called from the database thread).
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
    Welcome,
    error_frame_for,
)
from desktop_app.protocol.limits import MAX_FRAME_BYTES
from desktop_app.protocol.states import Role
from desktop_app.relay.handler import BlobStream, RelayContext, RelayHandler
from desktop_app.relay.store import MailboxItem

log = logging.getLogger("wardlink.relay")

DELIVERY_WINDOW = 256
MAX_CONNECTIONS = 2000
EXPIRY_INTERVAL_S = 3600.0
T = TypeVar("T")


class RelayServer:
    def __init__(self, ctx: RelayContext, tls: ssl.SSLContext) -> None:
        self.ctx = ctx
        self._tls = tls
        self._db = ThreadPoolExecutor(max_workers=1, thread_name_prefix="relay-db")
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: Server | None = None
        self._waiters: dict[str, set[asyncio.Event]] = defaultdict(set)
        self._connections = 0
        self._expiry: asyncio.Task[None] | None = None
        ctx.notify = self._wake_threadsafe

    async def start(self, host: str, port: int) -> tuple[str, int]:
        self._loop = asyncio.get_running_loop()
        self._server = await serve(
            self._serve,
            host,
            port,
            ssl=self._tls,
            max_size=MAX_FRAME_BYTES,
            compression=None,
            server_header=None,
            ping_interval=20,
            ping_timeout=20,
        )
        self._expiry = asyncio.create_task(self._expire_periodically())
        sock = next(iter(self._server.sockets))
        bound = sock.getsockname()
        self.ctx.audit.record("relay_started", relay_id=self.ctx.relay_id)
        return str(bound[0]), int(bound[1])

    async def stop(self) -> None:
        """Stop accepting, close connections, finish database work, close the store.

        Envelopes already acknowledged are on disk; anything in flight is resent by the
        clients' outboxes after they reconnect.
        """
        if self._expiry is not None:
            self._expiry.cancel()
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
        self._db.shutdown(wait=True)
        self.ctx.store.close()
        self.ctx.audit.record("relay_stopped", relay_id=self.ctx.relay_id)

    # ---- plumbing --------------------------------------------------------------------

    async def _call(self, fn: Callable[..., T], *args: Any) -> T:
        assert self._loop is not None
        return await self._loop.run_in_executor(self._db, fn, *args)

    def _wake_threadsafe(self, device_id: str) -> None:
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._wake, device_id)

    def _wake(self, device_id: str) -> None:
        for event in self._waiters.get(device_id, ()):
            event.set()

    async def _expire_periodically(self) -> None:
        while True:
            await self._expire_once()
            await asyncio.sleep(EXPIRY_INTERVAL_S)

    async def _expire_once(self) -> None:
        envelopes, blobs = await self._call(self.ctx.store.expire, self.ctx.clock_ms())
        for blob_id in blobs:
            await self._call(self.ctx.blobs.delete, blob_id)
        if envelopes or blobs:
            log.info("expired %d envelopes and %d blobs", envelopes, len(blobs))

    # ---- one connection --------------------------------------------------------------

    async def _serve(self, ws: ServerConnection) -> None:
        peer = _peer(ws)
        if self._connections >= MAX_CONNECTIONS:
            self.ctx.audit.record("connection_refused", peer=peer, reason="too many connections")
            await ws.close(1013, "relay busy")
            return
        self._connections += 1
        session = _Session(self, ws, peer)
        try:
            await session.run()
        finally:
            self._connections -= 1
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

    async def send(self, frame: Frame) -> None:
        await self.ws.send(self.conn.send(frame))

    async def run(self) -> None:
        try:
            async for message in self.ws:
                self.conn.receive_data(message)
                if not await self._drain():
                    return
        except WsClosed:
            pass
        except RemoteProtocolError as exc:
            self.server.ctx.audit.record("protocol_error", peer=self.peer, reason=exc.message)
            with contextlib.suppress(WsClosed, LocalProtocolError):
                await self.send(error_frame_for(exc))
            await self.ws.close(1008, "protocol error")

    async def _drain(self) -> bool:
        """Handle every queued frame; False once the connection should end."""
        while True:
            event = self.conn.next_event()
            if event is NEED_DATA:
                return True
            if isinstance(event, (ConnectionClosed, Bye)):
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
            if isinstance(out, Error) and out.fatal:
                await self.ws.close(1008, out.code.value)
                return False
        device = self.handler.device
        assert device is not None
        self.server._waiters[device.device_id].add(self.wakeup)
        self.pump = asyncio.create_task(self._pump(device.device_id))
        return True

    async def _stream(self, stream: BlobStream) -> None:
        frames = stream.frames()
        while True:
            chunk = await self.server._call(next, frames, None)
            if chunk is None:
                return
            await self.send(chunk)

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
                    await self.send(
                        Deliver(
                            item.envelope_id,  # type: ignore[arg-type]
                            item.sender_uid,  # type: ignore[arg-type]
                            item.sender_device,  # type: ignore[arg-type]
                            item.received_at,
                            item.payload,
                            item.device_payload,
                        )
                    )
                    self.inflight.add(item.envelope_id)
                    last_row = item.row
                if not items or len(self.inflight) >= DELIVERY_WINDOW:
                    await self.wakeup.wait()
        except (WsClosed, LocalProtocolError, asyncio.CancelledError):
            return

    async def finish(self) -> None:
        if self.pump is not None:
            self.pump.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.pump
        device = self.handler.device
        if device is not None:
            self.server._waiters[device.device_id].discard(self.wakeup)


def _peer(ws: ServerConnection) -> str:
    address = ws.remote_address
    if isinstance(address, tuple) and len(address) >= 2:
        return f"{address[0]}:{address[1]}"
    return str(address)


__all__ = ["ErrorCode", "RelayServer"]
