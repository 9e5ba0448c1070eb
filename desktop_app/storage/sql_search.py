"""Full-text search over messages, and file names (SqlMessageStore's search half).

New messages reach the FTS5 index in batches (migration 0021): their row ids wait in
messages_fts_pending and every search first indexes what waits, so it finds a message
the moment it is stored while storing one stays cheap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop_app.domain.ids import ConversationId
from desktop_app.domain.marked_text import MarkedText, unmark
from desktop_app.domain.model import Message
from desktop_app.sqlmigrate import limit_sql
from desktop_app.storage.database import Database
from desktop_app.storage.message_rows import COLUMN_COUNT, MAX_PAGE_SIZE, MESSAGE_COLUMNS, message

MAX_SEARCH_TERMS = 16
MAX_FILE_NAME_QUERY = 200  # characters of a file-name search
# The index marks each match in its snippet between these two private-use characters:
# nothing a keyboard types; a text that holds one anyway gets its snippet unmarked.
MATCH_START = "\ue000"
MATCH_END = "\ue001"

_INDEX_PENDING = (
    "INSERT INTO messages_fts(rowid, body, conv) "
    "SELECT m.id, m.body, hex(m.conversation_id) "
    "FROM messages_fts_pending p JOIN messages m ON m.id = p.id ORDER BY m.id"
)


@dataclass(frozen=True, slots=True)
class SearchHit:
    message: Message
    snippet: MarkedText  # the words around the match, the matches as spans


def index_pending(db: Database) -> None:
    """Index what waits in messages_fts_pending (nothing to write if nothing waits)."""
    if db.scalar("SELECT EXISTS (SELECT 1 FROM messages_fts_pending)"):
        with db.transaction() as cur:
            cur.execute(_INDEX_PENDING)
            cur.execute("DELETE FROM messages_fts_pending")


class MessageSearch:
    _db: Database

    def index_pending(self) -> None:
        """Index the messages stored since the last batch (at most 63 of them)."""
        index_pending(self._db)

    def search(
        self, text: str, *, limit: int = 50, conversation_id: ConversationId | None = None
    ) -> list[SearchHit]:
        """Full-text search, each word as a prefix; newest matches first, like a messenger.

        Ordering by the FTS rowid lets FTS5 stop after ``limit`` hits; ordering by bm25 rank
        must score every match first (190 ms for a common word among 1 M messages).
        """
        query = fts_query(text)
        if not query:
            return []
        self.index_pending()
        match = f"body : ({query})"
        if conversation_id is not None:
            # The conversation's token in the index (migration 0017) makes this one FTS5
            # query that walks newest first and stops at ``limit``, instead of every match
            # of every conversation filtered afterwards (123 ms among 1 M messages).
            match = f'conv : "{conversation_token(conversation_id)}" AND {match}'
        sql = (
            f"SELECT {', '.join('m.' + c.strip() for c in MESSAGE_COLUMNS.split(','))}, "
            "snippet(messages_fts, 0, ?, ?, '…', 12) "
            "FROM messages_fts JOIN messages m ON m.id = messages_fts.rowid "
            "WHERE messages_fts MATCH ? ORDER BY messages_fts.rowid DESC "
            + limit_sql(max(1, min(limit, MAX_PAGE_SIZE)))
        )
        hits = []
        for r in self._db.query(sql, (MATCH_START, MATCH_END, match)):
            found = message(r[:COLUMN_COUNT])
            marked = unmark(str(r[COLUMN_COUNT]), MATCH_START, MATCH_END, found.body)
            hits.append(SearchHit(found, marked))
        return hits

    def search_files(
        self, text: str, *, limit: int = 50, conversation_id: ConversationId | None = None
    ) -> list[SearchHit]:
        """Messages with an attachment whose file name contains ``text`` (newest first);
        the snippet is the file name. Attachments are few next to messages, so a LIKE
        scan (newest first, stopping at ``limit``) is enough and needs no second index."""
        needle = text.strip()[:MAX_FILE_NAME_QUERY]
        if not needle:
            return []
        escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        sql = (
            f"SELECT {', '.join('m.' + c.strip() for c in MESSAGE_COLUMNS.split(','))}, "
            "a.file_name FROM attachments a JOIN messages m ON m.message_id = a.message_id "
            "WHERE a.file_name LIKE ? ESCAPE '\\' AND m.deleted_at IS NULL"
        )
        params: list[object] = [f"%{escaped}%"]
        if conversation_id is not None:
            # Only this conversation's attachments (index attachments_by_conversation,
            # filled by a trigger: migration 0017), not every file joined to its message.
            sql += " AND a.conversation_id = ?"
            params.append(conversation_id)
        # newest attachments first: stops at limit
        sql += " ORDER BY a.rowid DESC " + limit_sql(max(1, min(limit, MAX_PAGE_SIZE)))
        return [
            SearchHit(message(r[:COLUMN_COUNT]), MarkedText(str(r[COLUMN_COUNT])))
            for r in self._db.query(sql, params)
        ]

    def conversations_matching(self, text: str, limit: int = 200) -> list[ConversationId]:
        """Conversations with a message matching ``text`` (as ``search``), for the list's
        search box: it must find what the open chat shows, not only names and previews."""
        query = fts_query(text)
        if not query:
            return []
        self.index_pending()
        rows = self._db.query(
            "SELECT DISTINCT m.conversation_id FROM messages_fts "
            "JOIN messages m ON m.id = messages_fts.rowid WHERE messages_fts MATCH ? "
            + limit_sql(max(1, limit)),
            (f"body : ({query})",),
        )
        return [ConversationId(str(r[0])) for r in rows]


_WORD = re.compile(r"\w+", re.UNICODE)


def fts_query(text: str) -> str:
    """Turn what a user typed into a safe FTS5 query: every word a quoted prefix term.

    Quoting means FTS5 operators in user input (AND, NEAR, ``*``, ``"``) are just text.
    """
    words = _WORD.findall(text)[:MAX_SEARCH_TERMS]
    return " ".join(f'"{w}"*' for w in words)


def conversation_token(conversation_id: str) -> str:
    """The conversation as the FTS index's ``conv`` column holds it (migration 0017):
    the upper-case hex of its UTF-8 id, one word for the unicode61 tokenizer."""
    return conversation_id.encode("utf-8").hex().upper()
