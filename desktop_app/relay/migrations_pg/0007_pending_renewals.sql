-- Relay schema 7 on PostgreSQL (as migrations/0007_pending_renewals.sql): renewals
-- waiting for IT's offline signature.
CREATE TABLE pending_renewals (
    device_id    TEXT PRIMARY KEY,
    uid          TEXT NOT NULL,
    device_name  TEXT NOT NULL,
    ed25519      TEXT NOT NULL,
    curve25519   TEXT NOT NULL,
    requested_at BIGINT NOT NULL,
    certificate  BYTEA,
    serial       TEXT
);
