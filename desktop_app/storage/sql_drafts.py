"""Drafts: the unsent text of each conversation's composer, kept across locks and restarts.

The lock deletes every view, so a draft held only by a widget was lost at each lock; here
it is encrypted with the rest of the container and goes with its conversation.
"""

from __future__ import annotations

from desktop_app.domain.ids import ConversationId
from desktop_app.storage.database import Database
from desktop_app.storage.timeutil import to_ms, utc_now

MAX_DRAFT_CHARS = 64_000  # a composer's worth; longer text is cut rather than refused


class SqlDraftStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    def get(self, conversation_id: ConversationId) -> str:
        value = self._db.scalar(
            "SELECT text FROM drafts WHERE conversation_id = ?", (conversation_id,)
        )
        return "" if value is None else str(value)

    def set(self, conversation_id: ConversationId, text: str) -> None:
        """Keep ``text`` (blank: forget the draft); ignored for an unknown conversation."""
        with self._db.transaction() as cur:
            if not text.strip():
                cur.execute("DELETE FROM drafts WHERE conversation_id = ?", (conversation_id,))
                return
            cur.execute(
                "INSERT INTO drafts(conversation_id, text, updated_at) SELECT ?, ?, ? "
                "WHERE EXISTS (SELECT 1 FROM conversations WHERE conversation_id = ?) "
                "ON CONFLICT(conversation_id) DO UPDATE SET text = excluded.text, "
                "updated_at = excluded.updated_at",
                (conversation_id, text[:MAX_DRAFT_CHARS], to_ms(utc_now()), conversation_id),
            )
