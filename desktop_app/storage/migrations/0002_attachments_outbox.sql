-- Schema 2: attachments (bodies as encrypted files beside the database) and the outbox.

CREATE TABLE attachments (
    attachment_id TEXT PRIMARY KEY,
    message_id    TEXT NOT NULL REFERENCES messages(message_id) ON DELETE CASCADE,
    file_name     TEXT NOT NULL,
    mime_type     TEXT NOT NULL,
    size          INTEGER NOT NULL,
    sha256        TEXT NOT NULL,          -- hex digest of the plaintext
    file_key      BLOB,                   -- secretstream key of the local body file
    body_file     TEXT,                   -- name under blobs/; NULL until downloaded
    remote_ref    TEXT,                   -- relay blob id, key and hash travel in the E2E message
    created_at    INTEGER NOT NULL
) STRICT;
CREATE INDEX attachments_by_message ON attachments(message_id);

-- Envelopes not yet acknowledged by the relay. The payload is already end-to-end
-- encrypted; the outbox only keeps it until the relay's ack.
CREATE TABLE outbox (
    envelope_id     TEXT PRIMARY KEY,
    message_id      TEXT,
    recipients      TEXT NOT NULL,        -- JSON list of device ids
    payload         BLOB NOT NULL,
    created_at      INTEGER NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL
) STRICT;
CREATE INDEX outbox_due ON outbox(next_attempt_at);
