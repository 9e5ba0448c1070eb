-- Schema 24: which device gave each group session's key (services/incoming.py).
--
-- A room key comes over Olm from any colleague (the relay lists anyone's devices, no
-- conversation is needed), and each is kept until retention: a modified client could send
-- keys for made-up conversations without end and fill the PC's disk. A session whose key
-- came from a device is recorded here (sessions from before schema 24 are not), so the
-- keys a device gave that never decrypted a message can be counted and bounded
-- (storage/sql_inbox.py). The row goes with its session (storage/purge.py).
CREATE TABLE room_key_origins (
    session_id    TEXT PRIMARY KEY,
    sender_device TEXT NOT NULL,
    received_at   INTEGER NOT NULL
) STRICT;
CREATE INDEX room_key_origins_by_device ON room_key_origins(sender_device);
