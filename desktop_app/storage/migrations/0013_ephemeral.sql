-- Schema 13: disappearing messages (issue 17).
--
-- ephemeral: a conversation's setting as its members last set it (hours after reading,
-- NULL = off), with the version it came with, so an older setting arriving late loses.
-- messages.read_at: when this PC's owner first saw the message (the conversation was
-- opened, or the headless client printed it); the clock for disappearing messages
-- starts there. The owner's own messages count as read when sent.
CREATE TABLE ephemeral (
    conversation_id TEXT PRIMARY KEY REFERENCES conversations(conversation_id)
        ON DELETE CASCADE,
    hours           INTEGER CHECK (hours IS NULL OR hours > 0),
    version         INTEGER NOT NULL CHECK (version > 0),
    set_by          TEXT NOT NULL,
    changed_ms      INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

ALTER TABLE messages ADD COLUMN read_at INTEGER;
CREATE INDEX messages_read_at ON messages(conversation_id, read_at) WHERE read_at IS NOT NULL;
