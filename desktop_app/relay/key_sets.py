"""A set of keys as a statement's parameter: ``WHERE (a, b) IN <the set>``.

The group commit's checks and acknowledgements ask about all of a batch's keys at once
(store_batch_checks.py, store_accept.py, store_acks.py). Written as ``IN (?, ?, ...)``,
every batch size is another statement text: PostgreSQL parses and plans each anew and
psycopg neither prepares nor (past 4 KiB of text) caches them. On PostgreSQL the set
is one array per column instead (``= ANY`` for one column, ``unnest`` for pairs), so a
batch of any size runs the same prepared statement. SQLite has no arrays and no
round trips to save: it keeps the placeholder lists, ``CHUNK`` keys per statement.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any, TypeVar

from desktop_app.relay.store_pg import PgConnection

CHUNK = 200
"""SQLite: keys per statement, at most two parameters each, far below its limit."""
_T = TypeVar("_T")


def chunks(items: Sequence[_T]) -> Iterator[Sequence[_T]]:
    for first in range(0, len(items), CHUNK):
        yield items[first : first + CHUNK]


def key_sets(
    cur: sqlite3.Connection | PgConnection,
    columns: Sequence[str],
    types: Sequence[str],
    keys: Sequence[Sequence[Any]],
) -> Iterator[tuple[str, list[Any]]]:
    """``(condition, parameters)`` pairs that together select ``keys`` (tuples of the
    ``columns``' values, of SQL ``types`` such as TEXT, BYTEA or BIGINT); none if
    ``keys`` is empty. ``columns`` and ``types`` are the caller's constants, never data."""
    if not keys:
        return
    if isinstance(cur, PgConnection):
        arrays = [list(column) for column in zip(*keys, strict=True)]
        if len(columns) == 1:
            yield f"{columns[0]} = ANY(CAST(? AS {types[0]}[]))", arrays
        else:
            casts = ", ".join(f"CAST(? AS {t}[])" for t in types)
            yield f"({', '.join(columns)}) IN (SELECT * FROM unnest({casts}))", arrays  # noqa: S608
        return
    marks = ", ".join("CAST(? AS BIGINT)" if t == "BIGINT" else "?" for t in types)
    for chunk in chunks(keys):
        values = [v for key in chunk for v in key]
        if len(columns) == 1:
            yield f"{columns[0]} IN ({', '.join([marks] * len(chunk))})", values
        else:
            rows = ", ".join([f"({marks})"] * len(chunk))
            yield f"({', '.join(columns)}) IN (VALUES {rows})", values
