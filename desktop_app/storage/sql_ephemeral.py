"""Disappearing messages in the container: each conversation's setting and which
messages have outlived it (schema 13). The deletion itself is the purge path's."""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.storage.database import Database


@dataclass(frozen=True, slots=True)
class EphemeralSetting:
    hours: int | None  # None: off
    version: int
    set_by: str
    changed_ms: int

    def newer_than(self, other: EphemeralSetting | None) -> bool:
        """The total order settings are kept by: version, then time, then who."""
        if other is None:
            return True
        return (self.version, self.changed_ms, self.set_by) > (
            other.version,
            other.changed_ms,
            other.set_by,
        )


class SqlEphemeralStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    def setting(self, conversation_id: str) -> EphemeralSetting | None:
        row = self._db.query_one(
            "SELECT hours, version, set_by, changed_ms FROM ephemeral WHERE conversation_id = ?",
            (conversation_id,),
        )
        if row is None:
            return None
        hours, version, set_by, changed = row
        return EphemeralSetting(
            None if hours is None else int(hours), int(version), str(set_by), int(changed)
        )

    def keep(self, conversation_id: str, setting: EphemeralSetting) -> bool:
        """Store ``setting`` if it is newer than the held one; True if it was."""
        with self._db.transaction() as cur:
            rows = cur.query(
                "SELECT hours, version, set_by, changed_ms FROM ephemeral "
                "WHERE conversation_id = ?",
                (conversation_id,),
            )
            held = (
                EphemeralSetting(rows[0][0], int(rows[0][1]), str(rows[0][2]), int(rows[0][3]))
                if rows
                else None
            )
            if not setting.newer_than(held):
                return False
            cur.execute(
                "INSERT OR REPLACE INTO ephemeral(conversation_id, hours, version, set_by, "
                "changed_ms) VALUES (?, ?, ?, ?, ?)",
                (conversation_id, setting.hours, setting.version, setting.set_by,
                 setting.changed_ms),
            )  # fmt: skip
        return True

    def mark_read(self, conversation_id: str, at_ms: int) -> int:
        """Messages of the conversation seen now for the first time; returns how many."""
        with self._db.transaction() as cur:
            return cur.execute(
                "UPDATE messages SET read_at = ? WHERE conversation_id = ? AND read_at IS NULL",
                (at_ms, conversation_id),
            )

    def expired(self, me: str, now_ms: int, policy_hours: int | None) -> list[str]:
        """Ids of messages read more than their conversation's hours ago (the shorter of
        the conversation's setting and the machine policy); own messages count from
        sending. Tombstones and system lines disappear with the rest."""
        policy = policy_hours or 0
        rows = self._db.query(
            "SELECT m.message_id FROM messages m "
            "LEFT JOIN ephemeral e ON e.conversation_id = m.conversation_id "
            "WHERE (e.hours IS NOT NULL OR ? > 0) "
            "AND COALESCE(m.read_at, CASE WHEN m.sender_uid = ? THEN m.sent_at END) "
            "    + 3600000 * (CASE "
            "        WHEN e.hours IS NULL THEN ? "
            "        WHEN ? > 0 AND ? < e.hours THEN ? "
            "        ELSE e.hours END) <= ? "
            "LIMIT 10000",
            (policy, me, policy, policy, policy, policy, now_ms),
        )
        return [str(r[0]) for r in rows]
