"""The local export log: who exported which messages, when, in which format, where to.

Append-only (a trigger refuses updates); rows go only with the container itself
(crypto-shred), not with retention or a deleted conversation, so the record of what
left the app outlives the messages for the DPO's questions (docs/privacy.md, Exports).
It holds ids and a file path, never message text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from desktop_app.storage.database import Database
from desktop_app.storage.timeutil import from_ms, to_ms


@dataclass(frozen=True, slots=True)
class ExportRecord:
    exported_at: datetime
    uid: str
    device_id: str
    kind: str  # "pdf" | "fhir"
    conversation_id: str
    message_id: str | None  # None: the whole conversation
    messages: int
    destination: str


class SqlExportLog:
    def __init__(self, db: Database) -> None:
        self._db = db

    def add(self, record: ExportRecord) -> None:
        with self._db.transaction() as cur:
            cur.execute(
                "INSERT INTO export_log(exported_at, uid, device_id, kind, conversation_id, "
                "message_id, messages, destination) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    to_ms(record.exported_at),
                    record.uid,
                    record.device_id,
                    record.kind,
                    record.conversation_id,
                    record.message_id,
                    record.messages,
                    record.destination,
                ),
            )

    def all(self) -> list[ExportRecord]:
        rows = self._db.query(
            "SELECT exported_at, uid, device_id, kind, conversation_id, message_id, messages, "
            "destination FROM export_log ORDER BY id"
        )
        return [
            ExportRecord(
                from_ms(int(r[0])),
                str(r[1]),
                str(r[2]),
                str(r[3]),
                str(r[4]),
                None if r[5] is None else str(r[5]),
                int(r[6]),
                str(r[7]),
            )
            for r in rows
        ]
