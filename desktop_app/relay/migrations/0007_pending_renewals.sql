-- Relay schema 7: offline issuing renews devices through IT as well. A device that asks
-- for renewal (RenewCertificate, within its renewal window) while this relay holds no
-- key that may certify devices is queued here; IT exports it with the pending
-- enrollments, signs the SAME keys on the admin workstation and imports the
-- certificate; the device's next RenewCertificate picks it up and the row goes.
CREATE TABLE pending_renewals (
    device_id    TEXT PRIMARY KEY,
    uid          TEXT NOT NULL,
    device_name  TEXT NOT NULL,
    ed25519      TEXT NOT NULL,
    curve25519   TEXT NOT NULL,
    requested_at INTEGER NOT NULL,
    certificate  BLOB,                        -- set by `relay import-certificates`
    serial       TEXT
) STRICT;
