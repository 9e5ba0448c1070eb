"""The audit log's files: hash chain, daily rotation with retention, verify and export.

A line's ``prev`` is the SHA-256 (hex) of the exact bytes of the line before it (without
the newline), across files: a new file opens with a ``chain_start`` line whose ``prev``
is the hash of the last line of the file rotated away. The very first line of a relay
chains to ``GENESIS``. So changing, removing or reordering any line (or removing a whole
rotated file other than the oldest) breaks the chain at the next line. What a chain
alone cannot show is the newest lines cut off: `admin audit verify` prints the head
hash for IT to note elsewhere (docs/relay.md, "The audit log").

Rotated files are named ``audit-YYYY-MM-DD-NNN.log`` (the date of their first line), so
sorting names sorts them in time. Lines written before the chain existed (an upgraded
relay) carry no ``prev`` and are counted as unchained, not as an error.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TextIO

CHAIN_START = "chain_start"
GENESIS = "0" * 64
DEFAULT_AUDIT_RETENTION_DAYS = 365
MAX_AUDIT_RETENTION_DAYS = 3650
MAX_FILE_BYTES = 64 * 1024 * 1024
"""A file rotates at this size even within a day (a flood of distinct refusals)."""
_TAIL_CHUNK = 8192
_thread_lock = threading.Lock()  # flock is per open file; threads of one process share it

if sys.platform != "win32":
    import fcntl


def line_hash(line: str | bytes) -> str:
    data = line.encode("utf-8") if isinstance(line, str) else line
    return hashlib.sha256(data).hexdigest()


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Exclusive across processes (a lock file next to the log) and threads."""
    with _thread_lock:
        fd = os.open(path.with_name(path.name + ".lock"), os.O_RDWR | os.O_CREAT, 0o600)
        try:
            if sys.platform != "win32":
                fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # releases the flock


def rotated_files(path: Path) -> list[Path]:
    """Rotated files of ``path``, oldest first."""
    return sorted(path.parent.glob(f"{path.stem}-????-??-??-???{path.suffix}"))


def all_files(path: Path) -> list[Path]:
    """Every kept file, oldest first: the rotated ones, then the current one."""
    return [*rotated_files(path), *([path] if path.exists() else [])]


def rotate_if_due(
    path: Path, now: float, retention_days: int
) -> tuple[str, dict[str, str | int] | None]:
    """(hash to chain the next line to, chain-start fields if a new file begins).

    Rotates the current file if its first line is from an earlier UTC day or it is too
    large, then deletes rotated files older than ``retention_days``. Call under ``locked``.
    """
    today = time.strftime("%Y-%m-%d", time.gmtime(now))
    size = path.stat().st_size if path.exists() else 0
    if size:
        first = _first_date(path)
        last = _last_line(path)
        if first == today and size < MAX_FILE_BYTES:
            return line_hash(last), None
        target = _free_name(path, first or today)
        path.rename(target)
        removed = _prune(path, today, retention_days)
        fields: dict[str, str | int] = {"previous_file": target.name}
        if removed:
            fields["removed_files"] = removed
        return line_hash(last), fields
    older = rotated_files(path)
    if older:
        return line_hash(_last_line(older[-1])), {"previous_file": older[-1].name}
    return GENESIS, {}


def _first_date(path: Path) -> str:
    with path.open("rb") as fh:
        line = fh.readline()
    try:
        ts = json.loads(line)["ts"]
    except (ValueError, KeyError, TypeError):
        return ""
    return str(ts)[:10]


def _last_line(path: Path) -> bytes:
    """The last non-empty line of a file, without its newline."""
    with path.open("rb") as fh:
        fh.seek(0, os.SEEK_END)
        end = fh.tell()
        chunk = _TAIL_CHUNK
        while True:
            start = max(0, end - chunk)
            fh.seek(start)
            lines = fh.read(end - start).rstrip(b"\n").split(b"\n")
            if len(lines) > 1 or start == 0:
                return lines[-1]
            chunk *= 2


