"""Runs the lock state machine against a real container and real key material.

``LockSession`` is what the app holds for the person at the PC. It checks secrets,
feeds the outcome to ``LockMachine`` and carries out the actions the machine returns.

What stays in memory (see docs/container.md, "What locking wipes from memory"):

* UNLOCKED: the database key (a bytearray) and, once a PIN is set, the PIN key:
  Argon2id(PIN, a random salt drawn when the PIN is set). The PIN itself is never kept.
* PIN_LOCKED: only the database key wrapped (AES-256-GCM) under the PIN key, with the
  salt. The database key, the PIN key and the database connection are gone; a PIN
  entry re-derives the PIN key, and the GCM tag is the PIN check (no separate PIN
  hash). The MAX_PIN_FAILURES-th wrong PIN drops the wrapped key too.
* LOCKED / PASSPHRASE_REQUIRED: nothing.

With ``receive_while_pin_locked`` (what the app uses, so that an urgent message still
reaches a locked ward PC) PIN_LOCKED keeps the database connection open, and with it
SQLCipher's copy of the key; our own key buffer and the PIN key are still wiped and the
PIN check is unchanged. Leaving PIN_LOCKED for PASSPHRASE_REQUIRED or LOCKED closes it.
The trade-off is written down in docs/desktop-app.md ("Urgent messages while locked").

Secrets handed in as bytearrays (the GUI does so) are zeroed once used; key buffers
are bytearrays we zero ourselves. Copies inside SQLCipher are wiped by SQLCipher when
the connection closes.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from pathlib import Path

from desktop_app.crypto.errors import UnwrapError
from desktop_app.crypto.keywrap import (
    KEY_BYTES,
    SALT_BYTES,
    KdfParams,
    WrappedKey,
    derive_key_into,
    unwrap_with_kek,
    wrap_with_kek,
)
from desktop_app.crypto.secret_memory import Secret, secret_buffer, wipe
from desktop_app.storage.container import Container
from desktop_app.storage.errors import (
    ContainerError,
    ContainerLocked,
    PassphraseRequired,
    WrongPassphrase,
    WrongPin,
)
from desktop_app.storage.lock_state import (
    Action,
    Closed,
    Event,
    LockMachine,
    LockRequested,
    LockState,
    Outcome,
    PassphraseAccepted,
    PassphraseRejected,
    PinAccepted,
    PinCleared,
    PinRejected,
    PinSet,
    Reason,
    Tick,
)
from desktop_app.storage.secret_policy import check_pin

# A PIN only guards a running session for a few attempts, so its KDF can be cheaper
# than the passphrase's; it still costs an attacker with a memory dump real work.
PIN_KDF = KdfParams(time_cost=2, memory_kib=64 * 1024, parallelism=2)
_PIN_CONTEXT = b"session-pin"


def _passphrase_required(reason: Reason) -> PassphraseRequired:
    """Keyed by the reason's name, so the GUI words it (``too_many_pins`` …)."""
    return PassphraseRequired(reason.value, reason.name.lower())


