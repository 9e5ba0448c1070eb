-- Relay schema 5: offline issuing. A device that redeemed a valid code waits here until
-- IT signs its certificate on the admin workstation and imports it; its next enrollment
-- attempt (same code, device id and keys) then picks the certificate up, and the row goes.

CREATE TABLE pending_enrollments (
    secret_hash    BLOB PRIMARY KEY,          -- the code this device presented (hash)
    uid            TEXT NOT NULL,             -- the person IT issued the code for
    device_id      TEXT NOT NULL UNIQUE,
    device_name    TEXT NOT NULL,
    ed25519        TEXT NOT NULL,             -- vodozemac base64, as in Enroll
    curve25519     TEXT NOT NULL,
    code_issued_at INTEGER NOT NULL,
    requested_at   INTEGER NOT NULL,
    certificate    BLOB,                      -- set by `relay import-certificates`
    serial         TEXT
) STRICT;