def _free_name(path: Path, day: str) -> Path:
    for n in range(1, 1000):
        candidate = path.with_name(f"{path.stem}-{day}-{n:03d}{path.suffix}")
        if not candidate.exists():
            return candidate
    raise OSError(f"too many rotated audit files for {day}")


def _prune(path: Path, today: str, retention_days: int) -> int:
    cutoff = (date.fromisoformat(today) - timedelta(days=retention_days)).isoformat()
    removed = 0
    for old in rotated_files(path):
        day = old.name[len(path.stem) + 1 : len(path.stem) + 11]
        if day < cutoff:
            old.unlink()
            removed += 1
    return removed


# ---- reading: verify and export ---------------------------------------------------------


@dataclass
class Verdict:
    """What `admin audit verify` found."""

    files: int = 0
    lines: int = 0
    unchained: int = 0
    head: str = GENESIS
    first_ts: str = ""
    last_ts: str = ""
    problems: list[str] = field(default_factory=list)


def verify(path: Path) -> Verdict:
    """Check the whole chain over every kept file; each break is named by file and line."""
    verdict = Verdict()
    previous: str | None = None  # hash of the line before; None before the first line
    chained = False
    for file in all_files(path):
        verdict.files += 1
        with file.open("rb") as fh:
            raw_lines = fh.read().split(b"\n")
        if raw_lines and raw_lines[-1] == b"":
            raw_lines.pop()
        for number, raw in enumerate(raw_lines, 1):
            where = f"{file.name} line {number}"
            verdict.lines += 1
            entry = _parse(raw)
            if entry is None:
                verdict.problems.append(f"{where}: not a JSON object (edited or damaged)")
            else:
                verdict.first_ts = verdict.first_ts or str(entry.get("ts", ""))
                verdict.last_ts = str(entry.get("ts", verdict.last_ts))
                prev = entry.get("prev")
                if prev is None:
                    if chained:
                        verdict.problems.append(f"{where}: has no hash chain field 'prev'")
                    else:
                        verdict.unchained += 1
                elif previous is not None and prev != previous:
                    verdict.problems.append(
                        f"{where}: does not follow the line before it: that line was "
                        f"edited, or lines were removed or reordered here"
                    )
                if prev is not None:
                    chained = True
            previous = line_hash(raw)
    verdict.head = previous or GENESIS
    return verdict


def _parse(raw: bytes) -> dict[str, object] | None:
    try:
        entry = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    return entry if isinstance(entry, dict) else None


def read_all(path: Path) -> Iterator[tuple[bytes, dict[str, object]]]:
    """(raw line, entry) of every readable line of every kept file, oldest first."""
    for file in all_files(path):
        with file.open("rb") as fh:
            for raw in fh:
                entry = _parse(raw.rstrip(b"\n"))
                if entry is not None:
                    yield raw.rstrip(b"\n"), entry


_FIRST_COLUMNS = ("ts", "event", "operator", "uid", "device_id")


def export(path: Path, start: date, end: date, out: TextIO, fmt: str = "jsonl") -> int:
    """Entries from ``start`` to ``end`` (UTC days, inclusive) as JSON lines or CSV.

    JSON lines are the stored lines byte for byte (``prev`` included); CSV has one
    column per field, without ``prev``. Chain-start lines are left out. Returns the count.
    """
    low, high = start.isoformat(), end.isoformat()
    chosen = [
        (raw, e)
        for raw, e in read_all(path)
        if e.get("event") != CHAIN_START and low <= str(e.get("ts", ""))[:10] <= high
    ]
    if fmt == "jsonl":
        for raw, _ in chosen:
            out.write(raw.decode("utf-8") + "\n")
        return len(chosen)
    keys = sorted({k for _, e in chosen for k in e} - {"prev", *_FIRST_COLUMNS})
    columns = [*_FIRST_COLUMNS, *keys]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for _, e in chosen:
        writer.writerow([_cell(e.get(c)) for c in columns])
    out.write(buffer.getvalue())
    return len(chosen)


def _cell(value: object) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