class LockSession:
    """One person's container on this PC, across lock and unlock, while the app runs."""

    def __init__(
        self,
        directory: Path,
        *,
        clock: Callable[[], float] = time.monotonic,
        pin_kdf: KdfParams = PIN_KDF,
        on_clear_views: Callable[[], None] | None = None,
        receive_while_pin_locked: bool = False,
    ) -> None:
        self.directory = Path(directory)
        self.machine = LockMachine()
        self._clock = clock
        self._pin_kdf = pin_kdf
        self._on_clear_views = on_clear_views
        self.receive_while_pin_locked = receive_while_pin_locked
        self._container: Container | None = None
        self._key: bytearray | None = None  # the database key, only while unlocked
        self._pin_salt: bytes | None = None  # drawn when the PIN is set
        self._pin_kek: bytearray | None = None  # Argon2id(PIN, salt), only while unlocked
        self._pin_wrapped: WrappedKey | None = None  # the key under the PIN key, while locked

    @property
    def state(self) -> LockState:
        return self.machine.state

    @property
    def container(self) -> Container:
        """The open container; raises ContainerLocked unless unlocked."""
        if self._container is None or self.machine.state is not LockState.UNLOCKED:
            raise ContainerLocked()
        return self._container

    def unlock_with_passphrase(self, passphrase: Secret) -> Container:
        """A bytearray passphrase is zeroed as soon as the key is unwrapped (or refused)."""
        try:
            key = Container.unlock_key(self.directory, passphrase)
        except WrongPassphrase:
            self._feed(PassphraseRejected(self._clock()))
            raise
        self._zero_key()
        self._key = key
        self._feed(PassphraseAccepted(self._clock()))
        if self.machine.pin_set and self._pin_kek is None and self._pin_wrapped is None:
            # The PIN key went with too many wrong PINs or the 12 h limit, and the PIN
            # itself was never kept: the next lock asks for the passphrase.
            self._feed(PinCleared(self._clock()))
        return self.container

    def set_pin(self, pin: Secret) -> None:
        """Derive the PIN key for this run; the PIN is neither kept nor written to disk.

        A bytearray PIN is zeroed here, also when it is refused.
        """
        buf = secret_buffer(pin)
        try:
            check_pin(buf)
            self._feed(PinSet(self._clock()))
            salt = secrets.token_bytes(SALT_BYTES)
            kek = bytearray(KEY_BYTES)
            derive_key_into(buf, salt, self._pin_kdf, kek)
        finally:
            wipe(buf)
        self._forget_pin_key()
        self._pin_salt, self._pin_kek, self._pin_wrapped = salt, kek, None

    def clear_pin(self) -> None:
        self._forget_pin_key()
        self._pin_salt, self._pin_wrapped = None, None
        self._feed(PinCleared(self._clock()))

    def lock(self) -> Outcome:
        return self._feed(LockRequested(self._clock()))

    def unlock_with_pin(self, pin: Secret) -> Container:
        """Re-derive the PIN key and unwrap; a bytearray PIN is zeroed in any case."""
        buf = secret_buffer(pin)
        try:
            if self.machine.state is not LockState.PIN_LOCKED or self._pin_wrapped is None:
                if self.machine.state is LockState.PASSPHRASE_REQUIRED:
                    raise _passphrase_required(self.machine.reason or Reason.NO_PIN)
                raise PassphraseRequired("a PIN only unlocks a running session", "pin_not_running")
            wrapped = self._pin_wrapped
            kek = bytearray(KEY_BYTES)
            derive_key_into(buf, wrapped.salt, wrapped.params, kek)
        finally:
            wipe(buf)
        try:
            key = unwrap_with_kek(wrapped, kek, _PIN_CONTEXT)
        except UnwrapError:
            wipe(kek)
            outcome = self._feed(PinRejected(self._clock()))
            if outcome.state is LockState.PASSPHRASE_REQUIRED:
                raise _passphrase_required(Reason.TOO_MANY_PINS) from None
            raise WrongPin(self.machine.pin_attempts_left) from None
        self._key = key
        self._pin_salt, self._pin_kek = wrapped.salt, kek  # the next lock wraps under it again
        outcome = self._feed(PinAccepted(self._clock()))
        if outcome.state is not LockState.UNLOCKED:
            raise _passphrase_required(outcome.reason or Reason.SESSION_EXPIRED)
        return self.container

    def lock_keeps_database_open(self) -> bool:
        """Whether ``lock()`` now would leave the database open (PIN_LOCKED, receiving)."""
        m = self.machine
        return (
            self.receive_while_pin_locked
            and m.state is LockState.UNLOCKED
            and m.pin_set
            and not m.session_expired(self._clock())
        )

    def next_step_may_close(self) -> bool:
        """Whether the next PIN entry or tick may close a database kept open while
        PIN-locked (last PIN attempt, or the 12 hours are up): stop its users first."""
        m = self.machine
        return (
            self._container is not None
            and m.state is LockState.PIN_LOCKED
            and (m.pin_attempts_left <= 1 or m.session_expired(self._clock()))
        )

    def tick(self) -> Outcome:
        return self._feed(Tick(self._clock()))

    def close(self) -> None:
        self._feed(Closed(self._clock()))

    # ---- carrying out the machine's actions ------------------------------------------

    def _feed(self, event: Event) -> Outcome:
        outcome = self.machine.handle(event)
        for action in outcome.actions:
            self._perform(action)
        return outcome

    def _perform(self, action: Action) -> None:
        if action is Action.OPEN_DATABASE:
            # The PIN-wrapped key may stay while unlocked (the plain key is here anyway):
            # after "forgot my PIN, used the passphrase" it is all the next lock needs.
            if self._container is None:
                assert self._key is not None
                try:
                    self._container = Container.open_with_key(self.directory, self._key)
                except ContainerError:
                    self._discard_key()
                    self.machine = LockMachine(pin_set=self.machine.pin_set)
                    raise
        elif action is Action.CLOSE_DATABASE:
            keep = self.receive_while_pin_locked and self.machine.state is LockState.PIN_LOCKED
            if self._container is not None and not keep:
                self._container.close()
                self._container = None
        elif action is Action.CLEAR_VIEWS:
            if self._on_clear_views is not None:
                self._on_clear_views()
        elif action is Action.WRAP_KEY_UNDER_PIN:
            assert self._key is not None
            if self._pin_kek is not None and self._pin_salt is not None:
                self._pin_wrapped = wrap_with_kek(
                    self._key, self._pin_kek, self._pin_kdf, self._pin_salt, _PIN_CONTEXT
                )
            assert self._pin_wrapped is not None, "a PIN is set but no PIN key exists"
            self._zero_key()
            self._forget_pin_key()
        elif action is Action.DESTROY_KEY:
            if self._container is not None:  # kept open while PIN-locked: close it now
                self._container.close()
                self._container = None
            self._discard_key()

    def _zero_key(self) -> None:
        wipe(self._key)
        self._key = None

    def _forget_pin_key(self) -> None:
        wipe(self._pin_kek)
        self._pin_kek = None

    def _discard_key(self) -> None:
        """Everything that could reopen the database without the passphrase."""
        self._zero_key()
        self._forget_pin_key()
        self._pin_wrapped = None
