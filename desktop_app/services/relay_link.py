"""One live connection to the relay: TLS websocket + the sans-I/O ``Connection``.

``RelayLink.open`` connects, checks the relay's certificate with the caller's
``verify`` function inside the TLS handshake (``tls_client.check_in_handshake``), so
nothing, not even the websocket upgrade, reaches an unverified peer, and exchanges
Hello/Welcome. Then
``request`` sends a request and waits for its reply; frames that belong to a request
(replies, blob chunks) go to that request's queue, and ``Deliver``/pushed
``Revocations`` go to ``incoming``. One reader task owns the socket's receive side.
"""

from __future__ import annotations

import asyncio
import contextlib
import ssl
from collections import deque
from collections.abc import AsyncIterator, Callable
from typing import Any, TypeVar

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed as WsClosed
from websockets.exceptions import InvalidHandshake

from desktop_app import __version__
from desktop_app.crypto.trust_errors import RelayNotTrusted, TrustError
from desktop_app.protocol import (
    NEED_DATA,
    PROTOCOL_VERSION,
    BlobChunk,
    Bye,
    Connection,
    ConnectionClosed,
    Deliver,
    Error,
    Frame,
    Hello,
    ProtocolError,
    RequestIds,
    Revocations,
    Welcome,
)
from desktop_app.protocol.limits import MAX_FRAME_BYTES, MAX_UNACKED_DELIVERIES
from desktop_app.protocol.states import Role
from desktop_app.services.errors import RelayRefused, RelayUnavailable
from desktop_app.services.tls_client import (
    PeerRejected,
    check_in_handshake,
    explain_handshake_failure,
)

CONNECT_TIMEOUT_S = 10.0
CLOSE_TIMEOUT_S = 3.0
"""How long closing may wait for the relay (the Bye, then the websocket close
handshake): quitting or locking must not hang on a relay that stopped answering."""
REQUEST_TIMEOUT_S = 60.0
REPLY_QUEUE_SIZE = 16
T = TypeVar("T")
Incoming = Deliver | Revocations


class Inbox(asyncio.Queue[Incoming | None]):
    """What the relay pushed and the receive loop has not taken yet, bounded.

    A relay that pushed without end (envelopes past the delivery window, the same
    revocation list again and again) used to be kept here until the PC's memory ran
    out. Envelopes are counted (``delivers``): an honest relay never has more than
    MAX_UNACKED_DELIVERIES unacknowledged, and we acknowledge only what was taken.
    A pushed revocation list replaces one still waiting (the newer list says all the
    older one does), so at most one waits."""

    delivers: int
    _queue: deque[Incoming | None]

    def _init(self, maxsize: int) -> None:
        self._queue = deque()
        self.delivers = 0

    def _put(self, item: Incoming | None) -> None:
        if isinstance(item, Revocations):
            waiting = [i for i in self._queue if isinstance(i, Revocations)]
            for older in waiting:
                self._queue.remove(older)
        elif isinstance(item, Deliver):
            self.delivers += 1
        self._queue.append(item)

    def _get(self) -> Incoming | None:
        item = self._queue.popleft()
        if isinstance(item, Deliver):
            self.delivers -= 1
        return item


