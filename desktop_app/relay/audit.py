"""Security audit log of the relay: JSON lines, one event each, never message content.

IT reads it to answer "who enrolled, who logged in, what was refused, who revoked".
Only known fields are written, so content can't slip in by accident.

Two ways of writing. Admin commands (short processes, rare events) write each line
synchronously, flushed and fsynced. The running relay calls ``start()``: then
``record`` only queues the line and a writer thread appends everything queued with one
fsync per batch, so an audit event never waits for the disk on the event loop or the
database thread (a flood of refused logins used to fsync once each there, issue 16
finding 11). The relay's ``stop()`` calls ``close()``, which writes what is queued.

Refusals are coalesced: the first ``login_refused`` (or other ``COALESCED`` event)
from one address for one reason is written in full; the same event from that address
for that reason within ``COALESCE_WINDOW_S`` is counted, and one line with
``"repeated": N`` (and the address without port) closes the window.

Tamper evidence (audit_chain.py): every line carries ``prev``, the SHA-256 of the line
before it, so an edited, removed or reordered line breaks the chain (`wardlink admin
audit verify`). The file rotates daily (or at ``MAX_FILE_BYTES``); each new file opens
with a ``chain_start`` line naming the last hash of the previous file, and rotated files
older than the retention (relay.json ``audit_retention_days``) are deleted. Writers in
several processes (the relay, admin commands) take a lock file around each append.

Admin commands record who acted: ``set_operator`` (from ``--operator`` or the OS user)
adds ``operator`` to every line this process writes.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

from desktop_app.relay import audit_chain

log = logging.getLogger("wardlink.relay")

EVENTS = frozenset(
    {
        "relay_initialised",
        "relay_started",
        "relay_stopped",
        "enrollment_code_issued",
        "role_request",
        "role_request_declined",
        "enrolled",
        "enrollment_refused",
        "enrollment_pending",
        "enrollment_signed_offline",
        "renewal_signed_offline",
        "login",
        "login_refused",
        "device_revoked",
        "person_removed",
        "admin_passphrase_changed",
        "person_reported",
        "protocol_error",
        "connection_refused",
        "directory_published",
        "role_handover",
        "key_claims_limited",
        "certificate_renewed",
        "renewal_refused",
        "tls_rotated",
        "issuing_rotated",
        "issuing_rotation_finished",
        "audit_exported",
        "export_recorded",
    }
)
FIELDS = frozenset(
    {
        "uid",
        "device_id",
        "role",
        "old_holders",
        "policy",
        "request",
        "answered_by",
        "peer",
        "reason",
        "relay_id",
        "expires",
        "serial",
        "crl_number",
        "fingerprint",
        "version",
        "source",
        "added",
        "changed",
        "removed",
        "holders",
        "repeated",
        "operator",
        "from",
        "to",
        "data",
        "devices",
        "codes",
        "kind",
        "count",
    }
)
COALESCED = frozenset(
    {
        "login_refused",
        "enrollment_refused",
        "protocol_error",
        "connection_refused",
        "renewal_refused",
    }
)
"""Events a host (or a logged-in device, asking again and again for a renewal it is refused)
can cause at will: one line per address, reason and window, so they cannot fill the disk."""
COALESCE_WINDOW_S = 60.0
MAX_WINDOWS = 4096
"""Open coalescing windows at most; beyond that, refusals share one window per event."""
MAX_REASONS_PER_HOST = 8
"""Reasons with a window of their own per event and address; some quote what the host
sent (an invalid value, a version, a fingerprint), so one host varying it would open a
window, a whole line, per attempt. The rest share one window per event and address."""
MAX_QUEUED = 100_000
"""Lines waiting for the writer at most (the disk is failing); the excess is counted."""

Entry = dict[str, str | int]

_operator: str | None = None


def set_operator(name: str | None) -> None:
    """Name the admin acting in this process; every line written from now on says so."""
    global _operator  # one admin command per process
    _operator = name


class AuditLog:
    def __init__(
        self,
        path: Path,
        clock: Callable[[], float] = time.monotonic,
        *,
        retention_days: int = audit_chain.DEFAULT_AUDIT_RETENTION_DAYS,
        wall: Callable[[], float] = time.time,
    ) -> None:
        self.path = path
        self.retention_days = retention_days
        self.wall = wall
        self._lock = threading.Lock()
        self._coalescer = Coalescer(COALESCE_WINDOW_S, clock)
        self._queue: list[Entry] = []
        self._wake = threading.Condition(self._lock)
        self._writer: threading.Thread | None = None
        self._closing = False
        self._dropped = 0

    def record(self, event: str, **fields: str | int | None) -> None:
        if event not in EVENTS:
            raise ValueError(f"unknown audit event {event!r}")
        unknown = set(fields) - FIELDS
        if unknown:
            raise ValueError(f"audit fields not allowed: {sorted(unknown)}")
        entry: Entry = {"ts": _utc_iso(self.wall()), "event": event}
        entry.update({k: v for k, v in fields.items() if v is not None})
        if _operator is not None:
            entry["operator"] = _operator
        with self._lock:
            if self._writer is None:
                self._append([entry])
                return
            if len(self._queue) >= MAX_QUEUED:
                self._dropped += 1
                return
            self._queue.append(entry)
            self._wake.notify()

    # ---- background writing (the running relay) --------------------------------------

    def start(self) -> None:
        """Queue from now on; a writer thread appends in batches (one fsync each)."""
        with self._lock:
            if self._writer is not None:
                return
            self._closing = False
            self._writer = threading.Thread(
                target=self._write_loop, name="relay-audit", daemon=True
            )
            self._writer.start()

    def close(self) -> None:
        """Write everything queued and every open coalescing count; back to synchronous."""
        with self._lock:
            writer = self._writer
            self._closing = True
            self._wake.notify()
        if writer is not None:
            writer.join()
        with self._lock:
            self._writer = None

    def _write_loop(self) -> None:
        while True:
            with self._lock:
                if not self._queue and not self._closing:
                    self._wake.wait(self._coalescer.next_due())
                batch, self._queue = self._queue, []
                closing, dropped, self._dropped = self._closing, self._dropped, 0
            if dropped:
                log.error("audit log: %d lines dropped (the writer could not keep up)", dropped)
            lines = self._coalescer.due()  # windows that ended before this batch
            lines += [e for e in batch if self._coalescer.admit(e)]
            if closing:
                lines += self._coalescer.due(everything=True)
            if lines:
                self._append_retrying(lines, closing)
            if closing:
                with self._lock:
                    if not self._queue:
                        return

    def _append_retrying(self, lines: list[Entry], closing: bool) -> None:
        try:
            self._append(lines)
        except OSError as exc:  # disk full, no descriptors: keep the lines, try again
            log.error("audit log: cannot write %s: %s", self.path, exc.strerror or exc)
            if closing:
                return
            with self._lock:
                self._queue[:0] = lines[: MAX_QUEUED - len(self._queue)]
            time.sleep(1.0)

    def _append(self, entries: list[Entry]) -> None:
        """Chain, rotate if due, append and fsync, under the cross-process lock."""
        with audit_chain.locked(self.path):
            now = self.wall()
            prev, started = audit_chain.rotate_if_due(self.path, now, self.retention_days)
            lines: list[str] = []
            if started is not None:
                start: Entry = {"ts": _utc_iso(now), "event": audit_chain.CHAIN_START}
                start.update(started)
                entries = [start, *entries]
            for entry in entries:
                line = json.dumps({**entry, "prev": prev}, ensure_ascii=False, sort_keys=True)
                lines.append(line + "\n")
                prev = audit_chain.line_hash(line)
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            with os.fdopen(fd, "a", encoding="utf-8") as fh:
                fh.write("".join(lines))
                fh.flush()
                os.fsync(fh.fileno())

    def entries(self) -> list[dict[str, object]]:
        """Every entry of every kept file, oldest first (chain starts left out)."""
        return [
            e
            for _, e in audit_chain.read_all(self.path)
            if e.get("event") != audit_chain.CHAIN_START
        ]


class Coalescer:
    """Decides which refusal lines to write and which to count (writer thread only)."""

    def __init__(self, window_s: float, clock: Callable[[], float]) -> None:
        self.window_s = window_s
        self.clock = clock
        self._windows: dict[tuple[str, str, str], tuple[float, int]] = {}  # since, count
        self._reasons: dict[tuple[str, str], int] = {}  # (event, host): own-reason windows

    def admit(self, entry: Entry) -> bool:
        """True to write ``entry`` now; False if it was counted into an open window."""
        event = str(entry["event"])
        if event not in COALESCED:
            return True
        host = _host(str(entry.get("peer", "")))
        key = (event, host, str(entry.get("reason", "")))
        if key not in self._windows:
            if len(self._windows) >= MAX_WINDOWS:
                key = (event, "*", "*")
            elif self._reasons.get((event, host), 0) >= MAX_REASONS_PER_HOST:
                key = (event, host, "*")
        open_window = self._windows.get(key)
        if open_window is None:
            self._windows[key] = (self.clock(), 0)
            if key[1] != "*" and key[2] != "*":
                self._reasons[(event, host)] = self._reasons.get((event, host), 0) + 1
            return True
        since, count = open_window
        self._windows[key] = (since, count + 1)
        return False

    def due(self, *, everything: bool = False) -> list[Entry]:
        """Summary lines of the windows that ended (all of them if ``everything``)."""
        now = self.clock()
        lines: list[Entry] = []
        for key, (since, count) in list(self._windows.items()):
            if everything or now - since >= self.window_s:
                del self._windows[key]
                self._closed(key)
                if count:
                    event, host, reason = key
                    summary: Entry = {"ts": _utc_iso(), "event": event, "repeated": count}
                    summary.update({"peer": host, "reason": reason} if host != "*" else {})
                    lines.append(summary)
        return lines

    def _closed(self, key: tuple[str, str, str]) -> None:
        event, host, reason = key
        if host == "*" or reason == "*":
            return
        left = self._reasons.get((event, host), 0) - 1
        if left > 0:
            self._reasons[(event, host)] = left
        else:
            self._reasons.pop((event, host), None)

    def next_due(self) -> float | None:
        """Seconds until the oldest window ends, None if none is open."""
        if not self._windows:
            return None
        oldest = min(since for since, _ in self._windows.values())
        return max(0.0, oldest + self.window_s - self.clock())


def _host(peer: str) -> str:
    """The address of ``host:port`` (IPv6 too: the port is after the last colon)."""
    host, sep, port = peer.rpartition(":")
    return host if sep and port.isdigit() else peer


def _utc_iso(when: float | None = None) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(when))
