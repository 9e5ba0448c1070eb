"""Security audit log of the relay: JSON lines, one event each, never message content.

IT reads it to answer "who enrolled, who logged in, what was refused, who revoked".
Each line is flushed and fsynced, because audit events are rare and must survive a
crash. Only known fields are written, so content can't slip in by accident.
"""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path

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
        "login",
        "login_refused",
        "device_revoked",
        "protocol_error",
        "connection_refused",
        "directory_published",
        "role_handover",
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
    }
)


class AuditLog:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    def record(self, event: str, **fields: str | int | None) -> None:
        if event not in EVENTS:
            raise ValueError(f"unknown audit event {event!r}")
        unknown = set(fields) - FIELDS
        if unknown:
            raise ValueError(f"audit fields not allowed: {sorted(unknown)}")
        entry: dict[str, str | int] = {"ts": _utc_iso(), "event": event}
        entry.update({k: v for k, v in fields.items() if v is not None})
        line = json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n"
        with self._lock:
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            with os.fdopen(fd, "a", encoding="utf-8") as fh:
                fh.write(line)
                fh.flush()
                os.fsync(fh.fileno())

    def entries(self) -> list[dict[str, object]]:
        if not self.path.exists():
            return []
        with self.path.open(encoding="utf-8") as fh:
            return [json.loads(line) for line in fh if line.strip()]


def _utc_iso() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
