"""The relay store on PostgreSQL: where it is, how to connect, and the SQL dialect.

The store's operations are written once, in SQLite's SQL with ``?`` placeholders; this
module puts a psycopg 3 connection behind the small part of the ``sqlite3`` surface the
store uses (``execute``, ``executemany``, ``in_transaction``, ``close``) and translates
the few differences (placeholders, ``INSERT OR IGNORE``, ``BEGIN IMMEDIATE``). Each
write transaction takes one transaction-level advisory lock, so writers are serialised
exactly as SQLite serialises them, also between several relay processes (docs/scale.md).
The schema has its own numbered migrations (``migrations_pg``), numbered like SQLite's.

psycopg is the optional extra ``postgres``: imported only when a store is opened here.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from desktop_app.relay.errors import RelayStoreError
from desktop_app.sqlmigrate import load

if TYPE_CHECKING:
    import psycopg

PG_MIGRATIONS = load("desktop_app.relay", "migrations_pg")
PASSWORD_ENV = "WARDLINK_DB_PASSWORD"  # noqa: S105 (the variable's name)
"""The database password comes from here (or PGPASSWORD, or a password file), never
from the command line, where every user of the machine could read it."""
CONNECT_TIMEOUT_S = 10
"""How long opening the store waits for an unreachable server before saying so."""
STATEMENT_TIMEOUT_MS = 30_000
"""No statement runs longer: the relay's one database thread must not hang on a stuck
server (the send fails with 'unavailable' and the client resends)."""
KEEPALIVE = {
    "keepalives": 1,
    "keepalives_idle": 5,
    "keepalives_interval": 2,
    "keepalives_count": 3,
    "tcp_user_timeout": 10_000,
}
"""A database host that vanished without closing the connection (power, network) is
noticed within about 10 s instead of the kernel's 15 minutes."""
STREAM_ROWS = 1000
LOCK_TIMEOUT_MS = 10_000
"""How long a write waits for another node's or admin command's transaction (as SQLite's
busy timeout; every transaction is short, so this is reached only if one hangs)."""
WRITE_LOCK = 0x5741524C  # "WARL": the advisory lock every write transaction holds
_SCHEMES = ("postgresql", "postgres")
MAIL_CHANNEL = "wardlink_mail"
"""NOTIFY channel: payload one recipient device id whose mailbox got an envelope."""
REVOKED_CHANNEL = "wardlink_revoked"
"""NOTIFY channel: payload the number of a new revocation list."""
NOTIFY_EACH = "SELECT pg_notify(?, d) FROM unnest(CAST(? AS TEXT[])) AS d"
"""One statement for all of a transaction's notifications (PostgreSQL sends them at
commit, once each, and never for a transaction that was rolled back)."""


@dataclass(frozen=True, slots=True)
class PgTarget:
    """A PostgreSQL database for the relay store; ``password`` never comes from a URL."""

    url: str
    password: str | None = None

    def __str__(self) -> str:
        return self.url


def is_database_url(value: str) -> bool:
    return urlsplit(value).scheme in _SCHEMES


def pg_target(url: str, password_file: str = "") -> PgTarget:
    """Check ``url`` (postgresql://USER@HOST:PORT/DB) and find its password.

    The password is read from ``password_file`` if given, else from $WARDLINK_DB_PASSWORD;
    without either libpq's own PGPASSWORD / ~/.pgpass still apply.
    """
    parts = urlsplit(url)
    if parts.scheme not in _SCHEMES or not parts.hostname or not parts.path.strip("/"):
        raise RelayStoreError(
            f"{url!r} is not a PostgreSQL database address (postgresql://USER@HOST:PORT/DB)"
        )
    if parts.password is not None:
        raise RelayStoreError(
            "the database address must not contain the password (other users can read "
            f"command lines and relay.json); set {PASSWORD_ENV} or database_password_file"
        )
    password: str | None = None
    if password_file:
        try:
            if Path(password_file).stat().st_mode & 0o077:
                raise RelayStoreError(
                    f"the database password file {password_file} is readable by other "
                    f"users; make it private (chmod 600) to the relay's service user"
                )
            password = Path(password_file).read_text("utf-8").strip()
        except OSError as exc:
            raise RelayStoreError(
                f"cannot read the database password file {password_file}: {exc.strerror}"
            ) from None
    elif os.environ.get(PASSWORD_ENV):
        password = os.environ[PASSWORD_ENV]
    return PgTarget(url, password)


