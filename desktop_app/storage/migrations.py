"""The container's schema: numbered migrations recorded in ``PRAGMA user_version``.

See desktop_app/sqlmigrate.py for the file convention. Each migration runs in one
transaction with its version bump, so a failed one (full disk, crash) leaves the
previous schema intact; a schema newer than this code is refused untouched.
"""

from __future__ import annotations

from desktop_app.sqlmigrate import Migration, load
from desktop_app.storage.database import Database
from desktop_app.storage.errors import ContainerError, SchemaTooNew, SchemaUpgradeFailed

__all__ = ["LATEST", "Migration", "available", "current_version", "migrate"]


def available() -> list[Migration]:
    return load("desktop_app.storage")


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
        try:
            with db.transaction() as cur:
                for statement in migration.statements():
                    cur.execute(statement)
                cur.execute(f"PRAGMA user_version = {migration.version:d}")
        except ContainerError:
            raise  # typed already (a full disk, a damaged file): its own message
        except Exception as exc:  # the step's SQL does not fit this container's schema
            raise SchemaUpgradeFailed(current_version(db), migration.name, str(exc)) from exc
    return current_version(db)
