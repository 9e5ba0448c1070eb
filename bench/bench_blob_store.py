"""Where a multi-node relay keeps attachment blobs: a shared directory or PostgreSQL.

Issue 15 asks to choose between PostgreSQL (chunked bytea or large objects) and a
shared blob directory, measured at 500 MB. One body of ciphertext-like bytes (random,
so nothing compresses, as real ciphertext) is stored and read back in the relay's
256 KiB chunks three ways, each against a private PostgreSQL with fsync on:

- ``directory``: the relay's own ``BlobFiles`` (append per chunk, one fsync with the
  last, running SHA-256, read back) — what the relay does today, the baseline;
- ``bytea``: one row per chunk (``STORAGE EXTERNAL``: no futile compression), 16
  chunks per transaction, read back through a server-side cursor;
- ``large object``: ``lo_put``/``lo_get`` per chunk on one large object.

Printed per way: write and read MB/s, CPU seconds of this process and of the
PostgreSQL server, the write-ahead log the body caused (what a streaming-replication
standby receives, and what point-in-time backups archive) and the space it takes.
``--quick``: 50 MB instead of 500.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg

from bench.table import print_table
from desktop_app.relay.blob_files import READ_CHUNK, BlobFiles

MB = 1_000_000
FULL_BYTES = 500 * MB
QUICK_BYTES = 50 * MB
CHUNKS_PER_TRANSACTION = 16
PATTERN_BYTES = 8 * 1024 * 1024  # random bytes the chunks are cut from


@dataclass
class Figures:
    way: str
    write_s: float
    read_s: float
    client_cpu_s: float
    server_cpu_s: float
    wal_bytes: int
    stored_bytes: int


_PATTERN = os.urandom(PATTERN_BYTES)


def _chunks(total: int, pattern: bytes = _PATTERN) -> Iterator[bytes]:
    """``total`` bytes in relay-sized chunks, no two alike (so nothing deduplicates)."""
    sent, n = 0, 0
    while sent < total:
        size = min(READ_CHUNK, total - sent)
        start = (n * 7919 * 64) % (PATTERN_BYTES - size)
        yield pattern[start : start + size]
        sent += size
        n += 1


def _server_cpu(pids: Callable[[], list[int]]) -> float:
    """utime + stime of every PostgreSQL process, in seconds."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids():
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / ticks


def _server_pids(data_dir: Path) -> Callable[[], list[int]]:
    """The private server's postmaster and its children (other sessions run theirs)."""
    postmaster = int((data_dir / "postmaster.pid").read_text().split()[0])

    def pids() -> list[int]:
        found = [postmaster]
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                if int(stat[1]) == postmaster:
                    found.append(int(entry.name))
        return found

    return pids


def _wal(conn: psycopg.Connection[tuple[object, ...]]) -> str:
    row = conn.execute("SELECT pg_current_wal_lsn()::text").fetchone()
    assert row is not None
    return str(row[0])


def _wal_since(conn: psycopg.Connection[tuple[object, ...]], start: str) -> int:
    row = conn.execute(
        "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), %s::pg_lsn)", (start,)
    ).fetchone()
    assert row is not None
    return int(row[0])


def _measure(
    way: str,
    conn: psycopg.Connection[tuple[object, ...]],
    write: Callable[[], None],
    read: Callable[[], str],
    stored: Callable[[], int],
    expected: str,
    server: Callable[[], list[int]],
) -> Figures:
    wal0, cpu0, srv0 = _wal(conn), time.process_time(), _server_cpu(server)
    t0 = time.perf_counter()
    write()
    t1 = time.perf_counter()
    digest = read()
    t2 = time.perf_counter()
    if digest != expected:
        raise RuntimeError(f"{way}: the body read back differs from the one written")
    return Figures(
        way,
        t1 - t0,
        t2 - t1,
        time.process_time() - cpu0,
        _server_cpu(server) - srv0,
        _wal_since(conn, wal0),
        stored(),
    )


