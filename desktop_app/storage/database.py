"""A thin wrapper around one DB-API connection: transactions and error translation.

Repositories talk to ``Database``, never to the driver, so every driver error becomes a
typed ``ContainerError`` in one place. The wrapper works with sqlcipher3 and with the
standard library's sqlite3 (the benchmark compares both on identical SQL).
"""

from __future__ import annotations

import errno
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from types import ModuleType
from typing import Any

from desktop_app.storage.errors import (
    ContainerError,
    ContainerIOError,
    CorruptContainer,
    DiskFull,
)

SqlParams = Sequence[Any] | dict[str, Any]

_SQLITE_FULL = 13
_SQLITE_CORRUPT = 11
_SQLITE_NOTADB = 26
_SQLITE_IOERR = 10


def translate(exc: BaseException) -> ContainerError | None:
    """Map a driver or OS error to a typed container error, or None if it is a bug."""
    if isinstance(exc, ContainerError):
        return exc
    if isinstance(exc, OSError):
        if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            return DiskFull(exc.strerror or "")
        return None
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(exc).lower()
    if primary == _SQLITE_FULL or "disk is full" in text:
        return DiskFull()
    if primary in (_SQLITE_CORRUPT, _SQLITE_NOTADB) or "malformed" in text:
        return CorruptContainer(
            "The container's database is damaged (HMAC or structure check failed); "
            "nothing was written to it."
        )
    if "file is not a database" in text:
        return CorruptContainer("The container's database file is damaged or not ours.")
    if primary == _SQLITE_IOERR:
        return ContainerIOError(str(exc))
    return None


