-- Schema 5: who has received, read or acknowledged a message (end-to-end receipts).
--
-- One row per (message, person, kind). ``acknowledged`` is the answer to an urgent
-- message and is always sent; ``delivered`` and ``read`` only when receipts are on.
-- Rows go with their message (retention, purge) through the foreign key.
CREATE TABLE receipts (
    message_id TEXT NOT NULL REFERENCES messages(message_id) ON DELETE CASCADE,
    uid        TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('delivered', 'read', 'acknowledged')),
    at         INTEGER NOT NULL,
    PRIMARY KEY (message_id, uid, kind)
) STRICT, WITHOUT ROWID;
