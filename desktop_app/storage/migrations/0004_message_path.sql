-- Schema 4: what the end-to-end message path needs on the client.

-- Group state version: a membership change older than the one we have is ignored.
ALTER TABLE conversations ADD COLUMN state_version INTEGER NOT NULL DEFAULT 0;

-- Envelopes already handled, so a redelivery is dropped before decrypting. Pruned
-- after the retention period, like the relay forgets them.
CREATE TABLE received_envelopes (
    sender_device TEXT NOT NULL,
    envelope_id   TEXT NOT NULL,
    received_at   INTEGER NOT NULL,
    PRIMARY KEY (sender_device, envelope_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX received_envelopes_by_age ON received_envelopes(received_at);

-- Group messages whose room key has not arrived yet (ciphertext only); retried when
-- the key for ``session_id`` comes.
CREATE TABLE held_envelopes (
    sender_device TEXT NOT NULL,
    envelope_id   TEXT NOT NULL,
    sender_uid    TEXT NOT NULL,
    received_at   INTEGER NOT NULL,
    session_id    TEXT NOT NULL,
    payload       BLOB NOT NULL,
    PRIMARY KEY (sender_device, envelope_id)
) STRICT;
CREATE INDEX held_envelopes_by_session ON held_envelopes(session_id);
