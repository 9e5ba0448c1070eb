"""The call history: one row per ended call on this device (schema 19).

Rows go with their conversation (a trigger) and with message retention (storage/purge.py).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Final

from desktop_app.sqlmigrate import limit_sql
from desktop_app.storage.database import Database

MAX_LISTED_CALLS: Final = 500  # a call log's worth; older calls stay until retention


@dataclass(frozen=True, slots=True)
class CallRecord:
    call_id: str
    conversation_id: str
    direction: str  # "outgoing" | "incoming"
    peer_uid: str
    role_uid: str | None
    outcome: str  # an EndReason value
    started_at_ms: int
    duration_s: int
    participants: tuple[str, ...]


class SqlCallHistory:
    def __init__(self, db: Database) -> None:
        self._db = db

    def record(self, call: CallRecord) -> None:
        """Keep an ended call (a call id seen again, e.g. a replay, changes nothing)."""
        with self._db.transaction() as cur:
            cur.execute(
                "INSERT OR IGNORE INTO call_history(call_id, conversation_id, direction, peer_uid, "
                "role_uid, outcome, started_at, duration_s, participants) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    call.call_id,
                    call.conversation_id,
                    call.direction,
                    call.peer_uid,
                    call.role_uid,
                    call.outcome,
                    call.started_at_ms,
                    call.duration_s,
                    json.dumps(sorted(call.participants)),
                ),
            )

    def recent(self, limit: int = MAX_LISTED_CALLS) -> list[CallRecord]:
        """The newest calls first."""
        rows = self._db.query(
            "SELECT call_id, conversation_id, direction, peer_uid, role_uid, outcome, "
            "started_at, duration_s, participants FROM call_history "
            "ORDER BY started_at DESC, call_id " + limit_sql(min(limit, MAX_LISTED_CALLS)),
        )
        return [
            CallRecord(
                str(r[0]),
                str(r[1]),
                str(r[2]),
                str(r[3]),
                None if r[4] is None else str(r[4]),
                str(r[5]),
                int(r[6]),
                int(r[7]),
                tuple(json.loads(r[8])),
            )
            for r in rows
        ]
