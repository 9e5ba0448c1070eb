-- Relay schema 5 on PostgreSQL (as migrations/0005_pending_enrollments.sql): offline issuing.

CREATE TABLE pending_enrollments (
    secret_hash    BYTEA PRIMARY KEY,
    uid            TEXT NOT NULL,
    device_id      TEXT NOT NULL UNIQUE,
    device_name    TEXT NOT NULL,
    ed25519        TEXT NOT NULL,
    curve25519     TEXT NOT NULL,
    code_issued_at BIGINT NOT NULL,
    requested_at   BIGINT NOT NULL,
    certificate    BYTEA,
    serial         TEXT
);
