-- Relay schema 6 on PostgreSQL (as migrations/0006_lean_delivery_metadata.sql): after
-- delivery keep only an HMAC of (sender device, envelope id) and the hour.
CREATE TABLE delivered (
    dedupe_key   BYTEA PRIMARY KEY,
    delivered_at BIGINT NOT NULL
);
CREATE INDEX delivered_by_time ON delivered(delivered_at);

-- 256 random bits from two version-4 UUIDs (pg_strong_random, no extension needed):
-- 244 of their bits are random, as many as the HMAC needs.
INSERT INTO meta(key, value) VALUES ('dedupe_secret',
    replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''))
    ON CONFLICT DO NOTHING;

INSERT INTO meta(key, value)
    SELECT 'envelope_rows', CAST(coalesce(max(id), 0) AS TEXT) FROM envelopes
    ON CONFLICT DO NOTHING;

ALTER TABLE blob_readers ADD COLUMN fetched_at BIGINT;