def run(
    total: int, work: Path, url: str, password: str, server: Callable[[], list[int]]
) -> list[Figures]:
    expected = hashlib.sha256()
    for chunk in _chunks(total):
        expected.update(chunk)
    want = expected.hexdigest()
    results = []
    with psycopg.connect(url, password=password, autocommit=True) as conn:
        files = BlobFiles(work / "blobs")

        def dir_write() -> None:
            done = 0
            for chunk in _chunks(total):
                done = files.append(
                    "benchblob01", done, chunk, total, last=done + len(chunk) == total
                )

        def dir_read() -> str:
            digest = hashlib.sha256()
            for chunk in files.read("benchblob01", 0):
                digest.update(chunk)
            return digest.hexdigest()

        results.append(
            _measure(
                "directory (today)",
                conn,
                dir_write,
                dir_read,
                lambda: files.size("benchblob01"),
                want,
                server,
            )
        )

        conn.execute(
            "CREATE TABLE blob_chunks (blob_id text, seq integer, data bytea NOT NULL, "
            "PRIMARY KEY (blob_id, seq))"
        )
        conn.execute("ALTER TABLE blob_chunks ALTER COLUMN data SET STORAGE EXTERNAL")

        def bytea_write() -> None:
            with psycopg.connect(url, password=password) as w:
                for n, chunk in enumerate(_chunks(total)):
                    w.execute(
                        "INSERT INTO blob_chunks (blob_id, seq, data) VALUES (%s, %s, %s)",
                        ("benchblob01", n, chunk),
                    )
                    if n % CHUNKS_PER_TRANSACTION == CHUNKS_PER_TRANSACTION - 1:
                        w.commit()
                w.commit()

        def bytea_read() -> str:
            digest = hashlib.sha256()
            with psycopg.connect(url, password=password) as r, r.cursor("blob", binary=True) as cur:
                cur.itersize = CHUNKS_PER_TRANSACTION
                cur.execute(
                    "SELECT data FROM blob_chunks WHERE blob_id = %s ORDER BY seq", ("benchblob01",)
                )
                for (data,) in cur:
                    digest.update(data)
            return digest.hexdigest()

        def bytea_size() -> int:
            row = conn.execute("SELECT pg_total_relation_size('blob_chunks')").fetchone()
            return int(row[0]) if row else 0

        results.append(
            _measure("PostgreSQL bytea", conn, bytea_write, bytea_read, bytea_size, want, server)
        )

        oid: list[int] = []

        def lo_write() -> None:
            with psycopg.connect(url, password=password) as w:
                row = w.execute("SELECT lo_create(0)").fetchone()
                assert row is not None
                oid.append(int(row[0]))
                offset = 0
                for n, chunk in enumerate(_chunks(total)):
                    w.execute("SELECT lo_put(%s, %s, %s)", (oid[0], offset, chunk))
                    offset += len(chunk)
                    if n % CHUNKS_PER_TRANSACTION == CHUNKS_PER_TRANSACTION - 1:
                        w.commit()
                w.commit()

        def lo_read() -> str:
            digest = hashlib.sha256()
            with psycopg.connect(url, password=password) as r:
                offset = 0
                while offset < total:
                    row = r.execute(
                        "SELECT lo_get(%s, %s, %s)", (oid[0], offset, READ_CHUNK), binary=True
                    ).fetchone()
                    assert row is not None
                    data = bytes(row[0])
                    digest.update(data)
                    offset += len(data)
                r.rollback()
            return digest.hexdigest()

        def lo_size() -> int:
            row = conn.execute("SELECT pg_total_relation_size('pg_largeobject')").fetchone()
            return int(row[0]) if row else 0

        results.append(
            _measure("PostgreSQL large object", conn, lo_write, lo_read, lo_size, want, server)
        )
    return results


def main(argv: list[str]) -> None:
    from tests.pg_server import private_postgres

    total = QUICK_BYTES if "--quick" in argv else FULL_BYTES
    work = Path(tempfile.mkdtemp(prefix="wardlink-bench-blobstore-"))
    try:
        with private_postgres(fsync=True) as server:
            target = server.database()
            results = run(
                total,
                work,
                target.url,
                target.password or "",
                _server_pids(server.root / "data"),
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    base = results[0]
    mb = total / MB
    rows = [
        (
            f.way,
            f"{mb / f.write_s:.0f} MB/s",
            f"{mb / f.read_s:.0f} MB/s",
            f"{f.write_s / base.write_s:.1f}x",
            f"{f.client_cpu_s:.2f} s",
            f"{f.server_cpu_s:.2f} s",
            f"{f.wal_bytes / MB:.0f} MB",
            f"{f.stored_bytes / MB:.0f} MB",
        )
        for f in results
    ]
    print(f"one {mb:.0f} MB body in {READ_CHUNK // 1024} KiB chunks, fsync on\n")
    print_table(
        (
            "blob store",
            "write",
            "read",
            "write time vs directory",
            "relay-side CPU",
            "PostgreSQL CPU",
            "WAL written",
            "space used",
        ),
        rows,
    )
