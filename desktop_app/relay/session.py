"""One relay connection: read frames, answer them, pump the mailbox after login.

``Session`` owns the websocket and the relay-side protocol ``Connection`` of one client.
It runs every store call through its host's single database thread (``SessionHost.call``)
and never blocks in ``send`` on a closing websocket (see ``Session.send``), so stopping
the relay or closing a misbehaving client is prompt even when the client pipelined a
full receive queue of requests.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, Protocol, TypeVar

from websockets.asyncio.server import ServerConnection
from websockets.exceptions import ConnectionClosed as WsClosed
from websockets.protocol import State as WsState

from desktop_app.protocol import (
    NEED_DATA,
    PROTOCOL_VERSION,
    AckDelivery,
    Acked,
    Authenticate,
    BlobChunk,
    Bye,
    Connection,
    ConnectionClosed,
    Enroll,
    EnvelopeAccepted,
    Error,
    ErrorCode,
    Frame,
    Hello,
    LocalProtocolError,
    RemoteProtocolError,
    Revocations,
    SendEnvelope,
    Welcome,
    error_frame_for,
)
from desktop_app.protocol.limits import MAX_UNACKED_DELIVERIES
from desktop_app.protocol.states import Role, State
from desktop_app.relay.ack_batcher import AckBatcher
from desktop_app.relay.batcher import EnvelopeBatcher
from desktop_app.relay.blob_requests import BlobStream
from desktop_app.relay.blob_transfer import BlobTransfers
from desktop_app.relay.device_slots import release
from desktop_app.relay.errors import RelayStoreError
from desktop_app.relay.gate import ConnectionGate, Phase, peer_key
from desktop_app.relay.handler import RelayContext, RelayHandler
from desktop_app.relay.mail_handoff import MailBell, MailCursor, deliver_frame
from desktop_app.relay.metrics import RelayMetrics
from desktop_app.relay.peer_buffers import lift_login_budget
from desktop_app.relay.store import MailboxItem
from desktop_app.relay.write_coalescing import coalesce_writes

log = logging.getLogger("wardlink.relay")

DELIVERY_WINDOW = MAX_UNACKED_DELIVERIES
WS_GOING_AWAY = 1001
WS_POLICY_VIOLATION = 1008
WS_INTERNAL_ERROR = 1011
T = TypeVar("T")
R = TypeVar("R")
LEAN_DELIVERY = True
"""The issue-15 message path: AckDeliveries through the group commit
(relay/ack_batcher.py), the pump woken by an ack only when its window was full and not
re-reading a mailbox it read to the end. ``bench relay`` turns it off in its baseline
relay to measure the old path (one commit and one mailbox read per ack) in the same run."""


class SessionClosing(Exception):
    """The websocket is closing; nothing more can be sent on it."""


GONE = (WsClosed, SessionClosing)
"""What ends a session's sending: the peer closed, or we are closing."""


class SessionHost(Protocol):
    """What a session needs from the server that accepted it."""

    ctx: RelayContext
    gate: ConnectionGate
    handshake_timeout_s: float
    waiters: dict[str, set[MailBell]]
    envelopes: EnvelopeBatcher
    acks: AckBatcher
    metrics: RelayMetrics
    exclusive_writer: bool  # no other node writes mailboxes (relay/mail_handoff.py)

    async def call(self, fn: Callable[..., T], *args: Any) -> T:
        """Run ``fn(*args)`` on the database thread."""
        ...

    async def blob_io(self, fn: Callable[..., T], *args: Any) -> T:
        """Run ``fn(*args)`` on a blob-file thread (never the database thread)."""
        ...