class RelayLink:
    def __init__(self, ws: ClientConnection, conn: Connection, welcome: Welcome) -> None:
        self.ws = ws
        self.conn = conn
        self.welcome = welcome
        self.ids = RequestIds()
        self.incoming = Inbox()
        # Hears attachment transfers as (attachment id, bytes done, bytes total); the GUI
        # shows progress bars from it. Set by whoever owns the link.
        self.transfer_listener: Callable[[str, int, int], None] | None = None
        self._replies: dict[int, asyncio.Queue[Frame | BaseException]] = {}
        self._abandoned: set[int] = set()
        self._failure: BaseException | None = None
        self._reader = asyncio.create_task(self._read())

    @classmethod
    async def open(
        cls,
        address: tuple[str, int],
        tls: ssl.SSLContext,
        verify: Callable[[ssl.SSLObject], T],
    ) -> tuple[RelayLink, T]:
        host, port = address
        try:
            ws = await connect(
                f"wss://{_url_host(host)}:{port}/",
                ssl=check_in_handshake(tls, verify),  # verified before the upgrade request
                server_hostname="wardlink-relay",
                max_size=MAX_FRAME_BYTES,
                compression=None,
                open_timeout=CONNECT_TIMEOUT_S,
                close_timeout=CLOSE_TIMEOUT_S,
                ping_interval=20,
                ping_timeout=20,
                user_agent_header=None,
            )
        except PeerRejected as exc:
            if isinstance(exc.error, TrustError):
                raise exc.error from None
            # Anything else out of the check (a certificate cryptography cannot read):
            # the peer is not proven to be ours, said as such (not as a ValueError).
            raise RelayNotTrusted(
                f"the relay's certificate could not be checked ({exc.error})"
            ) from exc.error
        except ssl.SSLError as exc:
            raise explain_handshake_failure(exc) from exc
        except (OSError, TimeoutError, InvalidHandshake) as exc:
            raise RelayUnavailable(
                f"Cannot reach the relay at {host}:{port}: {exc}.",
                key="relay_unreachable",
                address=f"{host}:{port}",
            ) from exc
        try:
            ssl_object = ws.transport.get_extra_info("ssl_object")
            checked = verify(ssl_object)  # again, for its result (about a millisecond)
            conn = Connection(Role.CLIENT)
            await ws.send(conn.send(Hello(PROTOCOL_VERSION, f"WardLink {__version__}")))
            welcome = await asyncio.wait_for(_first_frame(ws, conn), CONNECT_TIMEOUT_S)
        except BaseException:
            await ws.close()
            raise
        if not isinstance(welcome, Welcome):
            await ws.close()
            raise RelayUnavailable(
                "The relay did not greet us as a WardLink relay.", key="not_a_relay"
            )
        return cls(ws, conn, welcome), checked

    async def request(self, frame: Frame, timeout: float = REQUEST_TIMEOUT_S) -> Frame:
        """Send a request and return its (first) reply; a relay Error raises RelayRefused."""
        return await self.reply(await self.start(frame), timeout)

    @property
    def open_requests(self) -> int:
        """Requests with an answer not yet taken (each holds a queue until then)."""
        return len(self._replies)

    async def start(self, frame: Frame) -> int:
        """Send a request without waiting: its replies wait for ``reply`` (several
        requests can be in flight: the relay answers each by its id)."""
        req_id = int(getattr(frame, "req_id"))  # noqa: B009 (every request has one)
        self._queue(req_id)
        try:
            await self.send(frame)
        except BaseException:
            self._replies.pop(req_id, None)
            raise
        return req_id

    async def reply(
        self,
        req_id: int,
        timeout: float = REQUEST_TIMEOUT_S,
        queue: asyncio.Queue[Frame | BaseException] | None = None,
    ) -> Frame:
        queue = queue or self._queue(req_id)
        if self._failure is not None and queue.empty():
            raise self._failure
        try:
            if queue.empty():
                # asyncio.timeout, not wait_for: no task per request on the hot path.
                async with asyncio.timeout(timeout):
                    item = await queue.get()
            else:
                item = queue.get_nowait()  # the answer came while we were busy
        except TimeoutError:
            self.done(req_id)  # a late answer is dropped, not kept for nobody
            raise RelayUnavailable(
                "The relay did not answer in time.", key="relay_timeout"
            ) from None
        if queue.empty():  # nothing more here now: a later frame makes a new queue
            self._replies.pop(req_id, None)
        if isinstance(item, BaseException):
            raise item
        if isinstance(item, Error):
            raise RelayRefused(item.code.value, item.message)
        return item

    async def chunks(self, req_id: int) -> AsyncIterator[BlobChunk]:
        """The BlobChunk frames of a download request, until the last one."""
        while True:
            frame = await self.reply(req_id)
            if not isinstance(frame, BlobChunk):
                raise RelayUnavailable(
                    f"unexpected {type(frame).__name__} during a download", key="relay_protocol"
                )
            yield frame
            if frame.last:
                self._replies.pop(req_id, None)
                return

    def done(self, req_id: int) -> None:
        """The caller gave up on this request: drop whatever still arrives for it."""
        queue = self._replies.pop(req_id, None)
        self._abandoned.add(req_id)
        while queue is not None and not queue.empty():  # unblocks a reader waiting to put
            queue.get_nowait()

    def _queue(self, req_id: int) -> asyncio.Queue[Frame | BaseException]:
        # Bounded, so a download whose consumer writes slowly holds back the socket
        # (websockets then stops reading) instead of filling memory.
        return self._replies.setdefault(req_id, asyncio.Queue(REPLY_QUEUE_SIZE))

    async def send(self, frame: Frame) -> None:
        if self._failure is not None:
            raise self._failure
        try:
            await self.ws.send(self.conn.send(frame))
        except WsClosed as exc:
            raise RelayUnavailable(
                "The connection to the relay was lost.", key="connection_lost"
            ) from exc

    async def close(self) -> None:
        with contextlib.suppress(Exception):
            await asyncio.wait_for(
                self.ws.send(self.conn.send(Bye("client done"))), CLOSE_TIMEOUT_S
            )
        await self.ws.close()  # waits at most CLOSE_TIMEOUT_S for the relay's answer
        self._reader.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await self._reader

    # ---- reader ----------------------------------------------------------------------

    async def _read(self) -> None:
        try:
            async for message in self.ws:
                self.conn.receive_data(message)
                while (event := self.conn.next_event()) is not NEED_DATA:
                    if isinstance(event, ConnectionClosed):
                        raise RelayUnavailable(
                            f"The relay closed the connection: {event.reason}.",
                            key="connection_lost",
                        )
                    await self._route(event)
            raise RelayUnavailable("The relay closed the connection.", key="connection_lost")
        except (WsClosed, OSError) as exc:
            self._fail(
                RelayUnavailable(
                    f"The connection to the relay was lost: {exc}.", key="connection_lost"
                )
            )
        except ProtocolError as exc:
            self._fail(
                RelayUnavailable(f"The relay broke the protocol: {exc}.", key="relay_protocol")
            )
        except RelayUnavailable as exc:
            self._fail(exc)

    async def _route(self, frame: Frame) -> None:
        if isinstance(frame, Deliver):
            if self.incoming.delivers >= MAX_UNACKED_DELIVERIES:
                raise RelayUnavailable(
                    "The relay broke the protocol: it sent more than "
                    f"{MAX_UNACKED_DELIVERIES} envelopes we had not acknowledged.",
                    key="relay_protocol",
                )
            self.incoming.put_nowait(frame)
            return
        req_id = int(getattr(frame, "req_id", 0))
        if isinstance(frame, Revocations) and req_id == 0:
            self.incoming.put_nowait(frame)
            return
        if isinstance(frame, Error) and (frame.fatal or req_id == 0):
            self._fail(RelayRefused(frame.code.value, frame.message))
            if req_id == 0:
                return
        if isinstance(frame, Bye):
            self._fail(
                RelayUnavailable(f"The relay said goodbye: {frame.reason}.", key="connection_lost")
            )
            return
        if req_id in self._abandoned:
            return
        await self._queue(req_id).put(frame)

    def _fail(self, exc: BaseException) -> None:
        if self._failure is None:
            self._failure = exc
        for queue in self._replies.values():
            with contextlib.suppress(asyncio.QueueFull):
                queue.put_nowait(exc)
        self.incoming.put_nowait(None)


async def _first_frame(ws: ClientConnection, conn: Connection) -> Any:
    async for message in ws:
        conn.receive_data(message)
        event = conn.next_event()
        if event is not NEED_DATA:
            if isinstance(event, Error):
                raise RelayRefused(event.code.value, event.message)
            return event
    raise RelayUnavailable(
        "The relay closed the connection before greeting us.", key="connection_lost"
    )


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host
