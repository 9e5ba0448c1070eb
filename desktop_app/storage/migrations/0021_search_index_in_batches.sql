-- Schema 21: new messages enter the search index in batches (issue 15, client CPU).
-- Indexing every message in the commit that stores it made FTS5 write a new segment (and
-- merge segments) per message: about half the CPU of storing a text, on both sender and
-- receiver. A new message's row id now goes to messages_fts_pending (one small row, no
-- text: the body stays only in the messages table); every 64 pending rows are indexed in
-- one statement, and a search indexes what is pending first (SqlMessageStore), so it
-- still finds a message the moment it is stored.
-- Deleting or editing a message that is still pending only touches the pending list:
-- its text never reached the index. One trigger body per event, so the order of its
-- statements (index first, then the pending row) is fixed.
CREATE TABLE messages_fts_pending (id INTEGER PRIMARY KEY) STRICT;

DROP TRIGGER messages_fts_insert;
DROP TRIGGER messages_fts_delete;
DROP TRIGGER messages_fts_update;

CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
    INSERT INTO messages_fts_pending(id) VALUES (new.id);
END;

CREATE TRIGGER messages_fts_batch AFTER INSERT ON messages_fts_pending
WHEN (SELECT count(*) FROM messages_fts_pending) >= 64 BEGIN
    INSERT INTO messages_fts(rowid, body, conv)
        SELECT m.id, m.body, hex(m.conversation_id)
        FROM messages_fts_pending p JOIN messages m ON m.id = p.id ORDER BY m.id;
    DELETE FROM messages_fts_pending;
END;

CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
    INSERT INTO messages_fts(messages_fts, rowid, body, conv)
        SELECT 'delete', old.id, old.body, hex(old.conversation_id)
        WHERE NOT EXISTS (SELECT 1 FROM messages_fts_pending WHERE id = old.id);
    DELETE FROM messages_fts_pending WHERE id = old.id;
END;

CREATE TRIGGER messages_fts_update AFTER UPDATE OF body, conversation_id ON messages
WHEN NOT EXISTS (SELECT 1 FROM messages_fts_pending WHERE id = old.id) BEGIN
    INSERT INTO messages_fts(messages_fts, rowid, body, conv)
        VALUES ('delete', old.id, old.body, hex(old.conversation_id));
    INSERT INTO messages_fts(rowid, body, conv)
        VALUES (new.id, new.body, hex(new.conversation_id));
END;
