-- Schema 15: pinned messages (issue 13). Any member pins or unpins a message of the
-- conversation; of two changes to one message's pin the later (at_ms, then uid) wins.
-- Unpinned rows are kept (pinned = 0) so an older "pin" arriving late cannot bring a
-- pin back. The chat shows the 3 most recently pinned at the top.
CREATE TABLE pins (
    message_id  TEXT PRIMARY KEY REFERENCES messages(message_id) ON DELETE CASCADE,
    pinned      INTEGER NOT NULL CHECK (pinned IN (0, 1)),
    by_uid      TEXT NOT NULL,
    at_ms       INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
