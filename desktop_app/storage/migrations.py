"""Numbered SQL migrations applied in order and recorded in ``PRAGMA user_version``.

Files are ``migrations/NNNN_name.sql``; number N brings the schema from N-1 to N. Each
file runs in one transaction together with its user_version bump, so a failed
migration (full disk, crash) leaves the previous schema intact.
"""

from __future__ import annotations

import re
import sqlite3  # only its SQL parser, to split statements
from dataclasses import dataclass
from importlib import resources

from desktop_app.storage.database import Database
from desktop_app.storage.errors import SchemaTooNew

_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


def available() -> list[Migration]:
    """All migrations shipped with this version, checked to be numbered 1..N without gaps."""
    found: list[Migration] = []
    for entry in resources.files("desktop_app.storage").joinpath("migrations").iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), entry.name, entry.read_text("utf-8")))
    found.sort(key=lambda m: m.version)
    for expected, migration in enumerate(found, start=1):
        if migration.version != expected:
            raise RuntimeError(f"migration numbering has a gap before {migration.name}")
    return found


LATEST = len(available())


def current_version(db: Database) -> int:
    return int(db.scalar("PRAGMA user_version"))


def migrate(db: Database, target: int | None = None) -> int:
    """Bring the schema to ``target`` (default: latest); returns the version reached."""
    migrations = available()
    goal = len(migrations) if target is None else target
    version = current_version(db)
    if version > len(migrations):
        raise SchemaTooNew(version, len(migrations))
    for migration in migrations[version:goal]:
        with db.transaction() as cur:
            for statement in _statements(migration.sql):
                cur.execute(statement)
            cur.execute(f"PRAGMA user_version = {migration.version:d}")
    return current_version(db)


def _statements(script: str) -> list[str]:
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
