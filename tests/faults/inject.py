"""Fault injection for the fault tests: a real SQLITE_FULL from SQLite itself.

``PRAGMA max_page_count`` caps the database at its current size; a ballast table then
takes up every free page and the slack in its own pages, so the next write that needs
a new page fails inside SQLite with SQLITE_FULL, exactly as on a full disk, and goes
through the product's own error handling. (A full tmpfs is not deterministic here: in
WAL mode SQLite overwrites WAL frames it has already allocated, so commits may still
succeed on a full file system until the next checkpoint.)
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

NO_LIMIT = 1_073_741_823  # SQLite's default max_page_count
BALLAST_SIZES = (4000, 1000, 200, 50, 10, 1)


def fill(conn: Any) -> None:
    """Cap ``conn``'s database at its size and fill what is left (autocommit connection)."""
    conn.execute("CREATE TABLE IF NOT EXISTS fault_ballast (b BLOB)")
    pages = int(conn.execute("PRAGMA page_count").fetchone()[0])
    conn.execute(f"PRAGMA max_page_count = {pages:d}")
    for size in BALLAST_SIZES:
        for _ in range(100_000):
            try:
                conn.execute("INSERT INTO fault_ballast VALUES (zeroblob(?))", (size,))
            except Exception as exc:  # sqlite3 or sqlcipher3 OperationalError
                if "full" not in str(exc).lower():
                    raise
                break
        else:
            raise AssertionError("the database never filled up")


def clear(conn: Any) -> None:
    conn.execute(f"PRAGMA max_page_count = {NO_LIMIT:d}")
    conn.execute("DROP TABLE IF EXISTS fault_ballast")


@contextmanager
def relay_disk_full(store: Any) -> Iterator[None]:
    """The relay store's database is full until the block ends."""
    with store._lock:
        conn: sqlite3.Connection = store._conn
        fill(conn)
    try:
        yield
    finally:
        with store._lock:
            clear(conn)


@contextmanager
def container_disk_full(container: Any) -> Iterator[None]:
    """A client container's (SQLCipher) database is full until the block ends."""
    db = container._db
    with db._lock:
        fill(db.raw)
    try:
        yield
    finally:
        with db._lock:
            clear(db.raw)
