"""One client<->relay connection as a sans-I/O state machine, in the style of h11.

The owner moves bytes; this class decides what they mean and whether they are allowed::

    conn = Connection(Role.CLIENT)
    await ws.send(conn.send(Hello(PROTOCOL_VERSION, "WardLink 0.1")))
    async for message in ws:            # one websocket message = one frame
        conn.receive_data(message)
        while (event := conn.next_event()) is not NEED_DATA:
            ...                          # a Frame, or ConnectionClosed
    conn.receive_data(b"")              # the transport closed

`send` returns the bytes to put in one binary websocket message, or raises
`LocalProtocolError` and changes nothing. `next_event` raises `RemoteProtocolError`
for anything the peer may not send; the connection is then in state ERROR and the
owner sends ``conn.send(error_frame_for(exc))`` and closes the transport.

The allowed order of frames is the table in `states`; request/reply matching is
`pending.PendingRequests`. After we said Bye (or sent a fatal Error) frames still in
flight from the peer are dropped: delivery is at-least-once, so whatever they carried
(a Deliver, an EnvelopeAccepted) is repeated on the next connection.
"""

from __future__ import annotations

import enum
from collections import deque
from dataclasses import dataclass
from typing import Final, Literal, TypeAlias

from desktop_app.domain.ids import DeviceId
from desktop_app.protocol.codec import decode, encode
from desktop_app.protocol.errors import (
    LocalProtocolError,
    MalformedFrame,
    RemoteProtocolError,
    UnexpectedFrame,
    VersionMismatch,
)
from desktop_app.protocol.frames import (
    Authenticate,
    Authenticated,
    Bye,
    Enroll,
    Enrolled,
    Error,
    ErrorCode,
    Frame,
    Hello,
    Welcome,
)
from desktop_app.protocol.limits import MAX_PENDING_REQUESTS, SUPPORTED_VERSIONS
from desktop_app.protocol.pending import PendingRequests, RuleViolation
from desktop_app.protocol.states import TRANSITIONS, Role, State, next_state
from desktop_app.protocol.transcript import auth_transcript, enroll_transcript


class NeedData(enum.Enum):
    NEED_DATA = "need_data"


NEED_DATA: Final = NeedData.NEED_DATA
"""`next_event` has nothing more until the next `receive_data`."""


@dataclass(frozen=True, slots=True)
class ConnectionClosed:
    """The transport closed. ``clean`` if a Bye or fatal Error came first."""

    clean: bool
    reason: str


Event: TypeAlias = Frame | Literal[NeedData.NEED_DATA] | ConnectionClosed
Incoming: TypeAlias = bytes | bytearray | memoryview | str

_PRE_AUTH_STATES: Final = frozenset(
    {State.START, State.HELLO_SENT, State.CHALLENGED, State.ENROLLING, State.AUTHENTICATING}
)