def connect(target: PgTarget) -> PgConnection:
    """Open the connection, or say clearly that the server cannot be reached."""
    return PgConnection(open_connection(target), target)


def open_connection(target: PgTarget) -> psycopg.Connection[Any]:
    """A raw psycopg connection in autocommit with the relay's timeouts (the store's,
    and the node bus's LISTEN connection)."""
    try:
        import psycopg
    except ImportError:
        raise RelayStoreError(
            "PostgreSQL support is not installed (install WardLink with the extra 'postgres')"
        ) from None
    extra: dict[str, Any] = {
        "connect_timeout": CONNECT_TIMEOUT_S,
        "autocommit": True,
        **KEEPALIVE,
    }
    if target.password is not None:
        extra["password"] = target.password
    try:
        conn = psycopg.connect(target.url, **extra)
        conn.execute(f"SET lock_timeout = {LOCK_TIMEOUT_MS:d}")
        conn.execute(f"SET statement_timeout = {STATEMENT_TIMEOUT_MS:d}")
        # An ack means durable, whatever the server's default (as synchronous=FULL).
        conn.execute("SET synchronous_commit = on")
    except psycopg.OperationalError as exc:
        reason = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
        raise RelayStoreError(
            f"the relay database {target.url} cannot be reached: {reason}"
        ) from None
    return conn


class PgConnection:
    """psycopg behind the sqlite3 calls the store makes (always in autocommit mode:
    transactions are the store's explicit BEGIN/COMMIT, as with SQLite).

    A connection lost between transactions (the server restarted, a failover) is opened
    again on the next statement: only when no transaction was open, so the statement
    that failed was a read or a BEGIN and running it again changes nothing twice. A
    connection lost inside a transaction fails that transaction (nothing of it was
    committed, so nothing was acknowledged); the next one reconnects.
    """

    def __init__(self, conn: psycopg.Connection[Any], target: PgTarget) -> None:
        self._conn = conn
        self._target = target
        self._types: dict[str, dict[str, str]] = {}

    def execute(self, sql: str, params: Sequence[object] | None = None) -> psycopg.Cursor[Any]:
        import psycopg

        if self._conn.broken or self._conn.closed:
            self._reconnect()
        idle = not self.in_transaction
        try:
            return self._execute(sql, params)
        except psycopg.OperationalError:
            if not (idle and self._conn.broken):
                raise
        self._reconnect()
        return self._execute(sql, params)

    def _reconnect(self) -> None:
        self._conn.close()
        self._conn = open_connection(self._target)

    def _execute(self, sql: str, params: Sequence[object] | None) -> psycopg.Cursor[Any]:
        cur = self._conn.cursor()
        if params:
            cur.execute(translate(sql), params)
        else:
            cur.execute(translate(sql, placeholders=False))
        return cur

    def stream(self, sql: str) -> Iterator[tuple[Any, ...]]:
        """Rows of a large read in batches from a server-side cursor (inside a
        transaction), not all at once in memory, and without the statement timeout."""
        self._conn.execute("SET LOCAL statement_timeout = 0")
        with self._conn.cursor(name="wardlink_stream") as cur:
            cur.itersize = STREAM_ROWS
            cur.execute(translate(sql, placeholders=False))
            yield from cur

    def executemany(self, sql: str, rows: Iterable[Sequence[object]]) -> psycopg.Cursor[Any]:
        """Several rows of a plain INSERT go in one statement (``unnest`` of one array per
        column): psycopg would run it once per row, each a statement for the server."""
        many = list(rows)
        cur = self._conn.cursor()
        insert = _PLAIN_INSERT.match(sql) if len(many) > 1 else None
        if insert is None:
            cur.executemany(translate(sql), many)
            return cur
        table, columns, ignore = insert["table"], insert["columns"], bool(insert["ignore"])
        types = self._column_types(table)
        names = [c.strip() for c in columns.split(",")]
        arrays = ", ".join(f"CAST(%s AS {types[n]}[])" for n in names)
        bulk = f"INSERT INTO {table}({', '.join(names)}) SELECT * FROM unnest({arrays})"  # noqa: S608
        if ignore:
            bulk += " ON CONFLICT DO NOTHING"
        cur.execute(bulk, [list(column) for column in zip(*many, strict=True)])
        return cur

    def _column_types(self, table: str) -> dict[str, str]:
        """The SQL type of each of ``table``'s columns (asked once per table)."""
        known = self._types.get(table)
        if known is None:
            rows = self._execute(
                "SELECT attname, format_type(atttypid, NULL) FROM pg_attribute "
                "WHERE attrelid = CAST(? AS regclass) AND attnum > 0 AND NOT attisdropped",
                (table,),
            ).fetchall()
            known = self._types[table] = {str(r[0]): str(r[1]) for r in rows}
        return known

    @property
    def backend_pid(self) -> int | None:
        """The server process serving this connection (names its notifications)."""
        if self._conn.broken or self._conn.closed:
            return None
        return int(self._conn.info.backend_pid)

    @property
    def in_transaction(self) -> bool:
        from psycopg.pq import TransactionStatus

        if self._conn.broken or self._conn.closed:
            return False  # the server ended the transaction with the connection
        return self._conn.info.transaction_status != TransactionStatus.IDLE

    def close(self) -> None:
        self._conn.close()


