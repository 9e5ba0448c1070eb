"""Every transition of the lock state machine, including the 5-strikes and 12 h rules."""

from __future__ import annotations

import pytest

from desktop_app.storage.lock_state import (
    MAX_PIN_FAILURES,
    MAX_SESSION_SECONDS,
    Action,
    Closed,
    InvalidTransition,
    LockMachine,
    LockRequested,
    LockState,
    PassphraseAccepted,
    PassphraseRejected,
    PinAccepted,
    PinCleared,
    PinRejected,
    PinSet,
    Reason,
    Tick,
)

L, U, P, R = (
    LockState.LOCKED,
    LockState.UNLOCKED,
    LockState.PIN_LOCKED,
    LockState.PASSPHRASE_REQUIRED,
)


def unlocked(pin: bool = True) -> LockMachine:
    m = LockMachine()
    m.handle(PassphraseAccepted(0))
    if pin:
        m.handle(PinSet(1))
    return m


def pin_locked() -> LockMachine:
    m = unlocked()
    m.handle(LockRequested(10))
    return m


def passphrase_required() -> LockMachine:
    m = unlocked(pin=False)
    m.handle(LockRequested(10))
    return m


def test_cold_start_is_locked_and_only_the_passphrase_opens() -> None:
    m = LockMachine()
    assert m.state is L
    for event in (PinAccepted(0), PinRejected(0), PinSet(0)):
        with pytest.raises(InvalidTransition):
            m.handle(event)
    assert m.state is L
    assert m.handle(PassphraseRejected(0)).state is L
    out = m.handle(PassphraseAccepted(0))
    assert (out.state, out.actions) == (U, (Action.OPEN_DATABASE,))


@pytest.mark.parametrize("event", [LockRequested(5), Tick(5)])
def test_locked_ignores_lock_and_tick(event: LockRequested | Tick) -> None:
    m = LockMachine()
    assert m.handle(event) == m.handle(event)
    assert m.state is L


def test_lock_with_pin_keeps_key_under_pin_and_clears_views() -> None:
    m = unlocked()
    out = m.handle(LockRequested(10))
    assert out.state is P
    assert out.actions == (Action.CLOSE_DATABASE, Action.CLEAR_VIEWS, Action.WRAP_KEY_UNDER_PIN)


def test_lock_without_pin_destroys_key() -> None:
    m = unlocked(pin=False)
    out = m.handle(LockRequested(10))
    assert (out.state, out.reason) == (R, Reason.NO_PIN)
    assert Action.DESTROY_KEY in out.actions and Action.CLEAR_VIEWS in out.actions


def test_pin_cleared_means_next_lock_needs_passphrase() -> None:
    m = unlocked()
    m.handle(PinCleared(2))
    assert m.handle(LockRequested(3)).state is R


def test_correct_pin_unlocks_and_resets_the_count() -> None:
    m = pin_locked()
    m.handle(PinRejected(11))
    m.handle(PinRejected(12))
    assert m.pin_attempts_left == MAX_PIN_FAILURES - 2
    out = m.handle(PinAccepted(13))
    assert (out.state, out.actions) == (U, (Action.OPEN_DATABASE,))
    m.handle(LockRequested(14))
    assert m.pin_attempts_left == MAX_PIN_FAILURES


def test_fifth_wrong_pin_destroys_the_key() -> None:
    m = pin_locked()
    for i in range(MAX_PIN_FAILURES - 1):
        out = m.handle(PinRejected(20 + i))
        assert out.state is P and out.actions == ()
    out = m.handle(PinRejected(30))
    assert (out.state, out.actions, out.reason) == (R, (Action.DESTROY_KEY,), Reason.TOO_MANY_PINS)
    with pytest.raises(InvalidTransition):
        m.handle(PinAccepted(31))  # the key is gone; no PIN can bring it back


def test_passphrase_after_strikes_restores_pin_use() -> None:
    m = pin_locked()
    for i in range(MAX_PIN_FAILURES):
        m.handle(PinRejected(20 + i))
    assert m.handle(PassphraseRejected(40)).state is R
    assert m.handle(PassphraseAccepted(41)).state is U
    assert m.handle(LockRequested(42)).state is P  # PIN still set for this run


def test_passphrase_works_while_pin_locked() -> None:
    m = pin_locked()
    assert m.handle(PassphraseRejected(11)).state is P
    assert m.handle(PassphraseAccepted(12)).state is U


def test_session_expires_after_12_hours_when_unlocked() -> None:
    m = unlocked()
    assert m.handle(Tick(MAX_SESSION_SECONDS - 1)).state is U
    out = m.handle(Tick(MAX_SESSION_SECONDS))
    assert (out.state, out.reason) == (R, Reason.SESSION_EXPIRED)
    assert Action.DESTROY_KEY in out.actions


def test_session_expiry_also_applies_when_pin_locked_and_on_lock() -> None:
    m = pin_locked()
    assert m.handle(Tick(100)).state is P
    assert m.handle(Tick(MAX_SESSION_SECONDS + 1)).reason is Reason.SESSION_EXPIRED
    m2 = pin_locked()
    out = m2.handle(PinAccepted(MAX_SESSION_SECONDS + 5))
    assert (out.state, out.reason) == (R, Reason.SESSION_EXPIRED)
    m3 = unlocked()
    assert m3.handle(LockRequested(MAX_SESSION_SECONDS)).reason is Reason.SESSION_EXPIRED


def test_new_passphrase_restarts_the_12_hours() -> None:
    m = passphrase_required()
    m.handle(PassphraseAccepted(MAX_SESSION_SECONDS))
    assert m.handle(Tick(MAX_SESSION_SECONDS + 100)).state is U


@pytest.mark.parametrize(
    ("factory", "actions"),
    [
        (unlocked, (Action.CLOSE_DATABASE, Action.CLEAR_VIEWS, Action.DESTROY_KEY)),
        (pin_locked, (Action.DESTROY_KEY,)),
        (passphrase_required, ()),
        (LockMachine, ()),
    ],
)
def test_close_returns_to_cold_state(factory: object, actions: tuple[Action, ...]) -> None:
    m = factory()  # type: ignore[operator]
    out = m.handle(Closed(50))
    assert (out.state, out.actions) == (L, actions)
    assert m.passphrase_at is None


def test_lock_requested_again_while_locked_changes_nothing() -> None:
    for m in (pin_locked(), passphrase_required()):
        before = (m.state, m.pin_failures)
        m.handle(LockRequested(60))
        assert (m.state, m.pin_failures) == before


@pytest.mark.parametrize(
    ("factory", "event"),
    [
        (unlocked, PinAccepted(1)),
        (unlocked, PinRejected(1)),
        (unlocked, PassphraseAccepted(1)),
        (pin_locked, PinSet(1)),
        (pin_locked, PinCleared(1)),
        (passphrase_required, PinAccepted(1)),
        (passphrase_required, PinRejected(1)),
        (passphrase_required, PinSet(1)),
    ],
)
def test_invalid_events_raise_and_change_nothing(factory: object, event: object) -> None:
    m = factory()  # type: ignore[operator]
    before = m.state
    with pytest.raises(InvalidTransition):
        m.handle(event)
    assert m.state is before
