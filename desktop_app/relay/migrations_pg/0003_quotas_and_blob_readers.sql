-- Relay schema 3 on PostgreSQL (as migrations/0003_quotas_and_blob_readers.sql):
-- storage quotas kept exact by triggers, acks by (sender device, envelope id), blob readers.

ALTER TABLE mailbox ADD COLUMN sender_device TEXT NOT NULL DEFAULT '';
ALTER TABLE mailbox ADD COLUMN size BIGINT NOT NULL DEFAULT 0;

UPDATE mailbox SET
    sender_device = (SELECT e.sender_device FROM envelopes e WHERE e.id = mailbox.envelope),
    size = coalesce((SELECT length(e.payload) FROM envelopes e WHERE e.id = mailbox.envelope), 0)
        + coalesce(length(device_payload), 0);

CREATE TABLE mailbox_usage (
    device_id     TEXT NOT NULL,
    sender_device TEXT NOT NULL,
    envelopes     BIGINT NOT NULL,
    bytes         BIGINT NOT NULL,
    PRIMARY KEY (device_id, sender_device)
);
CREATE INDEX mailbox_usage_by_sender ON mailbox_usage(sender_device);

INSERT INTO mailbox_usage(device_id, sender_device, envelopes, bytes)
    SELECT device_id, sender_device, count(*), sum(size) FROM mailbox
    GROUP BY device_id, sender_device;

CREATE FUNCTION mailbox_usage_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO mailbox_usage(device_id, sender_device, envelopes, bytes)
        VALUES (NEW.device_id, NEW.sender_device, 1, NEW.size)
        ON CONFLICT(device_id, sender_device) DO UPDATE SET
            envelopes = mailbox_usage.envelopes + 1,
            bytes = mailbox_usage.bytes + excluded.bytes;
    RETURN NULL;
END;
$$;
CREATE TRIGGER mailbox_usage_add AFTER INSERT ON mailbox
    FOR EACH ROW EXECUTE FUNCTION mailbox_usage_add();

CREATE FUNCTION mailbox_usage_remove() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE mailbox_usage SET envelopes = envelopes - 1, bytes = bytes - OLD.size
        WHERE device_id = OLD.device_id AND sender_device = OLD.sender_device;
    DELETE FROM mailbox_usage
        WHERE device_id = OLD.device_id AND sender_device = OLD.sender_device
        AND envelopes <= 0;
    RETURN NULL;
END;
$$;
CREATE TRIGGER mailbox_usage_remove AFTER DELETE ON mailbox
    FOR EACH ROW EXECUTE FUNCTION mailbox_usage_remove();

CREATE INDEX blobs_by_owner ON blobs(owner_device);

CREATE TABLE blob_readers (
    blob_id   TEXT NOT NULL REFERENCES blobs(blob_id) ON DELETE CASCADE,
    device_id TEXT NOT NULL,
    PRIMARY KEY (blob_id, device_id)
);