class Database:
    """One connection, used from any thread but by one at a time."""

    def __init__(self, connection: Any, driver: ModuleType) -> None:
        self._conn = connection
        self._driver = driver
        self._lock = threading.RLock()
        self._joinable = False
        self._in_transaction = False
        self._depth = 0  # nested atomic() savepoints
        self._after_commit: list[Callable[[], None]] = []
        self._unsynced = True  # a commit since the last durable one may not be on disk
        self._rollbacks = 0

    @property
    def raw(self) -> Any:
        """The driver connection, for migrations and pragmas only."""
        return self._conn

    def query(self, sql: str, params: SqlParams = ()) -> list[tuple[Any, ...]]:
        # The hot path (a dozen reads per message): a plain try, no context managers.
        with self._lock:
            try:
                rows: list[tuple[Any, ...]] = self._conn.execute(sql, params).fetchall()
            except (self._driver.Error, OSError) as exc:
                typed = translate(exc)
                if typed is None:
                    raise
                raise typed from exc
            return rows

    def query_one(self, sql: str, params: SqlParams = ()) -> tuple[Any, ...] | None:
        rows = self.query(sql, params)
        return rows[0] if rows else None

    def scalar(self, sql: str, params: SqlParams = ()) -> Any:
        row = self.query_one(sql, params)
        return None if row is None else row[0]

    @contextmanager
    def transaction(self, *, durable: bool = False) -> Iterator[Cursor]:
        """BEGIN IMMEDIATE ... COMMIT; rolls back on any error and re-raises it typed.

        ``durable=True`` commits with synchronous=FULL: use it for writes that gate an
        acknowledgement to someone else (the relay, the sender), so a power cut after
        the ack cannot lose the data.
        """
        with self._lock:
            if self._in_transaction:
                if not self._joinable:
                    raise RuntimeError("nested transactions are not supported")
                # Inside ``atomic``: this write commits or rolls back with the whole.
                yield Cursor(self._conn)
                return
            with self._errors():
                if durable:
                    self._conn.execute("PRAGMA synchronous = FULL")
                self._conn.execute("BEGIN IMMEDIATE")
            self._in_transaction = True
            changes = self._conn.total_changes
            try:
                with self._errors():
                    yield Cursor(self._conn)
                    self._conn.execute("COMMIT")
                # A durable commit syncs the WAL only if it wrote to it (changed rows).
                self._unsynced = not (durable and self._conn.total_changes != changes)
            except BaseException:
                self._rollback()
                self._after_commit.clear()
                raise
            finally:
                self._in_transaction = False
                if durable:
                    with self._errors():
                        self._conn.execute("PRAGMA synchronous = NORMAL")
            self._run_after_commit()

    @contextmanager
    def atomic(self, *, durable: bool = False) -> Iterator[None]:
        """One transaction around several stores' writes, which join it.

        For steps that cannot be repeated, such as an Olm decryption (its one-time key is
        spent) and the room key it delivered: both are stored, or neither is. Inside
        another ``atomic`` (a batch of received envelopes, one commit for all) it is a
        SAVEPOINT: an error undoes only this step's writes and re-raises, the batch's
        other steps still commit with it. ``durable`` as for ``transaction`` (ignored
        for a savepoint: the outermost commit decides).
        """
        with self._lock:
            if self._in_transaction and self._joinable:
                yield from self._savepoint()
                return
            with self.transaction(durable=durable):
                self._joinable = True
                try:
                    yield
                finally:
                    self._joinable = False

    def _savepoint(self) -> Iterator[None]:
        self._depth += 1
        name = f"step{self._depth}"
        try:
            with self._errors():
                self._conn.execute(f"SAVEPOINT {name}")
            try:
                with self._errors():  # a full disk inside a step is DiskFull, not a bug
                    yield
            except BaseException:
                self._rollbacks += 1
                with suppress(self._driver.Error):
                    self._conn.execute(f"ROLLBACK TO {name}")
                    self._conn.execute(f"RELEASE {name}")
                raise
            with self._errors():
                self._conn.execute(f"RELEASE {name}")
        finally:
            self._depth -= 1

    @property
    def unsynced(self) -> bool:
        """False when every commit so far is durable: the last write transaction that
        changed rows committed with synchronous=FULL, whose WAL fsync covers all before
        it. ``Container.barrier()`` then has nothing to do."""
        return self._unsynced

    def after_commit(self, action: Callable[[], None]) -> None:
        """Run ``action`` once what was written so far is committed: at once outside a
        transaction, else after the outermost COMMIT (never, if it rolls back).

        For what cannot be undone or cannot run inside a transaction: shredding files
        whose rows a transaction deletes, a WAL checkpoint."""
        if self._in_transaction:
            self._after_commit.append(action)
        else:
            action()

    def _run_after_commit(self) -> None:
        actions, self._after_commit = self._after_commit, []
        for action in actions:
            action()

    def execute(self, sql: str, params: SqlParams = ()) -> None:
        """Run one statement outside an explicit transaction (pragmas, checkpoints)."""
        with self._lock, self._errors():
            changes = self._conn.total_changes
            self._conn.execute(sql, params).fetchall()
            if self._conn.total_changes != changes:
                self._unsynced = True

    def close(self) -> None:
        with self._lock, suppress(self._driver.Error):
            self._conn.close()

    @property
    def rollbacks(self) -> int:
        """How many transactions and savepoints were rolled back so far: a cache of rows
        read since then may hold what was never committed."""
        return self._rollbacks

    def _rollback(self) -> None:
        self._rollbacks += 1
        # SQLite may already have rolled back by itself (e.g. after SQLITE_FULL).
        with suppress(self._driver.Error):
            self._conn.execute("ROLLBACK")

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except (self._driver.Error, OSError) as exc:
            typed = translate(exc)
            if typed is None:
                raise
            raise typed from exc


class Cursor:
    """What a transaction body sees: statements only, no commit or rollback."""

    def __init__(self, connection: Any) -> None:
        self._conn = connection

    def execute(self, sql: str, params: SqlParams = ()) -> int:
        """Run one statement; returns the rowcount."""
        cur = self._conn.execute(sql, params)
        return int(cur.rowcount)

    def executemany(self, sql: str, rows: Sequence[SqlParams]) -> None:
        self._conn.executemany(sql, rows)

    def query(self, sql: str, params: SqlParams = ()) -> list[tuple[Any, ...]]:
        rows: list[tuple[Any, ...]] = self._conn.execute(sql, params).fetchall()
        return rows

    def last_rowid(self) -> int:
        return int(self._conn.execute("SELECT last_insert_rowid()").fetchone()[0])
