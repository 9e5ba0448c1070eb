-- Relay schema 3: storage quotas, acks keyed by (sender device, envelope id), blob readers.
--
-- Each mailbox row now names its sender device and the bytes it costs the recipient
-- (shared payload + its own per-device part), so the quota counters below can be kept
-- exact by triggers on every path that adds or removes mail (accept, ack, expiry).

ALTER TABLE mailbox ADD COLUMN sender_device TEXT NOT NULL DEFAULT '';
ALTER TABLE mailbox ADD COLUMN size INTEGER NOT NULL DEFAULT 0;

UPDATE mailbox SET
    sender_device = (SELECT e.sender_device FROM envelopes e WHERE e.id = mailbox.envelope),
    size = coalesce((SELECT length(e.payload) FROM envelopes e WHERE e.id = mailbox.envelope), 0)
        + coalesce(length(device_payload), 0);

-- Pending mail per (recipient device, sender device): envelopes and bytes.
CREATE TABLE mailbox_usage (
    device_id     TEXT NOT NULL,
    sender_device TEXT NOT NULL,
    envelopes     INTEGER NOT NULL,
    bytes         INTEGER NOT NULL,
    PRIMARY KEY (device_id, sender_device)
) STRICT, WITHOUT ROWID;
CREATE INDEX mailbox_usage_by_sender ON mailbox_usage(sender_device);

INSERT INTO mailbox_usage(device_id, sender_device, envelopes, bytes)
    SELECT device_id, sender_device, count(*), sum(size) FROM mailbox
    GROUP BY device_id, sender_device;

CREATE TRIGGER mailbox_usage_add AFTER INSERT ON mailbox BEGIN
    INSERT INTO mailbox_usage(device_id, sender_device, envelopes, bytes)
        VALUES (NEW.device_id, NEW.sender_device, 1, NEW.size)
        ON CONFLICT(device_id, sender_device) DO UPDATE SET
            envelopes = envelopes + 1, bytes = bytes + excluded.bytes;
END;

CREATE TRIGGER mailbox_usage_remove AFTER DELETE ON mailbox BEGIN
    UPDATE mailbox_usage SET envelopes = envelopes - 1, bytes = bytes - OLD.size
        WHERE device_id = OLD.device_id AND sender_device = OLD.sender_device;
    DELETE FROM mailbox_usage
        WHERE device_id = OLD.device_id AND sender_device = OLD.sender_device
        AND envelopes <= 0;
END;

-- Blob quotas add up a device's blobs.
CREATE INDEX blobs_by_owner ON blobs(owner_device);

-- Who may download a blob besides its uploader: the recipient devices of an envelope
-- from the uploader that named the blob (SendEnvelope.blob_ids).
CREATE TABLE blob_readers (
    blob_id   TEXT NOT NULL REFERENCES blobs(blob_id) ON DELETE CASCADE,
    device_id TEXT NOT NULL,
    PRIMARY KEY (blob_id, device_id)
) STRICT, WITHOUT ROWID;
