"""The relay store's foundation: the connection, transactions, migrations, records.

Two backends share every operation: the embedded SQLite file (the default) and
PostgreSQL (``store_pg``: a connection with SQLite's surface and a small dialect
translation) for several relay nodes on one database (docs/scale.md).

Every commit is ``synchronous=FULL``: the relay acknowledges an envelope only after it
sits in every recipient's mailbox on disk, so a crash after an ack loses nothing. The
store is synchronous and used from one thread at a time in the relay (the server funnels
calls through a single worker thread); admin commands in another process share the file
through WAL with short transactions. It knows nothing about sockets or frames.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from sqlcipher3 import dbapi2 as sqlcipher

from desktop_app.crypto.secret_memory import hex_into, wipe
from desktop_app.relay import store_pg
from desktop_app.relay.errors import RelayStoreError
from desktop_app.relay.store_pg import PgTarget
from desktop_app.sqlmigrate import STATEMENT_CACHE, load

log = logging.getLogger("wardlink.relay")

MIGRATIONS = load("desktop_app.relay")
DB_ERRORS = (sqlite3.DatabaseError, sqlcipher.DatabaseError)
WRITE_ERRORS = (sqlite3.OperationalError, sqlcipher.OperationalError)
INTEGRITY_ERRORS = (sqlite3.IntegrityError, sqlcipher.IntegrityError)
"""An encrypted store (SQLCipher) raises its driver's classes, a plain one sqlite3's."""
BUSY_TIMEOUT_S = 10.0
"""How long a write waits for another process's transaction (admin commands run next to
a serving relay; every transaction is short, so this is never reached in practice)."""


@dataclass(frozen=True, slots=True)
class DeviceRecord:
    device_id: str
    uid: str
    device_name: str
    certificate: bytes
    serial: str
    enrolled_at: int
    revoked_at: int | None
    last_seen: int | None

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None


@dataclass(frozen=True, slots=True)
class MailboxItem:
    row: int  # relay-internal envelope row
    envelope_id: str
    sender_uid: str
    sender_device: str
    received_at: int
    payload: bytes
    device_payload: bytes | None


@dataclass(frozen=True, slots=True)
class StoredKey:
    """A published Curve25519 key with the device's signature; the relay only keeps it."""

    key_id: str
    key: str
    signature: bytes


@dataclass(frozen=True, slots=True)
class ClaimedKeys:
    one_time_key: StoredKey | None
    fallback_key: StoredKey | None


@dataclass(frozen=True, slots=True)
class BlobRecord:
    blob_id: str
    owner_device: str
    total_size: int
    received: int
    sha256: str | None
    expires_at: int

    @property
    def complete(self) -> bool:
        return self.sha256 is not None


_DEVICE_COLUMNS = (
    "device_id, uid, device_name, certificate, serial, enrolled_at, revoked_at, last_seen"
)


