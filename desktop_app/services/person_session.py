"""One person's container across unlock, auto-lock and PIN re-unlock, with its live client.

``PersonSession`` runs on the bridge's asyncio thread and pairs the storage layer's
``LockSession`` (which owns the key and the lock state machine) with a ``LiveClient``
that exists only while the container is open: locking stops the client first (no
frame is half-handled when the database closes), then closes the database; a PIN or
passphrase unlock opens it again and starts a fresh client.

Receiving while PIN-locked (``receive_while_pin_locked``, the app's choice): the PIN
lock keeps the database open and the client running, so an urgent message still
arrives and the lock screen can name its sender and ring. Whatever step may close
the database from there (the last PIN attempt, the 12-hour limit, closing) stops the
client first, as locking does otherwise.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from desktop_app.crypto.secret_memory import Secret, wipe
from desktop_app.services.live_client import LiveClient
from desktop_app.storage.container import Container
from desktop_app.storage.lock_state import LockState
from desktop_app.storage.session import LockSession
from desktop_app.storage.shred import shred_container

MakeClient = Callable[[Container], LiveClient]


class PersonSession:
    def __init__(self, lock: LockSession, make_client: MakeClient) -> None:
        """``lock.receive_while_pin_locked`` decides whether the client survives a PIN lock."""
        self.lock_session = lock
        self._make_client = make_client
        self.client: LiveClient | None = None

    @classmethod
    def for_profile(
        cls, directory: Path, make_client: MakeClient, *, receive_while_pin_locked: bool = False
    ) -> PersonSession:
        lock = LockSession(directory, receive_while_pin_locked=receive_while_pin_locked)
        return cls(lock, make_client)

    @property
    def state(self) -> LockState:
        return self.lock_session.state

    @property
    def has_pin(self) -> bool:
        return self.lock_session.machine.pin_set

    @property
    def pin_attempts_left(self) -> int:
        return self.lock_session.machine.pin_attempts_left

    async def unlock(self, passphrase: Secret) -> LiveClient:
        """Argon2id takes about a third of a second: this runs off the GUI thread.

        A bytearray passphrase (what the GUI hands over) is zeroed once the key is out.
        """
        container = self.lock_session.unlock_with_passphrase(passphrase)
        return await self._start(container)

    async def unlock_with_pin(self, pin: Secret) -> LiveClient:
        if self.lock_session.next_step_may_close():
            await self._stop_client()
        container = self.lock_session.unlock_with_pin(pin)
        return await self._start(container)

    async def _start(self, container: Container) -> LiveClient:
        if self.client is not None and self.client.container is container:
            return self.client  # kept receiving while PIN-locked: no reconnect needed
        if self.client is not None:
            await self.client.stop()
        self.client = self._make_client(container)
        await self.client.start()
        return self.client

    def set_pin(self, pin: Secret) -> None:
        """Keeps only a key derived from the PIN; a bytearray PIN is zeroed."""
        self.lock_session.set_pin(pin)

    async def lock(self) -> LockState:
        """Stop the client, close the database; PIN_LOCKED if a PIN is set. While
        receiving PIN-locked, the client and the database stay (see the module doc)."""
        if not self.lock_session.lock_keeps_database_open():
            await self._stop_client()
        if self.lock_session.state is LockState.UNLOCKED:
            self.lock_session.lock()
        return self.lock_session.state

    async def check_age(self) -> LockState:
        """The 12-hour rule: once the session is too old, lock down to the passphrase."""
        if self.lock_session.next_step_may_close():
            await self._stop_client()
        if self.lock_session.state is not LockState.LOCKED:
            outcome = self.lock_session.tick()
            if outcome.state is LockState.PASSPHRASE_REQUIRED:
                await self._stop_client()
        return self.lock_session.state

    async def close(self) -> None:
        await self._stop_client()
        if self.lock_session.state is not LockState.LOCKED:
            self.lock_session.close()

    async def destroy(self, passphrase: Secret) -> None:
        """ "Remove my data from this PC": the passphrase confirms (WrongPassphrase
        changes nothing); then stop the client, close the database and crypto-shred."""
        directory = self.lock_session.directory
        wipe(Container.unlock_key(directory, passphrase))
        await self.close()
        shred_container(directory)

    async def _stop_client(self) -> None:
        if self.client is not None:
            client, self.client = self.client, None
            await client.stop()
