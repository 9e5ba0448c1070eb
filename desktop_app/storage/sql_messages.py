"""Conversations, members and messages, with paging (full-text search: sql_search.py)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from desktop_app.domain.ids import ConversationId, MessageId, Uid
from desktop_app.domain.model import (
    Conversation,
    ConversationKind,
    Message,
    MessageState,
)
from desktop_app.sqlmigrate import limit_sql
from desktop_app.storage.database import Cursor, Database
from desktop_app.storage.message_rows import MAX_PAGE_SIZE
from desktop_app.storage.message_rows import MESSAGE_COLUMNS as _MESSAGE_COLUMNS
from desktop_app.storage.message_rows import message as _message
from desktop_app.storage.sql_search import MessageSearch
from desktop_app.storage.timeutil import from_ms, to_ms

PAGE_SIZE = 50
_STORED_BATCH = 500  # ids per query, well under SQLite's limit of bound variables


@dataclass(frozen=True, slots=True)
class PageCursor:
    """Where the previous page ended; pass it back to get the next older page."""

    sent_at_ms: int
    row_id: int


@dataclass(frozen=True, slots=True)
class MessagePage:
    messages: tuple[Message, ...]  # newest first
    next_cursor: PageCursor | None  # None when there is nothing older


@dataclass(frozen=True, slots=True)
class ConversationState:
    """Membership as the group's admins last set it; ``version`` only grows.

    ``creator`` and ``salt`` are what a group's id was derived from (None and empty for
    direct conversations and for groups older than schema 7).
    """

    kind: ConversationKind
    title: str
    members: tuple[Uid, ...]
    admins: tuple[Uid, ...]
    version: int
    creator: Uid | None = None
    salt: bytes = b""


@dataclass(frozen=True, slots=True)
class ConversationSummary:
    conversation: Conversation
    unread: int
    last_activity: datetime
    pinned: bool = False  # pinned to the top of the person's list


class SqlConversationStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    def create(self, conversation: Conversation) -> None:
        created = to_ms(conversation.created_at)
        with self._db.transaction() as cur:
            cur.execute(
                "INSERT INTO conversations(conversation_id, kind, title, created_at, "
                "last_activity) VALUES (?, ?, ?, ?, ?)",
                (
                    conversation.conversation_id,
                    conversation.kind.value,
                    conversation.title,
                    created,
                    created,
                ),
            )
            cur.executemany(
                "INSERT INTO members(conversation_id, uid, added_at) VALUES (?, ?, ?)",
                [(conversation.conversation_id, uid, created) for uid in conversation.members],
            )

    def get(self, conversation_id: ConversationId) -> Conversation | None:
        row = self._db.query_one(
            "SELECT conversation_id, kind, title, created_at FROM conversations "
            "WHERE conversation_id = ?",
            (conversation_id,),
        )
        if row is None:
            return None
        return Conversation(
            conversation_id=ConversationId(row[0]),
            kind=ConversationKind(row[1]),
            title=row[2],
            created_at=from_ms(row[3]),
            members=self.members(conversation_id),
        )

    def members(self, conversation_id: ConversationId) -> tuple[Uid, ...]:
        rows = self._db.query(
            "SELECT uid FROM members WHERE conversation_id = ? ORDER BY uid", (conversation_id,)
        )
        return tuple(Uid(r[0]) for r in rows)

    def set_members(
        self, conversation_id: ConversationId, uids: tuple[Uid, ...], at: datetime
    ) -> None:
        with self._db.transaction() as cur:
            cur.execute("DELETE FROM members WHERE conversation_id = ?", (conversation_id,))
            cur.executemany(
                "INSERT INTO members(conversation_id, uid, added_at) VALUES (?, ?, ?)",
                [(conversation_id, uid, to_ms(at)) for uid in uids],
            )

    def state(self, conversation_id: ConversationId) -> ConversationState | None:
        row = self._db.query_one(
            "SELECT kind, title, state_version, creator, salt FROM conversations "
            "WHERE conversation_id = ?",
            (conversation_id,),
        )
        if row is None:
            return None
        members = self._db.query(
            "SELECT uid, role FROM members WHERE conversation_id = ? ORDER BY uid",
            (conversation_id,),
        )
        return ConversationState(
            ConversationKind(row[0]),
            row[1],
            tuple(Uid(m[0]) for m in members),
            tuple(Uid(m[0]) for m in members if m[1] == "admin"),
            int(row[2]),
            None if row[3] is None else Uid(row[3]),
            bytes(row[4] or b""),
        )

    def apply_state(
        self, conversation_id: ConversationId, state: ConversationState, at: datetime
    ) -> None:
        """Create or update a conversation to ``state`` (title, members, admins, version)."""
        ms = to_ms(at)
        with self._db.transaction() as cur:
            cur.execute(
                "INSERT INTO conversations(conversation_id, kind, title, created_at, "
                "last_activity, state_version, creator, salt) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(conversation_id) DO UPDATE SET title = excluded.title, "
                "state_version = excluded.state_version, "
                "creator = coalesce(creator, excluded.creator), "
                "salt = coalesce(salt, excluded.salt)",
                (
                    conversation_id,
                    state.kind.value,
                    state.title,
                    ms,
                    ms,
                    state.version,
                    state.creator,
                    state.salt or None,
                ),
            )
            cur.execute("DELETE FROM members WHERE conversation_id = ?", (conversation_id,))
            cur.executemany(
                "INSERT INTO members(conversation_id, uid, role, added_at) VALUES (?, ?, ?, ?)",
                [
                    (conversation_id, uid, "admin" if uid in state.admins else "member", ms)
                    for uid in state.members
                ],
            )

    def recent(self, limit: int = 100) -> list[ConversationSummary]:
        """Pinned conversations first (the last pinned on top), then the most active."""
        rows = self._db.query(
            "SELECT conversation_id, unread, last_activity, pinned_at FROM conversations "
            "ORDER BY pinned_at IS NULL, pinned_at DESC, last_activity DESC "
            + limit_sql(min(limit, MAX_PAGE_SIZE)),
        )
        out = []
        for cid, unread, last, pinned_at in rows:
            conv = self.get(ConversationId(cid))
            if conv is not None:
                summary = ConversationSummary(
                    conv, int(unread), from_ms(last), pinned_at is not None
                )
                out.append(summary)
        return out

    def set_pinned(self, conversation_id: ConversationId, pinned_at_ms: int | None) -> None:
        """Pin to the top of the list (at that moment), or unpin with None."""
        with self._db.transaction() as cur:
            cur.execute(
                "UPDATE conversations SET pinned_at = ? WHERE conversation_id = ?",
                (pinned_at_ms, conversation_id),
            )

    def pinned_count(self) -> int:
        return int(
            self._db.scalar("SELECT count(*) FROM conversations WHERE pinned_at IS NOT NULL")
        )

    def mark_unread(self, conversation_id: ConversationId) -> None:
        """Marked to come back to: counts as one unread message until it is opened."""
        with self._db.transaction() as cur:
            cur.execute(
                "UPDATE conversations SET unread = max(unread, 1) WHERE conversation_id = ?",
                (conversation_id,),
            )

    def set_muted(self, conversation_id: ConversationId, muted: bool) -> None:
        with self._db.transaction() as cur:
            cur.execute(
                "UPDATE conversations SET muted = ? WHERE conversation_id = ?",
                (int(muted), conversation_id),
            )

    def muted(self, conversation_id: ConversationId) -> bool:
        value = self._db.scalar(
            "SELECT muted FROM conversations WHERE conversation_id = ?", (conversation_id,)
        )
        return bool(value)

    def unread(self, conversation_id: ConversationId) -> int:
        """How many received messages arrived since the conversation was last read."""
        value = self._db.scalar(
            "SELECT unread FROM conversations WHERE conversation_id = ?", (conversation_id,)
        )
        return int(value or 0)

    def mark_read(self, conversation_id: ConversationId) -> None:
        with self._db.transaction() as cur:
            cur.execute(
                "UPDATE conversations SET unread = 0 WHERE conversation_id = ?", (conversation_id,)
            )


class SqlMessageStore(MessageSearch):
    def __init__(self, db: Database) -> None:
        self._db = db

    def add(self, message: Message, *, durable: bool = False) -> bool:
        """Store a message; False (and no change) if its id is already stored.

        Idempotent on purpose: a resent envelope must not show a message twice.
        """
        with self._db.transaction(durable=durable) as cur:
            return self._insert(cur, message)

    def add_many(self, messages: list[Message]) -> int:
        """Store a batch in one transaction; returns how many were new."""
        added = 0
        with self._db.transaction() as cur:
            for message in messages:
                added += self._insert(cur, message)
        return added

    @staticmethod
    def _insert(cur: Cursor, message: Message) -> bool:
        """Insert unless the id is known; True if it was new."""
        sent = to_ms(message.sent_at)
        inserted = cur.execute(
            f"INSERT OR IGNORE INTO messages({_MESSAGE_COLUMNS}) "
            "VALUES (NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                message.message_id,
                message.conversation_id,
                message.sender_uid,
                message.sender_device,
                message.kind.value,
                message.body,
                sent,
                None if message.received_at is None else to_ms(message.received_at),
                message.state.value,
                int(message.urgent),
                message.reply_to,
                None if message.edited_at is None else to_ms(message.edited_at),
                None if message.deleted_at is None else to_ms(message.deleted_at),
                int(message.forwarded),
                " ".join(message.mentions),
                message.escalate_to,
            ),
        )
        if inserted:
            unread = 1 if message.state is MessageState.RECEIVED else 0
            cur.execute(
                "UPDATE conversations SET last_activity = max(last_activity, ?), "
                "unread = unread + ? WHERE conversation_id = ?",
                (sent, unread, message.conversation_id),
            )
        return inserted > 0

    def get(self, message_id: MessageId) -> Message | None:
        row = self._db.query_one(
            f"SELECT {_MESSAGE_COLUMNS} FROM messages WHERE message_id = ?", (message_id,)
        )
        return None if row is None else _message(row)

    def set_state(self, message_id: MessageId, state: MessageState) -> None:
        with self._db.transaction() as cur:
            cur.execute(
                "UPDATE messages SET state = ? WHERE message_id = ?", (state.value, message_id)
            )

    def page(
        self,
        conversation_id: ConversationId,
        *,
        limit: int = PAGE_SIZE,
        before: PageCursor | None = None,
    ) -> MessagePage:
        """The newest ``limit`` messages older than ``before``, newest first."""
        limit = max(1, min(limit, MAX_PAGE_SIZE))
        if before is None:
            rows = self._db.query(
                f"SELECT {_MESSAGE_COLUMNS} FROM messages WHERE conversation_id = ? "
                "ORDER BY sent_at DESC, id DESC " + limit_sql(limit + 1),
                (conversation_id,),
            )
        else:
            rows = self._db.query(
                f"SELECT {_MESSAGE_COLUMNS} FROM messages WHERE conversation_id = ? "
                "AND (sent_at, id) < (?, ?) ORDER BY sent_at DESC, id DESC " + limit_sql(limit + 1),
                (conversation_id, before.sent_at_ms, before.row_id),
            )
        more = len(rows) > limit
        rows = rows[:limit]
        cursor = PageCursor(rows[-1][7], rows[-1][0]) if more and rows else None
        return MessagePage(tuple(_message(r) for r in rows), cursor)

    def cursor_of(
        self, conversation_id: ConversationId, message_id: MessageId
    ) -> PageCursor | None:
        """Where ``message_id`` stands in its conversation's pages (for a page around it)."""
        row = self._db.query_one(
            "SELECT sent_at, id FROM messages WHERE message_id = ? AND conversation_id = ?",
            (message_id, conversation_id),
        )
        return None if row is None else PageCursor(int(str(row[0])), int(str(row[1])))

    def page_after(
        self, conversation_id: ConversationId, after: PageCursor, *, limit: int = PAGE_SIZE
    ) -> MessagePage:
        """The ``limit`` messages just newer than ``after``, newest first; the cursor (the
        newest row's place) is set when even newer ones follow: pass it back for those."""
        limit = max(1, min(limit, MAX_PAGE_SIZE))
        rows = self._db.query(
            f"SELECT {_MESSAGE_COLUMNS} FROM messages WHERE conversation_id = ? "
            "AND (sent_at, id) > (?, ?) ORDER BY sent_at, id " + limit_sql(limit + 1),
            (conversation_id, after.sent_at_ms, after.row_id),
        )
        more = len(rows) > limit
        rows = rows[:limit]
        cursor = PageCursor(rows[-1][7], rows[-1][0]) if more and rows else None
        return MessagePage(tuple(_message(r) for r in reversed(rows)), cursor)

    def queued_from(self, uid: Uid, limit: int = 500) -> list[Message]:
        """Our own messages not yet encrypted and handed to the outbox, oldest first."""
        rows = self._db.query(
            # state as a literal: the partial index messages_queued (migration 0020)
            # is used only for a query that names its WHERE clause.
            f"SELECT {_MESSAGE_COLUMNS} FROM messages m WHERE sender_uid = ? "
            f"AND state = '{MessageState.QUEUED.value}' "
            "AND kind = 'text' AND NOT EXISTS (SELECT 1 FROM outbox o "
            "WHERE o.message_id = m.message_id) ORDER BY id " + limit_sql(limit),
            (uid,),
        )
        return [_message(r) for r in rows]

    def escalation_candidates(
        self,
        uid: Uid,
        since: datetime,
        until: datetime,
        limit: int,
        *,
        marked_prefix: str,
        any_target: bool,
    ) -> list[Message]:
        """Urgent messages ``uid`` sent in [since, until] that went out and may still
        need escalating, oldest first: not marked (a settings key ``marked_prefix`` +
        message id), not acknowledged by anyone else, and with a target (their own, or
        any when ``any_target``: the person set a default). services/escalation.py
        decides; handled ones are left out here, so a busy shift's many cannot take up
        the ``limit`` and hide a new one."""
        rows = self._db.query(
            f"SELECT {_MESSAGE_COLUMNS} FROM messages m WHERE sender_uid = ? AND urgent = 1 "
            "AND kind = 'text' AND state != ? AND sent_at BETWEEN ? AND ? "
            "AND (? OR coalesce(escalate_to, '') != '') "
            "AND NOT EXISTS (SELECT 1 FROM settings WHERE key = ? || m.message_id) "
            "AND NOT EXISTS (SELECT 1 FROM receipts r WHERE r.message_id = m.message_id "
            "AND r.kind = 'acknowledged' AND r.uid != m.sender_uid) "
            "ORDER BY sent_at, id " + limit_sql(max(1, limit)),
            (
                uid,
                MessageState.QUEUED.value,
                to_ms(since),
                to_ms(until),
                any_target,
                marked_prefix,
            ),
        )
        return [_message(r) for r in rows]

    def sent_urgent_text(self, uid: Uid, since: datetime, body: str) -> bool:
        """Whether ``uid`` sent an urgent text ``body`` since then (an escalated copy
        another PC of this person made)."""
        return (
            self._db.query_one(
                "SELECT 1 FROM messages WHERE sender_uid = ? AND urgent = 1 AND kind = 'text' "
                "AND sent_at >= ? AND body = ?",
                (uid, to_ms(since), body),
            )
            is not None
        )

    def stored(self, message_ids: Iterable[MessageId]) -> set[MessageId]:
        """Which of these messages are still in the container (an open chat drops the
        others once retention or the disappearing-messages timer purged them)."""
        wanted = list(dict.fromkeys(message_ids))
        found: set[MessageId] = set()
        for start in range(0, len(wanted), _STORED_BATCH):
            batch = wanted[start : start + _STORED_BATCH]
            marks = ", ".join("?" * len(batch))
            rows = self._db.query(
                f"SELECT message_id FROM messages WHERE message_id IN ({marks})", tuple(batch)
            )
            found.update(MessageId(str(r[0])) for r in rows)
        return found

    def count(self, conversation_id: ConversationId | None = None) -> int:
        if conversation_id is None:
            return int(self._db.scalar("SELECT count(*) FROM messages"))
        return int(
            self._db.scalar(
                "SELECT count(*) FROM messages WHERE conversation_id = ?", (conversation_id,)
            )
        )