class StoreBase:
    """Connection, transactions and schema; the operations live in the subclasses."""

    def __init__(self, path: Path | PgTarget, key: bytes | bytearray | None = None) -> None:
        """``key``: open (or create) relay.db encrypted with SQLCipher (relay/db_key.py).

        ``path`` a PgTarget: the store lives in that PostgreSQL database instead
        (created or brought up to date there); ``key`` does not apply.
        """
        self.path = path
        self._lock = threading.RLock()
        self._write_errors: tuple[type[BaseException], ...] = WRITE_ERRORS
        self._integrity_errors: tuple[type[BaseException], ...] = INTEGRITY_ERRORS
        self._lost_errors: tuple[type[BaseException], ...] = ()
        self._shared = False  # PostgreSQL: other nodes share this store and listen to it
        if isinstance(path, PgTarget):
            self._open_pg(path)
            return
        try:
            if not path.exists():  # private from the start; -wal/-shm inherit the mode
                path.touch(mode=0o600)
            self._conn = self._connect(path, key)
            for pragma in (
                "PRAGMA journal_mode = WAL",
                "PRAGMA synchronous = FULL",
                "PRAGMA foreign_keys = ON",
                "PRAGMA secure_delete = ON",
            ):
                self._conn.execute(pragma)
            self._migrate()
        except (*DB_ERRORS, OSError) as exc:
            hint = " (encrypted: is it the right key file?)" if key is not None else ""
            raise RelayStoreError(f"The relay database {path} cannot be used{hint}: {exc}") from exc

    def _open_pg(self, target: PgTarget) -> None:
        import psycopg

        self._write_errors = (*WRITE_ERRORS, psycopg.OperationalError)
        self._integrity_errors = (*INTEGRITY_ERRORS, psycopg.IntegrityError)
        self._lost_errors = (psycopg.OperationalError,)  # server gone: reads say so too
        conn = store_pg.connect(target)
        try:
            store_pg.migrate(conn)
        except psycopg.Error as exc:
            conn.close()
            raise RelayStoreError(f"The relay database {target} cannot be used: {exc}") from exc
        except BaseException:
            conn.close()
            raise
        self._conn = cast(sqlite3.Connection, conn)  # the same calls, see store_pg
        self._shared = True

    def backend_pid(self) -> int | None:
        """PostgreSQL: the server process of this store's connection (else None)."""
        return self._conn.backend_pid if self._shared else None  # type: ignore[attr-defined]

    def _announce(self, cur: sqlite3.Connection, channel: str, payloads: Sequence[str]) -> None:
        """Tell every relay node on this database, once this transaction commits
        (PostgreSQL NOTIFY; relay/node_bus.py listens). Payloads are ids, never content.
        A store on SQLite has one node: nothing to tell."""
        if self._shared and payloads:
            cur.execute(store_pg.NOTIFY_EACH, (channel, list(payloads)))

    @staticmethod
    def _connect(path: Path, key: bytes | bytearray | None) -> sqlite3.Connection:
        if key is None:
            return sqlite3.connect(
                str(path), timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
            )
        conn = sqlcipher.connect(
            str(path),
            timeout=BUSY_TIMEOUT_S,
            isolation_level=None,
            check_same_thread=False,
            cached_statements=STATEMENT_CACHE,  # not the driver's 128 (sqlmigrate.py)
        )
        spec = hex_into(key, b"x'", b"'")  # the raw key: no KDF, the key is random
        try:
            conn.set_key(spec)
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # wrong key fails
        except BaseException:
            conn.close()
            raise
        finally:
            wipe(spec)
        return cast(sqlite3.Connection, conn)  # the same DB-API surface

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def truncate_journal(self) -> bool:
        """Copy relay.db-wal into relay.db and cut it to zero bytes (the hourly expiry run).

        secure_delete zeroes deleted rows in relay.db, but the WAL keeps every frame
        written since its last reset: a copy of a running relay's directory would still
        show delivered envelopes (sender, envelope id, ciphertext) there. False when a
        reader (an admin command) held the checkpoint back; the next run tries again.
        PostgreSQL keeps its own WAL (docs/scale.md): nothing to do here.
        """
        if self._shared:
            return True
        with self._lock:
            busy = self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        return int(busy) == 0

    def _migrate(self) -> None:
        version = int(self._conn.execute("PRAGMA user_version").fetchone()[0])
        if version > len(MIGRATIONS):
            raise RelayStoreError(
                f"The relay database has schema {version}; this WardLink knows "
                f"{len(MIGRATIONS)}. Update the relay; nothing was changed."
            )
        for migration in MIGRATIONS[version:]:
            with self._tx() as cur:
                for statement in migration.statements():
                    cur.execute(statement)
                cur.execute(f"PRAGMA user_version = {migration.version:d}")

    @contextmanager
    def _tx(self, *, durable: bool = True) -> Iterator[sqlite3.Connection]:
        """One transaction. ``durable=False`` is for what the relay may lose with power
        (never an accepted envelope): its commit is atomic but not forced to disk
        (SQLite ``synchronous=NORMAL`` for it, PostgreSQL ``synchronous_commit=off``);
        the next durable commit, or a checkpoint, makes it durable with everything
        before it."""
        with self._lock:
            relaxed = not durable and not self._shared
            if relaxed:  # not inside a transaction: SQLite ignores it there
                self._conn.execute("PRAGMA synchronous = NORMAL")
            try:
                with self._transaction(durable) as cur:
                    yield cur
            finally:
                if relaxed:
                    self._conn.execute("PRAGMA synchronous = FULL")

    @contextmanager
    def _transaction(self, durable: bool) -> Iterator[sqlite3.Connection]:
        try:
            self._conn.execute("BEGIN IMMEDIATE")
            if not durable and self._shared:
                self._conn.execute("SET LOCAL synchronous_commit = off")
        except BaseException as exc:
            self._roll_back()  # PostgreSQL: begun, but the lock timed out
            if isinstance(exc, self._write_errors):
                raise RelayStoreError(f"the relay database cannot be written: {exc}") from exc
            raise
        try:
            yield self._conn
            self._conn.execute("COMMIT")
        except BaseException as exc:
            self._roll_back()
            if isinstance(exc, self._write_errors):  # disk full, locked, I/O error
                raise RelayStoreError(f"the relay database cannot be written: {exc}") from exc
            raise

    def _roll_back(self) -> None:
        """Undo a failed transaction. When the database went away in the middle of it
        (PostgreSQL restarted), the ROLLBACK fails too, and the server has ended the
        transaction anyway: the first error is the one to report (as a store failure,
        so clients hear 'unavailable' and resend), not the ROLLBACK's."""
        try:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
        except self._write_errors as exc:
            log.warning("rolling back after a failed transaction failed too: %s", exc)

    def _query(self, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            try:
                return self._conn.execute(sql, params).fetchall()
            except self._lost_errors as exc:
                raise RelayStoreError(f"the relay database cannot be read: {exc}") from exc

    # ---- meta ------------------------------------------------------------------------

    def get_meta(self, key: str) -> str | None:
        rows = self._query("SELECT value FROM meta WHERE key = ?", (key,))
        return str(rows[0][0]) if rows else None

    def set_meta(self, key: str, value: str) -> None:
        with self._tx() as cur:
            cur.execute(
                "INSERT INTO meta VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )
