"""Reactions, edit history and held message events (schema 12).

Held are the reactions, edits, deletions, pins and receipts that came before the
message they name (services/message_events.py, services/receipts_in.py).

What the services decided to apply is stored here; who may react, edit or delete is
decided in services/message_events.py, never by the store.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from desktop_app.domain.ids import ConversationId, MessageId
from desktop_app.sqlmigrate import limit_sql
from desktop_app.storage.database import Cursor, Database

MAX_HELD_EVENTS: Final = 1_000  # held for all messages of this container together
MAX_HELD_PER_MESSAGE: Final = 50  # one message cannot take the whole allowance
# ... and within it, the sender holding the most gives way to another's (hold), so one
# member's reactions cannot keep out the author's deletion that arrives before its message.
# Nor can one sender (reactions to ids that never come): the others' events still wait.
MAX_HELD_PER_SENDER: Final = 100
ORIGINAL_VERSION: Final = ""  # version_id of a message's text before its first edit


@dataclass(frozen=True, slots=True)
class Version:
    text: str
    at_ms: int


@dataclass(frozen=True, slots=True)
class HeldEvent:
    conversation_id: ConversationId
    target_id: MessageId
    sender_uid: str
    sender_device: str
    content: bytes
    received_at_ms: int


MAX_PINS_SHOWN = 3  # "pin up to 3 messages per conversation"


class SqlMessageEventStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    # ---- reactions -----------------------------------------------------------------

    def react(self, message_id: MessageId, uid: str, emoji: str | None, at_ms: int) -> bool:
        """Set (or with None remove) ``uid``'s reaction; an older change than the stored
        one is ignored. True if something changed."""
        with self._db.transaction() as cur:
            if emoji is None:
                return (
                    cur.execute(
                        "DELETE FROM reactions WHERE message_id = ? AND uid = ? AND at_ms <= ?",
                        (message_id, uid, at_ms),
                    )
                    > 0
                )
            return (
                cur.execute(
                    "INSERT INTO reactions(message_id, uid, emoji, at_ms) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT(message_id, uid) DO UPDATE SET emoji = excluded.emoji, "
                    "at_ms = excluded.at_ms WHERE excluded.at_ms >= reactions.at_ms",
                    (message_id, uid, emoji, at_ms),
                )
                > 0
            )

    def reactions(self, message_id: MessageId) -> dict[str, list[str]]:
        """{emoji: [uids]} in a stable order."""
        out: dict[str, list[str]] = {}
        for emoji, uid in self._db.query(
            "SELECT emoji, uid FROM reactions WHERE message_id = ? ORDER BY emoji, uid",
            (message_id,),
        ):
            out.setdefault(str(emoji), []).append(str(uid))
        return out

    # ---- edits ---------------------------------------------------------------------

    def add_version(
        self, message_id: MessageId, original: Version, edit_id: str, new: Version
    ) -> bool:
        """Record an edit (and, on the first one, the original text); the message shows the
        newest version by its sender's time. False if this edit was stored before."""
        with self._db.transaction() as cur:
            cur.execute(
                "INSERT OR IGNORE INTO message_versions(message_id, version_id, text, at_ms) "
                "VALUES (?, ?, ?, ?)",
                (message_id, ORIGINAL_VERSION, original.text, original.at_ms),
            )
            if not cur.execute(
                "INSERT OR IGNORE INTO message_versions(message_id, version_id, text, at_ms) "
                "VALUES (?, ?, ?, ?)",
                (message_id, edit_id, new.text, new.at_ms),
            ):
                return False
            newest = cur.query(
                "SELECT text, at_ms FROM message_versions WHERE message_id = ? "
                "ORDER BY at_ms DESC, version_id DESC LIMIT 1",
                (message_id,),
            )[0]
            cur.execute(  # the FTS update trigger re-indexes the body
                "UPDATE messages SET body = ?, edited_at = ? WHERE message_id = ?",
                (newest[0], newest[1], message_id),
            )
            return True

    def versions(self, message_id: MessageId) -> list[Version]:
        """Every version of an edited message, oldest first (empty if never edited)."""
        return [
            Version(str(t), int(a))
            for t, a in self._db.query(
                "SELECT text, at_ms FROM message_versions WHERE message_id = ? "
                "ORDER BY at_ms, version_id",
                (message_id,),
            )
        ]

    # ---- events waiting for their message --------------------------------------------

    def hold(self, event: HeldEvent) -> bool:
        """Keep an event until its message arrives; False (not kept) when full or for a
        conversation this container does not have."""
        with self._db.transaction() as cur:
            total, for_target, from_sender = cur.query(
                "SELECT count(*), coalesce(sum(target_id = ?), 0), "
                "coalesce(sum(sender_uid = ?), 0) FROM held_message_events",
                (event.target_id, event.sender_uid),
            )[0]
            if total >= MAX_HELD_EVENTS or from_sender >= MAX_HELD_PER_SENDER:
                return False
            if for_target >= MAX_HELD_PER_MESSAGE and not (
                _known(cur, event.conversation_id) and _make_room(cur, event)
            ):
                return False
            return (
                cur.execute(  # nothing is held for an unknown conversation
                    "INSERT INTO held_message_events(conversation_id, target_id, sender_uid, "
                    "sender_device, content, received_at) "
                    "SELECT ?, ?, ?, ?, ?, ? WHERE EXISTS "
                    "(SELECT 1 FROM conversations WHERE conversation_id = ?)",
                    (
                        event.conversation_id,
                        event.target_id,
                        event.sender_uid,
                        event.sender_device,
                        event.content,
                        event.received_at_ms,
                        event.conversation_id,
                    ),
                )
                > 0
            )

    def take_held(self, target_id: MessageId) -> list[HeldEvent]:
        """The events held for ``target_id`` in arrival order, removed from the store."""
        with self._db.transaction() as cur:
            rows = cur.query(
                "SELECT conversation_id, target_id, sender_uid, sender_device, content, "
                "received_at FROM held_message_events WHERE target_id = ? ORDER BY id",
                (target_id,),
            )
            if rows:  # nearly always none: a message's own arrival writes nothing here
                cur.execute("DELETE FROM held_message_events WHERE target_id = ?", (target_id,))
        return [
            HeldEvent(
                ConversationId(str(r[0])),
                MessageId(str(r[1])),
                str(r[2]),
                str(r[3]),
                bytes(r[4]),
                int(r[5]),
            )
            for r in rows
        ]

    def held_count(self) -> int:
        return int(self._db.scalar("SELECT count(*) FROM held_message_events"))

    # ---- pins (schema 15) ------------------------------------------------------------

    def pin(self, message_id: MessageId, uid: str, pinned: bool, at_ms: int) -> bool:
        """Keep a pin change if it is newer than the held one; True if it changed."""
        with self._db.transaction() as cur:
            rows = cur.query("SELECT by_uid, at_ms FROM pins WHERE message_id = ?", (message_id,))
            if rows and (int(rows[0][1]), str(rows[0][0])) >= (at_ms, uid):
                return False
            cur.execute(
                "INSERT OR REPLACE INTO pins(message_id, pinned, by_uid, at_ms) VALUES (?,?,?,?)",
                (message_id, int(pinned), uid, at_ms),
            )
        return True

    def pinned(self, conversation_id: str, limit: int = MAX_PINS_SHOWN) -> list[MessageId]:
        """The most recently pinned messages of a conversation, newest pin first."""
        rows = self._db.query(
            "SELECT p.message_id FROM pins p JOIN messages m ON m.message_id = p.message_id "
            "WHERE m.conversation_id = ? AND p.pinned = 1 AND m.deleted_at IS NULL "
            "ORDER BY p.at_ms DESC, p.message_id " + limit_sql(limit),
            (conversation_id,),
        )
        return [MessageId(str(r[0])) for r in rows]


def _known(cur: Cursor, conversation_id: str) -> bool:
    return bool(
        cur.query("SELECT 1 FROM conversations WHERE conversation_id = ?", (conversation_id,))
    )


def _make_room(cur: Cursor, event: HeldEvent) -> bool:
    """The message's places are taken: drop the oldest held event of the sender holding
    the most of them, unless that is (about) ``event``'s own sender, whose new event is
    then the one refused. True if a place was freed."""
    counts = dict(
        cur.query(
            "SELECT sender_uid, count(*) FROM held_message_events WHERE target_id = ? "
            "GROUP BY sender_uid",
            (event.target_id,),
        )
    )
    top = max(counts, key=lambda uid: (counts[uid], uid))
    if int(counts[top]) <= int(counts.get(event.sender_uid, 0)) + 1:
        return False
    cur.execute(
        "DELETE FROM held_message_events WHERE id = (SELECT min(id) FROM "
        "held_message_events WHERE target_id = ? AND sender_uid = ?)",
        (event.target_id, top),
    )
    return True
