"""No statement binds its LIMIT: the bundled SQLite compiles such a statement again at
every execution (desktop_app/sqlmigrate.py ``limit_sql``, docs/scale.md)."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2 as sqlcipher

from desktop_app.sqlmigrate import limit_sql

PACKAGE = Path(__file__).resolve().parents[2] / "desktop_app"
BOUND = re.compile(r"\b(LIMIT|OFFSET)\s+\?(?!`)")


def test_no_sql_in_the_package_binds_a_limit() -> None:
    found = [
        f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if BOUND.search(line)
    ]
    assert not found, "use limit_sql(n) instead of a bound LIMIT:\n" + "\n".join(found)


def test_the_scan_sees_a_bound_limit() -> None:
    assert BOUND.search('"SELECT x FROM t ORDER BY x LIMIT ?",')
    assert BOUND.search("... LIMIT ? OFFSET ?")
    assert not BOUND.search('"SELECT x FROM t " + limit_sql(5)')


def test_the_limit_is_written_as_a_number() -> None:
    assert limit_sql(5) == "LIMIT 5"
    assert limit_sql(True) == "LIMIT 1"
    with pytest.raises(ValueError):
        limit_sql("5; DELETE FROM messages")  # type: ignore[arg-type]


@pytest.mark.parametrize("driver", [sqlcipher, sqlite3])
def test_a_written_limit_limits(driver: object) -> None:
    conn = driver.connect(":memory:")  # type: ignore[attr-defined]
    conn.execute("CREATE TABLE t(a INTEGER PRIMARY KEY)")
    conn.executemany("INSERT INTO t VALUES (?)", [(i,) for i in range(10)])
    rows = conn.execute("SELECT a FROM t WHERE a > ? ORDER BY a " + limit_sql(3), (4,)).fetchall()
    assert rows == [(5,), (6,), (7,)]
    conn.close()
