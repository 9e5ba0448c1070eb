"""The life of one call on one device, as a pure state machine (no I/O, no clock).

    idle ──start (caller) / offer (callee)──▶ ringing
    ringing ──answer received (caller) / accept (callee)──▶ connecting
    connecting ──media connected (DTLS up)──▶ active
    ringing | connecting | active ──hang-up, decline, busy, timeout, failure──▶ ended

``ended`` is final and keeps the reason. Every event that does not fit the current state
is refused (``CallStateError``), so a late or replayed signal (an answer after the call
ended, a second answer from another device) changes nothing. The services layer feeds
the events in and acts on the new state (services/calls.py).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Final

RING_TIMEOUT_S: Final = 45  # unanswered after this: "no answer", a missed call


class CallState(enum.Enum):
    IDLE = "idle"
    RINGING = "ringing"
    CONNECTING = "connecting"
    ACTIVE = "active"
    ENDED = "ended"


class Role(enum.Enum):
    CALLER = "caller"
    CALLEE = "callee"


class EndReason(enum.Enum):
    HANGUP = "hangup"  # we hung up
    REMOTE_HANGUP = "remote_hangup"
    CANCELLED = "cancelled"  # the caller gave up before anyone answered
    DECLINED = "declined"
    BUSY = "busy"
    NO_ANSWER = "no_answer"
    ANSWERED_ELSEWHERE = "answered_elsewhere"
    FAILED = "failed"  # the media connection failed or was refused (fingerprint)


# Reasons that only end a call nobody has answered yet.
_WHILE_RINGING: Final = frozenset(
    {
        EndReason.DECLINED,
        EndReason.BUSY,
        EndReason.CANCELLED,
        EndReason.NO_ANSWER,
        EndReason.ANSWERED_ELSEWHERE,
    }
)
_RINGING: Final = (CallState.RINGING,)
_LIVE: Final = (CallState.RINGING, CallState.CONNECTING, CallState.ACTIVE)


class CallStateError(ValueError):
    """An event that does not fit the call's state: ignored by the caller of ``Call``."""


@dataclass
class Call:
    call_id: str
    role: Role
    peer_uid: str
    state: CallState = CallState.IDLE
    end_reason: EndReason | None = None
    peer_device: str | None = None  # the device that answered (caller) or rang (callee)
    history: list[CallState] = field(default_factory=list)

    def _move(self, expected: tuple[CallState, ...], to: CallState) -> None:
        if self.state not in expected:
            raise CallStateError(
                f"call {self.call_id}: cannot go from {self.state.value} to {to.value}"
            )
        self.history.append(self.state)
        self.state = to

    # ---- caller ------------------------------------------------------------------------

    def start(self) -> None:
        """The caller sent its offer."""
        self._require(Role.CALLER)
        self._move((CallState.IDLE,), CallState.RINGING)

    def answered(self, device: str) -> None:
        """The caller got the first answer, from ``device``."""
        self._require(Role.CALLER)
        self._move((CallState.RINGING,), CallState.CONNECTING)
        self.peer_device = device

    # ---- callee ------------------------------------------------------------------------

    def offered(self, device: str) -> None:
        """The callee got an offer from ``device``: it rings."""
        self._require(Role.CALLEE)
        self._move((CallState.IDLE,), CallState.RINGING)
        self.peer_device = device

    def accept(self) -> None:
        self._require(Role.CALLEE)
        self._move((CallState.RINGING,), CallState.CONNECTING)

    # ---- both --------------------------------------------------------------------------

    def connected(self) -> None:
        """DTLS with the fingerprint from the E2E offer/answer is up: media flows."""
        self._move((CallState.CONNECTING,), CallState.ACTIVE)

    def end(self, reason: EndReason) -> None:
        only_ringing = reason in _WHILE_RINGING
        self._move(_RINGING if only_ringing else _LIVE, CallState.ENDED)
        self.end_reason = reason

    @property
    def ended(self) -> bool:
        return self.state is CallState.ENDED

    def _require(self, role: Role) -> None:
        if self.role is not role:
            raise CallStateError(f"call {self.call_id}: only the {role.value} may do that")
