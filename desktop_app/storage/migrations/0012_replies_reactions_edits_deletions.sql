-- Schema 12: replies, reactions, edits (with history), delete-for-everyone tombstones,
-- and message events held until the message they name arrives (issue 13).
--
-- A reply names its original by id (no foreign key: the original may arrive later or be
-- deleted). An edited message keeps its current text in messages.body (so the FTS index
-- follows it) and every version in message_versions. A message deleted for everyone is
-- purged (storage/purge.py) and replaced in the same transaction by a tombstone row with
-- the same id: kind 'system', a structured body "deleted by X at HH:MM", deleted_at set.
-- Reactions, versions and held events go with their message or conversation (cascade).
ALTER TABLE messages ADD COLUMN reply_to TEXT;
ALTER TABLE messages ADD COLUMN edited_at INTEGER;
ALTER TABLE messages ADD COLUMN deleted_at INTEGER;

CREATE TABLE message_versions (
    message_id  TEXT NOT NULL REFERENCES messages(message_id) ON DELETE CASCADE,
    version_id  TEXT NOT NULL,  -- '' for the original text, else the edit's id
    text        TEXT NOT NULL,
    at_ms       INTEGER NOT NULL,
    PRIMARY KEY (message_id, version_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE reactions (
    message_id  TEXT NOT NULL REFERENCES messages(message_id) ON DELETE CASCADE,
    uid         TEXT NOT NULL,
    emoji       TEXT NOT NULL,
    at_ms       INTEGER NOT NULL,
    PRIMARY KEY (message_id, uid)
) STRICT, WITHOUT ROWID;

CREATE TABLE held_message_events (
    id              INTEGER PRIMARY KEY,
    conversation_id TEXT NOT NULL REFERENCES conversations(conversation_id)
        ON DELETE CASCADE,
    target_id       TEXT NOT NULL,
    sender_uid      TEXT NOT NULL,
    sender_device   TEXT NOT NULL,
    content         BLOB NOT NULL,  -- the decrypted, validated event as it came
    received_at     INTEGER NOT NULL
) STRICT;
CREATE INDEX held_message_events_target ON held_message_events(target_id);
