"""The lock session on a real container: PIN re-unlock, 5 strikes, no PIN from cold."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.crypto.keywrap import KdfParams
from desktop_app.storage.container import Container
from desktop_app.storage.errors import (
    ContainerLocked,
    PassphraseRequired,
    WeakSecret,
    WrongPassphrase,
    WrongPin,
)
from desktop_app.storage.lock_state import MAX_SESSION_SECONDS, LockState
from desktop_app.storage.session import LockSession
from tests.conftest import PASSPHRASE, make_conversation, make_message

PIN = "480913"
CHEAP_PIN_KDF = KdfParams(time_cost=1, memory_kib=1024, parallelism=1)


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def session(container: Container, container_dir: Path) -> LockSession:
    cid = make_conversation(container)
    container.messages.add(make_message(cid, "Visite 9 Uhr"))
    container.close()
    return LockSession(container_dir, clock=Clock(), pin_kdf=CHEAP_PIN_KDF)


def test_passphrase_unlocks_and_lock_closes(session: LockSession) -> None:
    with pytest.raises(ContainerLocked):
        session.container  # noqa: B018
    with pytest.raises(WrongPassphrase):
        session.unlock_with_passphrase("falsch falsch falsch")
    assert session.state is LockState.LOCKED
    c = session.unlock_with_passphrase(PASSPHRASE)
    assert c.messages.count() == 1
    session.lock()  # no PIN set: passphrase needed again
    assert session.state is LockState.PASSPHRASE_REQUIRED
    with pytest.raises(ContainerLocked):
        session.container  # noqa: B018
    with pytest.raises(PassphraseRequired, match="no PIN"):
        session.unlock_with_pin(PIN)


def test_pin_reunlocks_a_running_session_and_views_are_cleared(
    container_dir: Path, session: LockSession
) -> None:
    cleared: list[bool] = []
    s = LockSession(
        container_dir,
        clock=Clock(),
        pin_kdf=CHEAP_PIN_KDF,
        on_clear_views=lambda: cleared.append(True),
    )
    s.unlock_with_passphrase(PASSPHRASE)
    s.set_pin(PIN)
    old = s.container
    s.lock()
    assert s.state is LockState.PIN_LOCKED and cleared == [True]
    assert s._key is None  # the plain key is gone while PIN-locked
    with pytest.raises(Exception, match="closed"):
        old.messages.count()  # the old handle is really closed
    c = s.unlock_with_pin(PIN)
    assert c.messages.count() == 1


def test_five_wrong_pins_need_the_passphrase(session: LockSession) -> None:
    session.unlock_with_passphrase(PASSPHRASE)
    session.set_pin(PIN)
    session.lock()
    for left in (4, 3, 2, 1):
        with pytest.raises(WrongPin) as info:
            session.unlock_with_pin("111119")
        assert info.value.attempts_left == left
    with pytest.raises(PassphraseRequired, match="too many wrong PINs"):
        session.unlock_with_pin("111119")
    with pytest.raises(PassphraseRequired):
        session.unlock_with_pin(PIN)  # even the right PIN: the key is destroyed
    session.unlock_with_passphrase(PASSPHRASE)
    assert session.state is LockState.UNLOCKED


def test_a_pin_never_opens_from_cold_start(session: LockSession, container_dir: Path) -> None:
    session.unlock_with_passphrase(PASSPHRASE)
    session.set_pin(PIN)
    session.close()
    fresh = LockSession(container_dir, pin_kdf=CHEAP_PIN_KDF)
    for s in (session, fresh):
        with pytest.raises(PassphraseRequired, match="running session"):
            s.unlock_with_pin(PIN)


def test_twelve_hours_after_the_passphrase_the_pin_no_longer_works(
    container_dir: Path, container: Container
) -> None:
    container.close()
    clock = Clock()
    s = LockSession(container_dir, clock=clock, pin_kdf=CHEAP_PIN_KDF)
    s.unlock_with_passphrase(PASSPHRASE)
    s.set_pin(PIN)
    s.lock()
    clock.now = MAX_SESSION_SECONDS + 1
    with pytest.raises(PassphraseRequired, match="12 hours"):
        s.unlock_with_pin(PIN)
    s.unlock_with_passphrase(PASSPHRASE)
    clock.now += MAX_SESSION_SECONDS
    s.tick()
    assert s.state is LockState.PASSPHRASE_REQUIRED


@pytest.mark.parametrize("pin", ["12345", "123456", "000000", "987654", "12a456", "１２３４５６"])
def test_weak_pins_are_refused(session: LockSession, pin: str) -> None:
    session.unlock_with_passphrase(PASSPHRASE)
    with pytest.raises(WeakSecret):
        session.set_pin(pin)


def test_forgot_pin_passphrase_unlock_keeps_the_pin_for_the_next_lock(
    session: LockSession,
) -> None:
    session.unlock_with_passphrase(PASSPHRASE)
    session.set_pin(PIN)
    session.lock()
    session.unlock_with_passphrase(PASSPHRASE)  # "forgot my PIN"
    session.lock()
    assert session.state is LockState.PIN_LOCKED
    assert session.unlock_with_pin(PIN).messages.count() == 1


def test_after_five_wrong_pins_the_pin_is_gone_for_good(session: LockSession) -> None:
    session.unlock_with_passphrase(PASSPHRASE)
    session.set_pin(PIN)
    session.lock()
    for _ in range(5):
        with pytest.raises((WrongPin, PassphraseRequired)):
            session.unlock_with_pin("111119")
    session.unlock_with_passphrase(PASSPHRASE)
    assert not session.machine.pin_set  # the PIN was never kept, only what it unlocked
    session.lock()
    assert session.state is LockState.PASSPHRASE_REQUIRED


def test_secrets_handed_in_as_bytearrays_are_zeroed(session: LockSession) -> None:
    passphrase = bytearray(PASSPHRASE.encode())
    session.unlock_with_passphrase(passphrase)
    pin = bytearray(PIN.encode())
    session.set_pin(pin)
    session.lock()
    again = bytearray(PIN.encode())
    session.unlock_with_pin(again)
    assert not any(passphrase) and not any(pin) and not any(again)
    refused = bytearray(b"123456")
    with pytest.raises(WeakSecret):
        session.set_pin(refused)
    assert not any(refused)


def _receiving(container_dir: Path, clock: Clock) -> tuple[LockSession, Container]:
    s = LockSession(
        container_dir, clock=clock, pin_kdf=CHEAP_PIN_KDF, receive_while_pin_locked=True
    )
    c = s.unlock_with_passphrase(PASSPHRASE)
    s.set_pin(PIN)
    assert s.lock_keeps_database_open()
    s.lock()
    assert s.state is LockState.PIN_LOCKED
    return s, c


def test_receiving_pin_lock_keeps_the_database_open_and_the_pin_check(
    container_dir: Path, session: LockSession
) -> None:
    s, c = _receiving(container_dir, Clock())
    c.messages.add(make_message(make_conversation(c), "kam im Sperrzustand"))  # receiving
    with pytest.raises(ContainerLocked):
        s.container  # noqa: B018  (the GUI side still sees a locked session)
    assert s._key is None and s._pin_kek is None  # our copies are wiped all the same
    with pytest.raises(WrongPin):
        s.unlock_with_pin("135792")
    assert s.unlock_with_pin(PIN) is c  # same connection, nothing reopened
    assert c.messages.count() == 2


def test_leaving_a_receiving_pin_lock_for_the_passphrase_closes_the_database(
    container_dir: Path, session: LockSession
) -> None:
    s, c = _receiving(container_dir, Clock())
    for _ in range(4):
        with pytest.raises(WrongPin):
            s.unlock_with_pin("135792")
    assert s.next_step_may_close()  # the caller stops its client before the last try
    with pytest.raises(PassphraseRequired):
        s.unlock_with_pin("135792")
    assert s._container is None
    with pytest.raises(Exception, match=r"(?i)closed"):
        c.messages.count()

    clock = Clock()
    s, c = _receiving(container_dir, clock)
    clock.now = MAX_SESSION_SECONDS
    assert s.next_step_may_close()
    assert s.tick().state is LockState.PASSPHRASE_REQUIRED
    assert s._container is None
