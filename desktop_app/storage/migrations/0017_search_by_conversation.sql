-- Schema 17: the FTS index knows each message's conversation (issue 13, find in a chat).
-- Searching one conversation used to ask FTS5 for every match in every conversation and
-- then keep this conversation's: 123 ms p95 among 1 M messages (goal 50). Now a second
-- column holds one token per conversation (hex of its id: a single unicode61 token, so
-- ids with '-' or '_' stay one word) and the query is "conv AND body", which FTS5
-- answers newest first and stops after the limit. Searches name the body column, so
-- nobody typing "63" finds messages by their conversation's token.
-- External content is a view (the hex token is not a column of messages); the triggers
-- give FTS5 the same values on insert and delete, as secure-delete needs.
DROP TRIGGER messages_fts_insert;
DROP TRIGGER messages_fts_delete;
DROP TRIGGER messages_fts_update;
DROP TABLE messages_fts;

CREATE VIEW messages_fts_content AS
    SELECT id, body, hex(conversation_id) AS conv FROM messages;

CREATE VIRTUAL TABLE messages_fts USING fts5(
    body,
    conv,
    content = 'messages_fts_content',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO messages_fts(messages_fts, rank) VALUES ('secure-delete', 1);

CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
    INSERT INTO messages_fts(rowid, body, conv)
        VALUES (new.id, new.body, hex(new.conversation_id));
END;
CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
    INSERT INTO messages_fts(messages_fts, rowid, body, conv)
        VALUES ('delete', old.id, old.body, hex(old.conversation_id));
END;
CREATE TRIGGER messages_fts_update AFTER UPDATE OF body, conversation_id ON messages BEGIN
    INSERT INTO messages_fts(messages_fts, rowid, body, conv)
        VALUES ('delete', old.id, old.body, hex(old.conversation_id));
    INSERT INTO messages_fts(rowid, body, conv)
        VALUES (new.id, new.body, hex(new.conversation_id));
END;

-- Index the messages already stored (their old index went with the old table).
INSERT INTO messages_fts(messages_fts) VALUES ('rebuild');

-- File names in one conversation: attachments know their conversation, so the search
-- reads only its attachments. Walking the conversation's messages instead reads every
-- message row of it (69 ms for 5 000 among 1 M, pages scattered); scanning every
-- attachment and joining each to its message took 58 ms among 10 000 files.
-- A trigger fills the column, so every way an attachment is stored keeps it right.
ALTER TABLE attachments ADD COLUMN conversation_id TEXT;
UPDATE attachments SET conversation_id =
    (SELECT m.conversation_id FROM messages m WHERE m.message_id = attachments.message_id);
CREATE INDEX attachments_by_conversation ON attachments(conversation_id);
CREATE TRIGGER attachments_conversation AFTER INSERT ON attachments BEGIN
    UPDATE attachments SET conversation_id =
        (SELECT m.conversation_id FROM messages m WHERE m.message_id = new.message_id)
    WHERE rowid = new.rowid;
END;
