"""Numbered SQL migration files, shared by the container and the relay.

A package keeps ``migrations/NNNN_name.sql``; file N brings the schema from N-1 to N.
The callers apply each file in one transaction with its ``PRAGMA user_version`` bump,
so a failed migration leaves the previous schema intact. Pure: no connection here.
"""

from __future__ import annotations

import re
import sqlite3  # only its SQL parser, to split statements
from dataclasses import dataclass
from importlib import resources

_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")

STATEMENT_CACHE = 1024
"""Prepared statements a SQLCipher connection that runs these migrations should keep
(``cached_statements``). sqlcipher3's cache (pysqlite's) orders them by use count and,
once full, evicts the newest: with its default of 128, the migrations and setup at open
filled it, and every statement of the send and receive path was prepared again at each
use (3-4x its cost; clients' CPU per message 20% higher, docs/scale.md)."""


def limit_sql(count: int) -> str:
    """``LIMIT n`` with ``n`` written into the statement, never bound.

    The SQLite inside sqlcipher3 (3.53) lets a bound LIMIT steer the query plan, so a
    statement with ``LIMIT ?`` expires whenever it is bound and is compiled again at
    every execution: 3-25 us per query (the send path's queued-message check went from
    28 to 5 us, docs/scale.md). ``int()`` keeps the literal a number."""
    return f"LIMIT {int(count)}"


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str

    def statements(self) -> list[str]:
        return split_statements(self.sql)


def load(package: str, folder: str = "migrations") -> list[Migration]:
    """The migrations shipped in ``package``/``folder``, checked to be numbered 1..N."""
    found: list[Migration] = []
    for entry in resources.files(package).joinpath(folder).iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), entry.name, entry.read_text("utf-8")))
    found.sort(key=lambda m: m.version)
    for expected, migration in enumerate(found, start=1):
        if migration.version != expected:
            raise RuntimeError(f"migration numbering has a gap before {migration.name}")
    return found


def split_statements(script: str) -> list[str]:
    """Split a migration into statements; SQLite's own parser decides where one ends."""
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        if not buffer and (not line.strip() or line.lstrip().startswith("--")):
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        raise RuntimeError(f"incomplete SQL statement at the end of a migration: {buffer!r}")
    return statements
