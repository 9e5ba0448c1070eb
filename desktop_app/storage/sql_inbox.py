"""Receiving side bookkeeping: envelopes already handled, and ones waiting for a key."""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.storage.database import Database


@dataclass(frozen=True, slots=True)
class HeldEnvelope:
    sender_device: str
    envelope_id: str
    sender_uid: str
    received_at_ms: int
    session_id: str
    payload: bytes


class SqlInboxStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    def seen(self, sender_device: str, envelope_id: str) -> bool:
        return (
            self._db.query_one(
                "SELECT 1 FROM received_envelopes WHERE sender_device = ? AND envelope_id = ?",
                (sender_device, envelope_id),
            )
            is not None
        )

    def mark_seen(self, sender_device: str, envelope_id: str, now_ms: int) -> None:
        with self._db.transaction() as cur:
            cur.execute(
                "INSERT OR IGNORE INTO received_envelopes VALUES (?, ?, ?)",
                (sender_device, envelope_id, now_ms),
            )

    def hold(self, envelope: HeldEnvelope) -> None:
        with self._db.transaction() as cur:
            cur.execute(
                "INSERT OR REPLACE INTO held_envelopes VALUES (?, ?, ?, ?, ?, ?)",
                (
                    envelope.sender_device,
                    envelope.envelope_id,
                    envelope.sender_uid,
                    envelope.received_at_ms,
                    envelope.session_id,
                    envelope.payload,
                ),
            )

    def held_for(self, session_id: str) -> list[HeldEnvelope]:
        rows = self._db.query(
            "SELECT sender_device, envelope_id, sender_uid, received_at, session_id, payload "
            "FROM held_envelopes WHERE session_id = ? ORDER BY received_at, rowid",
            (session_id,),
        )
        return [HeldEnvelope(r[0], r[1], r[2], int(r[3]), r[4], bytes(r[5])) for r in rows]

    def release(self, sender_device: str, envelope_id: str) -> None:
        with self._db.transaction() as cur:
            cur.execute(
                "DELETE FROM held_envelopes WHERE sender_device = ? AND envelope_id = ?",
                (sender_device, envelope_id),
            )

    def held_count(self) -> int:
        return int(self._db.scalar("SELECT count(*) FROM held_envelopes"))

    def prune(self, before_ms: int) -> int:
        with self._db.transaction() as cur:
            cur.execute("DELETE FROM held_envelopes WHERE received_at < ?", (before_ms,))
            return cur.execute("DELETE FROM received_envelopes WHERE received_at < ?", (before_ms,))
