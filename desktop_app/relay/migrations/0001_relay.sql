-- Relay schema 1. The relay stores ciphertext and routing facts only, never content.
-- Times are integer milliseconds since the Unix epoch (UTC).

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE devices (
    device_id   TEXT PRIMARY KEY,
    uid         TEXT NOT NULL,
    device_name TEXT NOT NULL DEFAULT '',
    certificate BLOB NOT NULL,             -- DER, issued at enrollment
    serial      TEXT NOT NULL,             -- certificate serial, for the revocation list
    enrolled_at INTEGER NOT NULL,
    revoked_at  INTEGER,
    last_seen   INTEGER
) STRICT;
CREATE INDEX devices_by_uid ON devices(uid);

-- Only the SHA-256 of a code's secret is kept; a code is good once and until expiry.
CREATE TABLE enrollment_codes (
    secret_hash BLOB PRIMARY KEY,
    uid         TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    used_at     INTEGER,
    used_by     TEXT
) STRICT;

CREATE TABLE one_time_keys (
    device_id TEXT NOT NULL REFERENCES devices(device_id) ON DELETE CASCADE,
    key_id    TEXT NOT NULL,
    key       TEXT NOT NULL,
    signature BLOB NOT NULL,               -- the device's Ed25519 signature over the key
    PRIMARY KEY (device_id, key_id)
) STRICT;

CREATE TABLE fallback_keys (
    device_id TEXT PRIMARY KEY REFERENCES devices(device_id) ON DELETE CASCADE,
    key_id    TEXT NOT NULL,
    key       TEXT NOT NULL,
    signature BLOB NOT NULL
) STRICT;

-- One row per accepted envelope; payload is NULL once every recipient acked. The row
-- stays until expiry so a resend with the same id is recognised as a duplicate.
CREATE TABLE envelopes (
    id            INTEGER PRIMARY KEY,
    sender_device TEXT NOT NULL,
    envelope_id   TEXT NOT NULL,
    sender_uid    TEXT NOT NULL,
    payload       BLOB,
    received_at   INTEGER NOT NULL,
    expires_at    INTEGER NOT NULL,
    UNIQUE (sender_device, envelope_id)
) STRICT;
CREATE INDEX envelopes_by_expiry ON envelopes(expires_at);

CREATE TABLE mailbox (
    device_id      TEXT NOT NULL,
    envelope       INTEGER NOT NULL REFERENCES envelopes(id) ON DELETE CASCADE,
    device_payload BLOB,
    PRIMARY KEY (device_id, envelope)
) STRICT, WITHOUT ROWID;
CREATE INDEX mailbox_by_envelope ON mailbox(envelope);

CREATE TABLE blobs (
    blob_id      TEXT PRIMARY KEY,
    owner_device TEXT NOT NULL,
    total_size   INTEGER NOT NULL,
    received     INTEGER NOT NULL DEFAULT 0,
    sha256       TEXT,                     -- of the ciphertext, set when complete
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL
) STRICT;

CREATE TABLE revocations (
    number INTEGER PRIMARY KEY,            -- CRL number, increasing
    crl    BLOB NOT NULL,                  -- signed by the issuing key
    issued INTEGER NOT NULL
) STRICT;