class Session:
    """One connection: reads frames, answers them, and pumps the mailbox after login."""

    def __init__(self, server: SessionHost, ws: ServerConnection, peer: str) -> None:
        self.server = server
        self.ws = ws
        self.peer = peer
        coalesce_writes(ws.transport)  # a burst of frames leaves in one system call
        self.conn = Connection(Role.RELAY)
        self.handler = RelayHandler(server.ctx, peer)
        self.blobs = BlobTransfers(server, self.handler, self.send)
        # (sender device, envelope id) -> when the relay accepted it (ms), for the
        # delivery-time histogram
        self.inflight: dict[tuple[str, str], int] = {}
        self.wakeup = MailBell()
        self.pump: asyncio.Task[None] | None = None
        self.deadline = asyncio.get_running_loop().call_later(
            server.handshake_timeout_s, self._handshake_overdue
        )
        self.closer: asyncio.Task[None] | None = None
        self.accepting: set[asyncio.Task[None]] = set()

    def _handshake_overdue(self) -> None:
        """Bound idle pre-login connections: they cost a slot and prove nothing.

        Close first, record after: when recording failed (no descriptors left), the
        connection used to stay open for good."""
        if self.conn.state is State.READY or self.closer is not None:
            return
        self.closer = asyncio.create_task(
            self._close_with(
                Error(0, ErrorCode.UNAUTHENTICATED, "log in sooner after connecting", True),
                WS_POLICY_VIOLATION,
                drain=False,
            )
        )
        try:
            self.server.ctx.audit.record("protocol_error", peer=self.peer, reason="login too slow")
        except Exception:
            log.exception("cannot record a slow login from %s", self.peer)

    async def send(self, frame: Frame) -> None:
        data = self.conn.send(frame)
        if isinstance(frame, Error):
            self.server.metrics.errors.labels(frame.code.value).inc()
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
        if not isinstance(frame, BlobChunk):  # a chunk written before what follows it
            await self.blobs.settle()
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
                replies = await server.call(handler.enroll, frame, transcript)
                return await self._after_login(replies)
            case Authenticate():
                transcript = self.conn.auth_transcript(frame.device_id)
                replies = await server.call(handler.authenticate, frame, transcript)
                return await self._after_login(replies)
            case BlobChunk():  # file work on a blob thread: relay/blob_transfer.py
                await self.blobs.chunk(frame)
            case SendEnvelope():
                # Not awaited here: the next frames (often more envelopes) are read while
                # this one waits for the group commit. At most MAX_PENDING_REQUESTS are
                # open per connection, which the Connection enforces.
                self._spawn(self._accept(frame))
            case AckDelivery() if LEAN_DELIVERY:
                if self._delivered(frame):
                    self.wakeup.set()  # the window has room again: read on
                self._spawn(self._acknowledge(frame))  # read on while it waits for the commit
            case _:
                if isinstance(frame, AckDelivery):
                    self._delivered(frame)
                    self.wakeup.set()  # the old path (bench relay's baseline)
                reply = await server.call(handler.handle, frame)
                if isinstance(reply, BlobStream):
                    await self.blobs.stream(reply)
                else:
                    for out in reply:
                        await self.send(out)
        return True

    def _spawn(self, work: Coroutine[Any, Any, None]) -> None:
        """A request answered after a group commit; ``finish`` cancels what is open."""
        task = asyncio.create_task(work)
        self.accepting.add(task)
        task.add_done_callback(self.accepting.discard)

    async def _acknowledge(self, frame: AckDelivery) -> None:
        """Acked once the mailbox rows are gone for good (never before the commit)."""
        device = self.handler.device
        assert device is not None  # AckDelivery is only allowed in READY
        await self._answer_after_commit(
            self.server.acks.submit(device.device_id, frame.deliveries),
            lambda count: Acked(frame.req_id, count),
        )

    def _delivered(self, ack: AckDelivery) -> bool:
        """Free the window for what the device acknowledged and time its delivery.

        True if the window was full (the pump waits for room, not only for new mail):
        waking the pump on every acknowledgement cost a mailbox read each."""
        was_full = len(self.inflight) >= DELIVERY_WINDOW
        now = self.server.ctx.clock_ms()
        metrics = self.server.metrics
        delivered = 0
        for delivery in ack.deliveries:
            accepted_at = self.inflight.pop((delivery[0], delivery[1]), None)
            if accepted_at is not None:
                delivered += 1
                metrics.delivery_seconds.observe(max(0, now - accepted_at) / 1000)
        if delivered:
            metrics.delivered.inc(delivered)  # once per ack (a lock each)
        return was_full

    async def _accept(self, frame: SendEnvelope) -> None:
        device = self.handler.device
        assert device is not None  # SendEnvelope is only allowed in READY
        await self._answer_after_commit(self.server.envelopes.submit(device, frame), lambda r: r)

    async def _answer_after_commit(
        self, committed: Awaitable[R], answer: Callable[[R], Frame]
    ) -> None:
        """Send ``answer(result)`` once a group commit is done; a failed one ends the link."""
        try:
            reply = answer(await committed)
            await self.send(reply)
            if isinstance(reply, EnvelopeAccepted):
                self.server.metrics.accepted.inc()
        except (*GONE, LocalProtocolError, asyncio.CancelledError):
            return  # not acknowledged: the client resends (the relay dedupes) or re-acks
        except RelayStoreError as exc:
            log.error("store failure on %s: %s", self.peer, exc)
            await self._close_with(
                Error(0, ErrorCode.UNAVAILABLE, "the relay cannot store data now", True),
                WS_INTERNAL_ERROR,
                drain=False,
            )
        except Exception:
            log.exception("answering %s after a group commit failed", self.peer)
            await self._close_with(
                Error(0, ErrorCode.INTERNAL, "internal relay error", True),
                WS_INTERNAL_ERROR,
                drain=False,
            )

    async def _after_login(self, replies: list[Frame]) -> bool:
        if self.handler.device is not None:  # before the reply: the client then sends more
            lift_login_budget(self.ws)
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
        key = peer_key(self.ws.remote_address)
        if key is not None:
            self.server.gate.advance(key, Phase.READY)  # no longer counts as unauthenticated
        self.server.waiters[device.device_id].add(self.wakeup)
        self.pump = asyncio.create_task(self._pump(device.device_id))
        return True

    async def _pump(self, device_id: str) -> None:
        """Push the mailbox, oldest first, keeping the window of unacked envelopes."""
        store, bell = self.server.ctx.store, self.wakeup
        # Mail a commit handed over, else a read (relay/mail_handoff.py); after a read
        # that reached the mailbox's end it waits for new mail (a wakeup set meanwhile
        # stays set).
        cursor = MailCursor(bell, exclusive=self.server.exclusive_writer, lean=LEAN_DELIVERY)
        try:
            while True:
                bell.clear()
                free = DELIVERY_WINDOW - len(self.inflight)
                items: list[MailboxItem] = []
                if free > 0:
                    handed = cursor.handed(free)
                    if handed is not None:
                        items = handed
                    else:
                        after = cursor.start_read()
                        rows = await self.server.call(store.pending, device_id, free, after)
                        items = cursor.read(rows, free)
                for item in items:
                    await self.send(deliver_frame(item))
                    self.inflight[(item.sender_device, item.envelope_id)] = item.received_at
                if cursor.read_all or len(self.inflight) >= DELIVERY_WINDOW:
                    await bell.wait()
        except (*GONE, LocalProtocolError, asyncio.CancelledError):
            return
        except RelayStoreError as exc:  # the database is away: the client retries later
            log.error("store failure delivering to %s: %s", device_id, exc)
            with contextlib.suppress(Exception):
                await self._close_with(
                    Error(0, ErrorCode.UNAVAILABLE, "the relay cannot store data now", True),
                    WS_INTERNAL_ERROR,
                    drain=False,
                )
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
            record = await self.server.call(self.server.ctx.store.device, device.device_id)
            if record.revoked:
                self.server.ctx.audit.record(
                    "login_refused",
                    uid=record.uid,
                    device_id=record.device_id,
                    reason="revoked while connected",
                    peer=self.peer,
                )
                await self.send(Revocations(0, crl))  # the proof, before the refusal
                await self._close_with(
                    Error(0, ErrorCode.DEVICE_REVOKED, "this device was revoked by IT", True),
                    WS_POLICY_VIOLATION,
                    drain=False,
                )
                return
            await self.send(Revocations(0, crl))
        except (*GONE, LocalProtocolError):
            return

    async def database_lost(self) -> None:
        """The node lost its database: ``unavailable``, then close (another task reads)."""
        with contextlib.suppress(Exception):
            await self._close_with(
                Error(0, ErrorCode.UNAVAILABLE, "the relay lost its database; try another", True),
                WS_INTERNAL_ERROR,
                drain=False,
            )

    async def finish(self) -> None:
        self.deadline.cancel()
        await self.blobs.close()
        for task in list(self.accepting):
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        if self.closer is not None:
            with contextlib.suppress(Exception):
                await self.closer
        if self.pump is not None:
            self.pump.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.pump
        if self.handler.device is not None:
            release(self.server.waiters, self.handler.device.device_id, self.wakeup)