_INSERT_OR_IGNORE = re.compile(r"^\s*INSERT OR IGNORE INTO", re.IGNORECASE)
_PLAIN_INSERT = re.compile(
    r"^\s*INSERT (?P<ignore>OR IGNORE )?INTO (?P<table>\w+)\s*\((?P<columns>[\w\s,]+)\)\s*"
    r"VALUES\s*\((?:\s*\?\s*,)*\s*\?\s*\)\s*$",
    re.IGNORECASE,
)
"""An INSERT of whole rows, nothing after VALUES: ``executemany`` sends it as one."""
_STATEMENTS = {
    # One writer at a time, as SQLite's BEGIN IMMEDIATE: the lock ends with the transaction.
    "BEGIN IMMEDIATE": f"BEGIN; SELECT pg_advisory_xact_lock({WRITE_LOCK:d})",
    # A read of several statements that must belong together (directory_changes).
    "BEGIN": "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
}


@lru_cache(maxsize=512)
def translate(sql: str, *, placeholders: bool = True) -> str:
    """SQLite's SQL as the store writes it, in PostgreSQL's dialect."""
    if sql in _STATEMENTS:
        return _STATEMENTS[sql]
    if placeholders:
        sql = sql.replace("%", "%%").replace("?", "%s")
    if _INSERT_OR_IGNORE.match(sql):
        sql = _INSERT_OR_IGNORE.sub("INSERT INTO", sql, count=1) + " ON CONFLICT DO NOTHING"
    return sql


def schema_version(conn: PgConnection) -> int:
    conn.execute("CREATE TABLE IF NOT EXISTS wardlink_schema (version INTEGER NOT NULL)")
    row = conn.execute("SELECT max(version) FROM wardlink_schema").fetchone()
    return 0 if row is None or row[0] is None else int(row[0])


def migrate(conn: PgConnection, upto: int | None = None) -> None:
    """Bring the schema to the newest version (or ``upto``), each migration in one
    transaction under the write lock, so two nodes starting at once migrate once."""
    newest = len(PG_MIGRATIONS) if upto is None else upto
    version = schema_version(conn)
    if version > len(PG_MIGRATIONS):
        raise RelayStoreError(
            f"The relay database has schema {version}; this WardLink knows "
            f"{len(PG_MIGRATIONS)}. Update the relay; nothing was changed."
        )
    for migration in PG_MIGRATIONS[version:newest]:
        conn.execute("BEGIN IMMEDIATE")
        try:
            if schema_version(conn) < migration.version:  # another node may have done it
                conn.execute("SET LOCAL statement_timeout = 0")  # may rewrite a large table
                conn.execute(migration.sql)
                conn.execute("INSERT INTO wardlink_schema VALUES (?)", (migration.version,))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
