-- Schema 6: devices whose safety number the owner compared in person.
--
-- One row per peer device: the outcome of the last comparison, the Ed25519 key that was
-- compared, who compared on which of their devices, and when. A confirmation counts
-- only while the device still has that key (services check it), so a changed key, and
-- any device that arrives later, shows as not confirmed. 'mismatch' keeps the warning
-- visible until IT has looked at it. Rows go with their device.
CREATE TABLE device_confirmations (
    device_id TEXT PRIMARY KEY REFERENCES peer_devices(device_id) ON DELETE CASCADE,
    uid       TEXT NOT NULL,
    ed25519   TEXT NOT NULL,
    outcome   TEXT NOT NULL CHECK (outcome IN ('match', 'mismatch')),
    by_uid    TEXT NOT NULL,
    by_device TEXT NOT NULL,
    at        INTEGER NOT NULL
) STRICT;
