"""Runs the lock state machine against a real container and real key material.

``LockSession`` is what the app holds for the person at the PC. It checks secrets,
feeds the outcome to ``LockMachine`` and carries out the actions the machine returns.
While PIN-locked the database key exists only wrapped under a key derived from the
PIN (Argon2id, in memory); the plain key and the open database are gone. Python cannot
guarantee that freed memory is overwritten, so key buffers are bytearrays that we zero
ourselves; copies inside SQLCipher are wiped by SQLCipher when the connection closes.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from desktop_app.crypto.errors import UnwrapError
from desktop_app.crypto.keywrap import KdfParams, WrappedKey, unwrap_key, wrap_key
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


class LockSession:
    """One person's container on this PC, across lock and unlock, while the app runs."""

    def __init__(
        self,
        directory: Path,
        *,
        clock: Callable[[], float] = time.monotonic,
        pin_kdf: KdfParams = PIN_KDF,
        on_clear_views: Callable[[], None] | None = None,
    ) -> None:
        self.directory = Path(directory)
        self.machine = LockMachine()
        self._clock = clock
        self._pin_kdf = pin_kdf
        self._on_clear_views = on_clear_views
        self._container: Container | None = None
        self._key: bytearray | None = None
        self._pin: str | None = None
        self._pin_wrapped: WrappedKey | None = None

    @property
    def state(self) -> LockState:
        return self.machine.state

    @property
    def container(self) -> Container:
        """The open container; raises ContainerLocked unless unlocked."""
        if self._container is None or self.machine.state is not LockState.UNLOCKED:
            raise ContainerLocked()
        return self._container

    def unlock_with_passphrase(self, passphrase: str) -> Container:
        try:
            key = Container.unlock_key(self.directory, passphrase)
        except WrongPassphrase:
            self._feed(PassphraseRejected(self._clock()))
            raise
        self._discard_key()
        self._key = bytearray(key)
        self._feed(PassphraseAccepted(self._clock()))
        return self.container

    def set_pin(self, pin: str) -> None:
        """Remember a PIN for this run; it is never written to disk."""
        check_pin(pin)
        self._pin = pin
        self._feed(PinSet(self._clock()))

    def clear_pin(self) -> None:
        self._pin = None
        self._feed(PinCleared(self._clock()))

    def lock(self) -> Outcome:
        return self._feed(LockRequested(self._clock()))

    def unlock_with_pin(self, pin: str) -> Container:
        if self.machine.state is not LockState.PIN_LOCKED or self._pin_wrapped is None:
            raise PassphraseRequired(
                (self.machine.reason or Reason.NO_PIN).value
                if self.machine.state is LockState.PASSPHRASE_REQUIRED
                else "a PIN only unlocks a running session"
            )
        try:
            key = unwrap_key(self._pin_wrapped, pin, _PIN_CONTEXT)
        except UnwrapError:
            outcome = self._feed(PinRejected(self._clock()))
            if outcome.state is LockState.PASSPHRASE_REQUIRED:
                raise PassphraseRequired(Reason.TOO_MANY_PINS.value) from None
            raise WrongPin(self.machine.pin_attempts_left) from None
        self._key = bytearray(key)
        outcome = self._feed(PinAccepted(self._clock()))
        if outcome.state is not LockState.UNLOCKED:
            raise PassphraseRequired((outcome.reason or Reason.SESSION_EXPIRED).value)
        return self.container

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
            self._pin_wrapped = None
            if self._container is None:
                assert self._key is not None
                try:
                    self._container = Container.open_with_key(self.directory, bytes(self._key))
                except ContainerError:
                    self._discard_key()
                    self.machine = LockMachine(pin_set=self.machine.pin_set)
                    raise
        elif action is Action.CLOSE_DATABASE:
            if self._container is not None:
                self._container.close()
                self._container = None
        elif action is Action.CLEAR_VIEWS:
            if self._on_clear_views is not None:
                self._on_clear_views()
        elif action is Action.WRAP_KEY_UNDER_PIN:
            assert self._key is not None and self._pin is not None
            self._pin_wrapped = wrap_key(bytes(self._key), self._pin, self._pin_kdf, _PIN_CONTEXT)
            self._zero_key()
        elif action is Action.DESTROY_KEY:
            self._discard_key()

    def _zero_key(self) -> None:
        if self._key is not None:
            self._key[:] = bytes(len(self._key))
            self._key = None

    def _discard_key(self) -> None:
        self._zero_key()
        self._pin_wrapped = None
