-- Relay schema 6: after delivery keep only what duplicate detection needs.
--
-- Once every recipient acknowledged an envelope its row (sender device, sender uid,
-- times) is deleted; what remains is an HMAC of (sender device, envelope id) under a
-- relay-local secret and the hour of delivery, for the dedupe window (relay.json
-- "dedupe_days", default 7). A resend within the window is still recognised; the row
-- names no sender, device or envelope id that could be read back.
CREATE TABLE delivered (
    dedupe_key   BLOB PRIMARY KEY,          -- HMAC-SHA256(meta dedupe_secret, device NUL id)
    delivered_at INTEGER NOT NULL           -- rounded down to the hour
) STRICT, WITHOUT ROWID;
CREATE INDEX delivered_by_time ON delivered(delivered_at);

INSERT OR IGNORE INTO meta(key, value) VALUES ('dedupe_secret', lower(hex(randomblob(32))));

-- Envelope rows are now deleted, so SQLite would hand out a freed id again; a delivery
-- pages by id (``e.id > after_row``), so ids must only grow: the last one is kept here.
INSERT OR IGNORE INTO meta(key, value)
    SELECT 'envelope_rows', CAST(coalesce(max(id), 0) AS TEXT) FROM envelopes;

-- A blob goes once every recipient device fetched it to the end (an hour's grace for a
-- client that crashed while saving it), or at expiry.
ALTER TABLE blob_readers ADD COLUMN fetched_at INTEGER;