class Connection:
    """The protocol state of one connection, seen from ``role``'s end."""

    def __init__(self, role: Role, *, max_pending: int = MAX_PENDING_REQUESTS) -> None:
        self.role: Final = role
        self._state = State.START
        self._inbox: deque[Incoming | None] = deque()  # None marks the transport's end
        self._transport_closed = False
        self._closed_by: Role | None = None
        self._close_reason = ""
        self._pending = PendingRequests(max_pending)
        self._version: int | None = None
        self._relay_id: str | None = None
        self._challenge: bytes | None = None
        self._proposed_device: DeviceId | None = None
        self._device_id: DeviceId | None = None

    # --- what the connection knows ----------------------------------------------------
    @property
    def state(self) -> State:
        return self._state

    @property
    def version(self) -> int | None:
        """The protocol version from Hello, once seen."""
        return self._version

    @property
    def relay_id(self) -> str | None:
        """From Welcome, once sent (relay) or received (client)."""
        return self._relay_id

    @property
    def challenge(self) -> bytes | None:
        """The 32-byte challenge from Welcome, once sent or received."""
        return self._challenge

    @property
    def device_id(self) -> DeviceId | None:
        """The device this connection is authenticated as (set on Enrolled/Authenticated)."""
        return self._device_id

    @property
    def outstanding(self) -> frozenset[int]:
        """req_ids of requests without a final reply; after a close, the ones that failed."""
        return self._pending.outstanding

    def auth_transcript(self, device_id: str) -> bytes:
        """What Authenticate.signature signs on this connection (`transcript`)."""
        relay_id, challenge = self._welcome_data()
        return auth_transcript(challenge, relay_id, device_id)

    def enroll_transcript(self, device_id: str, *, curve25519: str, ed25519: str) -> bytes:
        """What Enroll.signature signs on this connection (`transcript`)."""
        relay_id, challenge = self._welcome_data()
        return enroll_transcript(
            challenge, relay_id, device_id, curve25519=curve25519, ed25519=ed25519
        )

    def _welcome_data(self) -> tuple[str, bytes]:
        if self._relay_id is None or self._challenge is None:
            raise LocalProtocolError("no Welcome yet: the challenge is not known")
        return self._relay_id, self._challenge

    # --- sending ----------------------------------------------------------------------
    def send(self, frame: Frame) -> bytes:
        """Check ``frame`` is allowed now, record it, and return its bytes."""
        try:
            new_state = self._check(frame, self.role)
            data = encode(frame)
            self._commit(frame, self.role, new_state)
        except RuleViolation as exc:
            raise LocalProtocolError(exc.message, code=exc.code, req_id=exc.req_id) from None
        return data

    # --- receiving --------------------------------------------------------------------
    def receive_data(self, data: Incoming) -> None:
        """Queue one websocket message; ``b""`` means the transport closed."""
        if self._transport_closed:
            raise LocalProtocolError("receive_data() after the transport closed")
        if isinstance(data, str) or len(data) > 0:
            self._inbox.append(data)
        else:
            self._transport_closed = True
            self._inbox.append(None)

    def next_event(self) -> Event:
        """The next frame received, NEED_DATA, or ConnectionClosed at the end."""
        if self._state is State.ERROR:
            raise RemoteProtocolError("the peer broke the protocol; close this connection")
        while self._inbox:
            data = self._inbox.popleft()
            if data is None:
                self._state = State.CLOSED
                break
            if self._state is State.CLOSED and self._closed_by is self.role:
                continue  # in flight when we said goodbye; repeated on the next connection
            try:
                return self._receive(data)
            except RemoteProtocolError:
                self._state = State.ERROR
                raise
        if self._transport_closed:
            return ConnectionClosed(
                clean=self._closed_by is not None,
                reason=self._close_reason or "transport closed without Bye",
            )
        return NEED_DATA

    def _receive(self, data: Incoming) -> Frame:
        if isinstance(data, str):
            raise MalformedFrame("text websocket message; frames travel as binary messages")
        frame = decode(data)
        sender = self.role.peer
        try:
            new_state = self._check(frame, sender)
            self._commit(frame, sender, new_state)
        except RuleViolation as exc:
            error = VersionMismatch if exc.code is ErrorCode.VERSION_MISMATCH else UnexpectedFrame
            raise error(exc.message, code=exc.code, req_id=exc.req_id) from None
        return frame

    # --- the state machine ------------------------------------------------------------
    def _check(self, frame: Frame, sender: Role) -> State:
        """The state after ``sender`` sends ``frame``; raises RuleViolation. No effects."""
        req_id = getattr(frame, "req_id", 0)
        new_state = next_state(self._state, sender, frame)
        if new_state is None:
            raise RuleViolation(
                self._why_not(frame, sender), req_id, self._refusal_code(frame, sender)
            )
        if isinstance(frame, Hello) and frame.version not in SUPPORTED_VERSIONS:
            raise RuleViolation(
                f"protocol version {frame.version} is not supported "
                f"(supported: {sorted(SUPPORTED_VERSIONS)})",
                0,
                ErrorCode.VERSION_MISMATCH,
            )
        if isinstance(frame, Welcome) and frame.version != self._version:
            raise RuleViolation(
                f"Welcome speaks version {frame.version}, Hello asked for {self._version}",
                0,
                ErrorCode.VERSION_MISMATCH,
            )
        return new_state

    def _commit(self, frame: Frame, sender: Role, new_state: State) -> None:
        """Record an allowed frame. Only `track` may still refuse it, before any change."""
        self._pending.track(frame, sender)
        match frame:
            case Hello():
                self._version = frame.version
            case Welcome():
                self._relay_id = frame.relay_id
                self._challenge = frame.challenge
            case Enroll() | Authenticate():
                self._proposed_device = frame.device_id
            case Enrolled() | Authenticated():
                self._device_id = self._proposed_device
            case Bye():
                self._close_reason = frame.reason
            case Error(fatal=True):
                self._close_reason = f"{frame.code.value}: {frame.message}"
            case _:
                pass
        if new_state is State.CLOSED and self._state is not State.CLOSED:
            self._closed_by = sender
        self._state = new_state

    def _why_not(self, frame: Frame, sender: Role) -> str:
        name = type(frame).__name__
        if self._state is State.CLOSED:
            return f"{name} after the connection closed"
        if self._state is State.ERROR:
            return f"{name} after a protocol error; only Error or Bye may follow"
        if isinstance(frame, Error):
            return f"non-fatal Error from the {sender.value} in state {self._state.value}"
        return f"{name} from the {sender.value} is not allowed in state {self._state.value}"

    def _refusal_code(self, frame: Frame, sender: Role) -> ErrorCode:
        allowed_when_ready = (State.READY, sender, type(frame)) in TRANSITIONS
        if sender is Role.CLIENT and allowed_when_ready and self._state in _PRE_AUTH_STATES:
            return ErrorCode.UNAUTHENTICATED
        return ErrorCode.UNEXPECTED_FRAME


__all__ = ["NEED_DATA", "Connection", "ConnectionClosed", "Event", "NeedData"]
