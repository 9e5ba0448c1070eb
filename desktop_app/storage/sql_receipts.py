"""Receipts: who got, read or acknowledged which message, and when."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from desktop_app.domain.ids import MessageId, Uid
from desktop_app.sqlmigrate import limit_sql
from desktop_app.storage.database import Database
from desktop_app.storage.timeutil import from_ms, to_ms


class ReceiptKind(enum.StrEnum):
    DELIVERED = "delivered"
    READ = "read"
    ACKNOWLEDGED = "acknowledged"  # the answer to an urgent message


@dataclass(frozen=True, slots=True)
class Receipt:
    message_id: MessageId
    uid: Uid
    kind: ReceiptKind
    at: datetime


class SqlReceiptStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    def add(self, receipt: Receipt) -> bool:
        """Record a receipt; False if it was known or its message is not (or no longer) here."""
        with self._db.transaction() as cur:
            added = cur.execute(
                "INSERT OR IGNORE INTO receipts(message_id, uid, kind, at) "
                "SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM messages WHERE message_id = ?)",
                (
                    receipt.message_id,
                    receipt.uid,
                    receipt.kind.value,
                    to_ms(receipt.at),
                    receipt.message_id,
                ),
            )
        return added > 0

    def for_message(self, message_id: MessageId) -> list[Receipt]:
        rows = self._db.query(
            "SELECT uid, kind, at FROM receipts WHERE message_id = ? ORDER BY at, uid",
            (message_id,),
        )
        return [
            Receipt(message_id, Uid(str(uid)), ReceiptKind(str(kind)), from_ms(int(at)))
            for uid, kind, at in rows
        ]

    def unacknowledged_urgent(self, me: Uid, limit: int = 50) -> list[MessageId]:
        """Urgent messages others sent me that I have not acknowledged yet, oldest first."""
        rows = self._db.query(
            "SELECT m.message_id FROM messages m WHERE m.urgent = 1 AND m.sender_uid != ? "
            "AND m.state = 'received' AND NOT EXISTS (SELECT 1 FROM receipts r "
            "WHERE r.message_id = m.message_id AND r.uid = ? AND r.kind = 'acknowledged') "
            "ORDER BY m.sent_at " + limit_sql(limit),
            (me, me),
        )
        return [MessageId(str(r[0])) for r in rows]
