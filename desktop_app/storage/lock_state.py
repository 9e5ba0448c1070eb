"""The lock state machine of one person's container while the app runs.

How it works
------------
Four states::

    LOCKED ──passphrase ok──▶ UNLOCKED ──lock (PIN set, < 12 h)──▶ PIN_LOCKED
       ▲                        │  ▲                                 │   │
       │ close                  │  └────────────pin ok───────────────┘   │
       │                        │ lock (no PIN) / 12 h reached           │ 5th wrong PIN /
       │                        ▼                                        │ 12 h reached
       └──────────────── PASSPHRASE_REQUIRED ◀───────────────────────────┘
                                │
                                └──passphrase ok──▶ UNLOCKED

* LOCKED is the cold start: no key in memory. Only the passphrase opens the container;
  a PIN is never accepted here, so a PIN can't open a container from disk.
* UNLOCKED: the database is open and its key is in memory.
* PIN_LOCKED: the database is closed and the views are cleared; the key is still in
  memory, but only wrapped under the PIN. A correct PIN reopens it; every wrong PIN
  counts, and the MAX_PIN_FAILURES-th destroys the key. The passphrase works here too
  (for someone who forgot their PIN).
* PASSPHRASE_REQUIRED: like LOCKED, reached during a run; ``reason`` says why
  (too many wrong PINs, no PIN set, session older than MAX_SESSION_SECONDS).

The machine is pure: it sees events (including the outcome of checking a secret,
which the caller performs) and answers with the new state plus the ``Action``s the
caller must carry out (close the database, destroy the key, ...). All transitions are
in ``_TRANSITIONS``; an event that has no entry for the current state raises
``InvalidTransition`` and changes nothing. Time is passed in with events (seconds on
any monotonic clock), so tests need no sleeping.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass

MAX_PIN_FAILURES = 5
MAX_SESSION_SECONDS = 12 * 60 * 60


class LockState(enum.Enum):
    LOCKED = "locked"
    UNLOCKED = "unlocked"
    PIN_LOCKED = "pin-locked"
    PASSPHRASE_REQUIRED = "passphrase-required"  # noqa: S105 (a state name)


class Action(enum.Enum):
    OPEN_DATABASE = "open-database"
    CLOSE_DATABASE = "close-database"
    CLEAR_VIEWS = "clear-views"  # drop decrypted content from every view and model
    WRAP_KEY_UNDER_PIN = "wrap-key-under-pin"
    DESTROY_KEY = "destroy-key"


class Reason(enum.Enum):
    NO_PIN = "no PIN is set"
    TOO_MANY_PINS = "too many wrong PINs"
    SESSION_EXPIRED = "12 hours since the passphrase was entered"


# ---- events ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PassphraseAccepted:
    now: float


@dataclass(frozen=True, slots=True)
class PassphraseRejected:
    now: float


@dataclass(frozen=True, slots=True)
class LockRequested:
    """Idle timeout, Ctrl+L, or switching to another person."""

    now: float


@dataclass(frozen=True, slots=True)
class PinAccepted:
    now: float


@dataclass(frozen=True, slots=True)
class PinRejected:
    now: float


@dataclass(frozen=True, slots=True)
class PinSet:
    now: float


@dataclass(frozen=True, slots=True)
class PinCleared:
    now: float


@dataclass(frozen=True, slots=True)
class Tick:
    """Periodic clock event, so the 12 h limit applies even when nobody touches the PC."""

    now: float


@dataclass(frozen=True, slots=True)
class Closed:
    """The app quits or the person signs out: back to a cold state."""

    now: float


Event = (
    PassphraseAccepted
    | PassphraseRejected
    | LockRequested
    | PinAccepted
    | PinRejected
    | PinSet
    | PinCleared
    | Tick
    | Closed
)


class InvalidTransition(Exception):
    """The event makes no sense in the current state (a caller bug, not user error)."""


@dataclass(frozen=True, slots=True)
class Outcome:
    state: LockState
    actions: tuple[Action, ...] = ()
    reason: Reason | None = None


@dataclass
class LockMachine:
    """Current lock state of one container plus the facts its guards need."""

    state: LockState = LockState.LOCKED
    pin_set: bool = False
    pin_failures: int = 0
    passphrase_at: float | None = None
    reason: Reason | None = None
    max_session_seconds: float = MAX_SESSION_SECONDS

    @property
    def pin_attempts_left(self) -> int:
        return MAX_PIN_FAILURES - self.pin_failures

    def handle(self, event: Event) -> Outcome:
        handler = _TRANSITIONS.get((self.state, type(event)))
        if handler is None:
            raise InvalidTransition(f"{type(event).__name__} is not valid in {self.state.value}")
        outcome = handler(self, event)
        self.state = outcome.state
        self.reason = outcome.reason
        return outcome

    def session_expired(self, now: float) -> bool:
        return self.passphrase_at is not None and now - self.passphrase_at >= (
            self.max_session_seconds
        )


# ---- guarded transitions ---------------------------------------------------------------

_TO_PASSPHRASE = (Action.CLOSE_DATABASE, Action.CLEAR_VIEWS, Action.DESTROY_KEY)


def _passphrase_ok(m: LockMachine, e: Event) -> Outcome:
    m.passphrase_at = e.now
    m.pin_failures = 0
    return Outcome(LockState.UNLOCKED, (Action.OPEN_DATABASE,))


def _stay(m: LockMachine, e: Event) -> Outcome:
    return Outcome(m.state, (), m.reason)


def _lock(m: LockMachine, e: Event) -> Outcome:
    if m.session_expired(e.now):
        return Outcome(LockState.PASSPHRASE_REQUIRED, _TO_PASSPHRASE, Reason.SESSION_EXPIRED)
    if not m.pin_set:
        return Outcome(LockState.PASSPHRASE_REQUIRED, _TO_PASSPHRASE, Reason.NO_PIN)
    m.pin_failures = 0
    return Outcome(
        LockState.PIN_LOCKED,
        (Action.CLOSE_DATABASE, Action.CLEAR_VIEWS, Action.WRAP_KEY_UNDER_PIN),
    )


def _pin_ok(m: LockMachine, e: Event) -> Outcome:
    if m.session_expired(e.now):
        return Outcome(LockState.PASSPHRASE_REQUIRED, (Action.DESTROY_KEY,), Reason.SESSION_EXPIRED)
    m.pin_failures = 0
    return Outcome(LockState.UNLOCKED, (Action.OPEN_DATABASE,))


def _pin_wrong(m: LockMachine, e: Event) -> Outcome:
    m.pin_failures += 1
    if m.pin_failures >= MAX_PIN_FAILURES:
        return Outcome(LockState.PASSPHRASE_REQUIRED, (Action.DESTROY_KEY,), Reason.TOO_MANY_PINS)
    return Outcome(LockState.PIN_LOCKED)


def _pin_set(m: LockMachine, e: Event) -> Outcome:
    m.pin_set = True
    return Outcome(LockState.UNLOCKED)


def _pin_cleared(m: LockMachine, e: Event) -> Outcome:
    m.pin_set = False
    return Outcome(LockState.UNLOCKED)


def _tick_unlocked(m: LockMachine, e: Event) -> Outcome:
    if m.session_expired(e.now):
        return Outcome(LockState.PASSPHRASE_REQUIRED, _TO_PASSPHRASE, Reason.SESSION_EXPIRED)
    return Outcome(LockState.UNLOCKED)


def _tick_pin_locked(m: LockMachine, e: Event) -> Outcome:
    if m.session_expired(e.now):
        return Outcome(LockState.PASSPHRASE_REQUIRED, (Action.DESTROY_KEY,), Reason.SESSION_EXPIRED)
    return Outcome(LockState.PIN_LOCKED)


def _close_open(m: LockMachine, e: Event) -> Outcome:
    m.passphrase_at = None
    return Outcome(LockState.LOCKED, _TO_PASSPHRASE)


def _close_pin_locked(m: LockMachine, e: Event) -> Outcome:
    m.passphrase_at = None
    return Outcome(LockState.LOCKED, (Action.DESTROY_KEY,))


def _close_cold(m: LockMachine, e: Event) -> Outcome:
    m.passphrase_at = None
    return Outcome(LockState.LOCKED)


_Handler = Callable[[LockMachine, Event], Outcome]
_L, _U, _P, _R = (
    LockState.LOCKED,
    LockState.UNLOCKED,
    LockState.PIN_LOCKED,
    LockState.PASSPHRASE_REQUIRED,
)

_TRANSITIONS: dict[tuple[LockState, type], _Handler] = {
    (_L, PassphraseAccepted): _passphrase_ok,
    (_L, PassphraseRejected): _stay,
    (_L, LockRequested): _stay,
    (_L, Tick): _stay,
    (_L, Closed): _close_cold,
    (_U, LockRequested): _lock,
    (_U, PinSet): _pin_set,
    (_U, PinCleared): _pin_cleared,
    (_U, Tick): _tick_unlocked,
    (_U, Closed): _close_open,
    (_P, PassphraseAccepted): _passphrase_ok,  # "forgot my PIN": the passphrase always works
    (_P, PassphraseRejected): _stay,
    (_P, PinAccepted): _pin_ok,
    (_P, PinRejected): _pin_wrong,
    (_P, LockRequested): _stay,
    (_P, Tick): _tick_pin_locked,
    (_P, Closed): _close_pin_locked,
    (_R, PassphraseAccepted): _passphrase_ok,
    (_R, PassphraseRejected): _stay,
    (_R, LockRequested): _stay,
    (_R, Tick): _stay,
    (_R, Closed): _close_cold,
}
