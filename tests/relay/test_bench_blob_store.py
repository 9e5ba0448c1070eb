"""``bench blob_store``'s three ways at a tiny size so it cannot rot (no timings asserted):
each stores the body, reads back the same bytes, and PostgreSQL's ways show their WAL."""

from __future__ import annotations

from pathlib import Path

from bench.bench_blob_store import _server_pids, run
from tests.pg_server import PgServer

TINY = 3 * 1024 * 1024 + 17  # not a whole number of chunks


def test_blob_store_bench_stores_and_reads_back_each_way(
    tmp_path: Path, pg_server: PgServer
) -> None:
    target = pg_server.database()
    results = run(
        TINY, tmp_path, target.url, target.password or "", _server_pids(pg_server.root / "data")
    )
    assert [f.way for f in results] == [
        "directory (today)",
        "PostgreSQL bytea",
        "PostgreSQL large object",
    ]
    directory, bytea, large_object = results
    assert directory.stored_bytes == TINY and directory.wal_bytes < TINY
    for way in (bytea, large_object):
        assert way.stored_bytes >= TINY and way.wal_bytes >= TINY  # every byte through the WAL
        assert way.write_s > 0 and way.read_s > 0
