-- Schema 10: the unsent text typed into each conversation's composer.
--
-- Kept in the container (encrypted like every message) so that a draft survives the
-- lock, which deletes every view, and a restart. One row per conversation; it goes with
-- the conversation (deleted from this PC, purged) through the foreign key.
CREATE TABLE drafts (
    conversation_id TEXT PRIMARY KEY REFERENCES conversations(conversation_id)
        ON DELETE CASCADE,
    text            TEXT NOT NULL CHECK (length(text) > 0),
    updated_at      INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
