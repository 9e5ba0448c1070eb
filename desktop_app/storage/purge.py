"""The one way content leaves a container: purged, not hidden.

Every deletion (retention, "delete for me", "delete conversation", and delete-for-everyone
when it arrives) goes through ``Purger``: one transaction removes the message rows (the
FTS5 'delete' trigger drops their index terms; FTS5 secure-delete and the container's
``secure_delete`` pragma zero what is freed), their attachment rows (with the file keys)
and receipts by cascade, and unsent outbox entries of those messages. After the commit
the attachment body files no other message's attachment shares are deleted and the
WAL is checkpointed and truncated, so no old page survives there either.

Keys go the same way: ``Purger`` deletes the named inbound Megolm sessions with their
replay records, the envelopes held for them and the record of who gave their key, and
(retention) sessions not used since the cutoff. Which sessions belong to a conversation
only the crypto layer can read, so the services pass their ids in.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from desktop_app.storage.blobs import BlobStore
from desktop_app.storage.database import Cursor, Database
from desktop_app.storage.sql_search import index_pending

# crypto/e2e/store.py names; repeated here as plain SQL values (the rows are opaque).
KIND_MEGOLM_IN = "megolm-in"
KIND_MEGOLM_SEEN = "megolm-seen"  # the old whole-session replay record
# One per message index, named "<session id>#<i>": '#' and '$' bracket a session's names.
KIND_MEGOLM_SEEN_AT = "megolm-seen-at"
KIND_MEGOLM_OUT = "megolm-out"


@dataclass(frozen=True, slots=True)
class PurgeReport:
    messages: int
    attachments: int
    sessions: int = 0
    conversations: int = 0


class Purger:
    def __init__(self, db: Database, blobs: BlobStore, checkpoint: bool = True) -> None:
        self._db = db
        self._blobs = blobs
        self._checkpoint = checkpoint

    # ---- what callers delete -------------------------------------------------------

    def messages(self, message_ids: Sequence[str]) -> PurgeReport:
        """Delete these messages (for me, or for everyone once that arrives)."""
        with self._db.transaction(durable=True) as cur:
            _mark(cur)
            cur.executemany(
                "INSERT OR IGNORE INTO temp.purge_messages VALUES (?)",
                [(m,) for m in message_ids],
            )
            removed, files = self._delete_marked(cur)
        return self._finish(PurgeReport(removed, len(files)), files)

    def message_for_everyone(self, message_id: str, tombstone_body: str, at_ms: int) -> PurgeReport:
        """Delete-for-everyone: purge the message (text, index terms, files, versions,
        reactions) and, in the same transaction, put a tombstone row under its id (kind
        'system', ``tombstone_body``, deleted_at), so replies still find it as deleted."""
        with self._db.transaction(durable=True) as cur:
            _mark(cur)
            kept = cur.query(
                "SELECT conversation_id, sender_uid, sender_device, sent_at, received_at, "
                "state FROM messages WHERE message_id = ?",
                (message_id,),
            )
            cur.execute("INSERT INTO temp.purge_messages VALUES (?)", (message_id,))
            removed, files = self._delete_marked(cur)
            for cid, sender, device, sent, received, state in kept:
                cur.execute(
                    "INSERT INTO messages(message_id, conversation_id, sender_uid, "
                    "sender_device, kind, body, sent_at, received_at, state, deleted_at) "
                    "VALUES (?, ?, ?, ?, 'system', ?, ?, ?, ?, ?)",
                    (message_id, cid, sender, device, tombstone_body, sent, received, state, at_ms),
                )
        return self._finish(PurgeReport(removed, len(files)), files)

    def conversation(self, conversation_id: str, session_ids: Iterable[str]) -> PurgeReport:
        """Delete a conversation with everything in it and the keys that could read it."""
        with self._db.transaction(durable=True) as cur:
            _mark(cur)
            cur.execute(
                "INSERT INTO temp.purge_messages SELECT message_id FROM messages "
                "WHERE conversation_id = ?",
                (conversation_id,),
            )
            removed, files = self._delete_marked(cur)
            # Team documents' bodies (their rows go with the conversation), but not a file
            # that versions in another conversation share (same body: sql_documents.py).
            documents = [
                str(r[0])
                for r in cur.query(
                    "SELECT DISTINCT v.body_file FROM document_versions v JOIN documents d "
                    "ON d.document_id = v.document_id WHERE d.conversation_id = ? AND "
                    "v.body_file IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "
                    "document_versions w JOIN documents e ON e.document_id = w.document_id "
                    "WHERE w.body_file = v.body_file AND e.conversation_id != ?)",
                    (conversation_id, conversation_id),
                )
            ]
            gone = cur.execute(
                "DELETE FROM conversations WHERE conversation_id = ?", (conversation_id,)
            )  # members, tasks, calendar and documents cascade; calls go by a trigger
            cur.execute(
                "DELETE FROM crypto_pickles WHERE kind = ? AND name = ?",
                (KIND_MEGOLM_OUT, conversation_id),
            )
            cur.executemany(
                "INSERT OR IGNORE INTO temp.purge_sessions VALUES (?)", [(s,) for s in session_ids]
            )
            sessions = self._delete_marked_sessions(cur)
        return self._finish(PurgeReport(removed, len(files), sessions, gone), files + documents)

    def older_than(self, cutoff_ms: int) -> PurgeReport:
        """Retention: messages sent (and calls started) before the cutoff, and inbound
        Megolm sessions last used (key received or a message decrypted) before it.

        A stored message never needs its session again (its plaintext is kept), so a
        session unused since the cutoff serves only messages that are gone; senders
        rotate weekly (crypto/e2e/rotation.py), so it would not carry new ones either.
        """
        with self._db.transaction(durable=True) as cur:
            _mark(cur)
            cur.execute(
                "INSERT INTO temp.purge_messages SELECT message_id FROM messages WHERE sent_at < ?",
                (cutoff_ms,),
            )
            removed, files = self._delete_marked(cur)
            cur.execute(  # reactions/edits/deletions still waiting for their message
                "DELETE FROM held_message_events WHERE received_at < ?", (cutoff_ms,)
            )
            cur.execute("DELETE FROM call_history WHERE started_at < ?", (cutoff_ms,))
            cur.execute(  # ciphertexts whose room key never came: their messages are gone
                "DELETE FROM held_envelopes WHERE received_at < ?", (cutoff_ms,)
            )
            cur.execute(  # ids of envelopes handled then (a redelivery now fails to decrypt)
                "DELETE FROM received_envelopes WHERE received_at < ?", (cutoff_ms,)
            )
            cur.execute(  # last used: the session's key or its newest replay record
                "INSERT INTO temp.purge_sessions SELECT i.name FROM crypto_pickles i "
                "LEFT JOIN crypto_pickles s ON s.kind = ? AND s.name = i.name "
                "WHERE i.kind = ? AND max(i.updated_at, coalesce(s.updated_at, 0), "
                "coalesce((SELECT max(a.updated_at) FROM crypto_pickles a WHERE a.kind = ? "
                "AND a.name >= i.name || '#' AND a.name < i.name || '$'), 0)) < ?",
                (KIND_MEGOLM_SEEN, KIND_MEGOLM_IN, KIND_MEGOLM_SEEN_AT, cutoff_ms),
            )
            sessions = self._delete_marked_sessions(cur)
        return self._finish(PurgeReport(removed, len(files), sessions), files)

    # ---- the shared steps ----------------------------------------------------------

    @staticmethod
    def _delete_marked(cur: Cursor) -> tuple[int, list[str]]:
        """Delete the messages in temp.purge_messages; returns the count and the body
        files no longer used (a received body may be shared: services/attachments.py)."""
        files = [
            str(r[0])
            for r in cur.query(
                "SELECT DISTINCT a.body_file FROM attachments a WHERE a.body_file IS NOT NULL "
                "AND a.message_id IN (SELECT message_id FROM temp.purge_messages) "
                "AND NOT EXISTS (SELECT 1 FROM attachments b WHERE b.body_file = a.body_file "
                "AND b.message_id NOT IN (SELECT message_id FROM temp.purge_messages))"
            )
        ]
        cur.execute(  # not sent yet: deleting it here also means it is never sent
            "DELETE FROM outbox WHERE message_id IN (SELECT message_id FROM temp.purge_messages)"
        )
        # Attachments (with their file keys) and receipts go by ON DELETE CASCADE; the
        # FTS trigger removes the index terms.
        removed = cur.execute(
            "DELETE FROM messages WHERE message_id IN (SELECT message_id FROM temp.purge_messages)"
        )
        return removed, files

    @staticmethod
    def _delete_marked_sessions(cur: Cursor) -> int:
        """Delete the inbound sessions in temp.purge_sessions, their replay records, the
        envelopes held until their key would come and the record of who gave the key."""
        removed = cur.execute(
            "DELETE FROM crypto_pickles WHERE kind = ? "
            "AND name IN (SELECT session_id FROM temp.purge_sessions)",
            (KIND_MEGOLM_IN,),
        )
        cur.execute(
            "DELETE FROM crypto_pickles WHERE kind = ? "
            "AND name IN (SELECT session_id FROM temp.purge_sessions)",
            (KIND_MEGOLM_SEEN,),
        )
        cur.execute(
            "DELETE FROM crypto_pickles WHERE rowid IN (SELECT a.rowid FROM "
            "temp.purge_sessions p JOIN crypto_pickles a ON a.kind = ? "
            "AND a.name >= p.session_id || '#' AND a.name < p.session_id || '$')",
            (KIND_MEGOLM_SEEN_AT,),
        )
        cur.execute(
            "DELETE FROM held_envelopes WHERE session_id IN "
            "(SELECT session_id FROM temp.purge_sessions)"
        )
        cur.execute(
            "DELETE FROM room_key_origins WHERE session_id IN "
            "(SELECT session_id FROM temp.purge_sessions)"
        )
        return removed

    def _finish(self, report: PurgeReport, files: list[str]) -> PurgeReport:
        """Shred the files and checkpoint once the rows' deletion is committed (later,
        if this purge runs inside a batch of received envelopes: services/incoming_batch)."""
        self._db.after_commit(lambda: self._shred(files))
        return report

    def _shred(self, files: list[str]) -> None:
        for name in files:
            self._blobs.delete(name)
        if self._checkpoint:
            # Index what waits first: the next search then writes nothing, and the WAL
            # stays empty after the purge (migration 0021).
            index_pending(self._db)
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _mark(cur: Cursor) -> None:
    """Empty in-memory lists of what this purge deletes (temp_store = MEMORY)."""
    cur.execute("CREATE TEMP TABLE IF NOT EXISTS purge_messages(message_id TEXT PRIMARY KEY)")
    cur.execute("CREATE TEMP TABLE IF NOT EXISTS purge_sessions(session_id TEXT PRIMARY KEY)")
    cur.execute("DELETE FROM temp.purge_messages")
    cur.execute("DELETE FROM temp.purge_sessions")
