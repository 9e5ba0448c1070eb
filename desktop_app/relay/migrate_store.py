"""`wardlink relay migrate-store`: copy a SQLite relay store into PostgreSQL, verified.

A hospital outgrowing one relay keeps every device, key, code, directory version,
revocation list, pending message and blob record: nobody re-enrols. The copy runs
with the relay stopped (refused while one serves: relay/serve_lock.py); the SQLite
file is held with a write lock while it is read, so nothing can change underneath.
Every table is compared after the copy by row count and an order-independent checksum
(the sum of each row's SHA-256), then relay.json names the database and relay.db is
kept beside as ``relay.db.migrated``. Blob files stay in the data directory.
``mailbox_usage`` is not copied: the target's triggers rebuild it from the mailbox
rows, and it is compared like every other table.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from desktop_app.relay.data_dir import RelayDataDir
from desktop_app.relay.errors import RelayDataError, RelayStoreError
from desktop_app.relay.serve_lock import store_replacement
from desktop_app.relay.store import RelayStore
from desktop_app.relay.store_pg import PgConnection, pg_target

TABLES = (
    "meta",
    "devices",
    "enrollment_codes",
    "one_time_keys",
    "fallback_keys",
    "envelopes",
    "mailbox",
    "blobs",
    "blob_readers",
    "revocations",
    "directory_entries",
    "directory_versions",
    "role_handovers",
    "role_requests",
    "pending_enrollments",
    "pending_renewals",
    "delivered",
)
"""Copied in this order (references first)."""
DERIVED = ("mailbox_usage",)
"""Kept by triggers in the target; compared, not copied."""
IDENTITY_TABLES = ("envelopes", "role_handovers", "role_requests")
BATCH_ROWS = 1000
MIGRATED_SUFFIX = ".migrated"


@dataclass(frozen=True, slots=True)
class TableCopy:
    table: str
    rows: int
    checksum: str


def migrate_store(root: Path, url: str, password_file: str = "") -> list[TableCopy]:
    """Copy ``root``'s relay.db into the (empty) PostgreSQL database ``url``; verify."""
    data = RelayDataDir(root)
    settings = data.read_settings()
    if settings.database:
        raise RelayDataError(f"{root} keeps its store in {settings.database} already")
    with store_replacement(root, "migrate-store"):
        source = data.open_store()
        try:
            target = RelayStore(pg_target(url, password_file))
            try:
                copied = _copy(source, target, url)
            finally:
                target.close()
        finally:
            source.close()
        data.write_settings(replace(settings, database=url, database_password_file=password_file))
        data.db_path.rename(data.db_path.with_name(data.db_path.name + MIGRATED_SUFFIX))
    return copied


def _copy(source: RelayStore, target: RelayStore, url: str) -> list[TableCopy]:
    other = target.get_meta("relay_id")
    if other is not None:
        raise RelayDataError(f"the database {url} already holds relay {other}; use an empty one")
    results: list[TableCopy] = []
    with source._tx() as src, target._tx() as dst:  # the source's write lock: a stable copy
        dst.execute("DELETE FROM meta")  # made by the target's own migrations
        columns = {
            table: [str(r[1]) for r in src.execute(f"PRAGMA table_info({table})")]
            for table in (*TABLES, *DERIVED)
        }
        for table in TABLES:
            names, marks = ", ".join(columns[table]), ", ".join("?" * len(columns[table]))
            cursor = src.execute(f"SELECT {names} FROM {table}")  # noqa: S608 (our names)
            insert = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608
            while rows := cursor.fetchmany(BATCH_ROWS):
                dst.executemany(insert, rows)
        for table in IDENTITY_TABLES:
            dst.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                f"coalesce((SELECT max(id) FROM {table}), 0) + 1, false)"
            )
        for table in (*TABLES, *DERIVED):
            select = f"SELECT {', '.join(columns[table])} FROM {table}"  # noqa: S608
            want, got = _checksum(src.execute(select)), _checksum(_stream(dst, select))
            if want != got:
                raise RelayStoreError(
                    f"the copy of {table} differs ({want[0]} rows, {got[0]} copied); "
                    "nothing was committed, relay.db is unchanged"
                )
            results.append(TableCopy(table, want[0], want[1]))
    return results


def _stream(conn: object, sql: str) -> Iterable[tuple[object, ...]]:
    """All rows of a possibly large table, a batch at a time (the target is PostgreSQL)."""
    if not isinstance(conn, PgConnection):
        raise TypeError("migrate-store copies into PostgreSQL only")
    return conn.stream(sql)


def _checksum(rows: Iterable[tuple[object, ...]]) -> tuple[int, str]:
    """(rows, sum of the rows' SHA-256 mod 2**256): equal sets of rows, in any order."""
    count, total = 0, 0
    for row in rows:
        digest = hashlib.sha256(repr(tuple(_plain(v) for v in row)).encode()).digest()
        total = (total + int.from_bytes(digest, "big")) % (1 << 256)
        count += 1
    return count, f"{total:064x}"


def _plain(value: object) -> object:
    return bytes(value) if isinstance(value, bytes | bytearray | memoryview) else value
