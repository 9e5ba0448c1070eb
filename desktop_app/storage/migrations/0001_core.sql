-- Schema 1: identity, peers, conversations, messages and their full-text index.
-- Times are integer milliseconds since the Unix epoch (UTC).

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- vodozemac Account, Olm and Megolm sessions, pickled under the container's pickle key.
CREATE TABLE crypto_pickles (
    kind       TEXT NOT NULL,           -- 'account', 'olm', 'megolm-out', 'megolm-in', ...
    name       TEXT NOT NULL,
    pickle     BLOB NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (kind, name)
) STRICT;

CREATE TABLE peers (
    uid          TEXT PRIMARY KEY,
    display_name TEXT NOT NULL,
    title        TEXT NOT NULL DEFAULT '',
    department   TEXT NOT NULL DEFAULT '',
    ward         TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE peer_devices (
    device_id   TEXT PRIMARY KEY,
    uid         TEXT NOT NULL REFERENCES peers(uid) ON DELETE CASCADE,
    curve25519  TEXT NOT NULL,
    ed25519     TEXT NOT NULL,
    certificate BLOB,
    verified    INTEGER NOT NULL DEFAULT 0,
    revoked     INTEGER NOT NULL DEFAULT 0,
    first_seen  INTEGER NOT NULL
) STRICT;
CREATE INDEX peer_devices_by_uid ON peer_devices(uid);

CREATE TABLE conversations (
    conversation_id TEXT PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('direct', 'group')),
    title           TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    last_activity   INTEGER NOT NULL,
    unread          INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX conversations_by_activity ON conversations(last_activity DESC);

CREATE TABLE members (
    conversation_id TEXT NOT NULL REFERENCES conversations(conversation_id) ON DELETE CASCADE,
    uid             TEXT NOT NULL,
    role            TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'admin')),
    added_at        INTEGER NOT NULL,
    PRIMARY KEY (conversation_id, uid)
) STRICT;

CREATE TABLE messages (
    id              INTEGER PRIMARY KEY,   -- rowid, also the FTS content rowid
    message_id      TEXT NOT NULL UNIQUE,
    conversation_id TEXT NOT NULL REFERENCES conversations(conversation_id) ON DELETE CASCADE,
    sender_uid      TEXT NOT NULL,
    sender_device   TEXT,
    kind            TEXT NOT NULL DEFAULT 'text' CHECK (kind IN ('text', 'system')),
    body            TEXT NOT NULL,
    sent_at         INTEGER NOT NULL,
    received_at     INTEGER,
    state           TEXT NOT NULL,
    urgent          INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX messages_page ON messages(conversation_id, sent_at DESC, id DESC);
CREATE INDEX messages_by_age ON messages(sent_at);

-- External-content FTS5 over message bodies; 'secure-delete' removes a deleted row's
-- terms from the index at once, so purged text leaves no trace in index pages.
CREATE VIRTUAL TABLE messages_fts USING fts5(
    body,
    content = 'messages',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO messages_fts(messages_fts, rank) VALUES ('secure-delete', 1);

CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
    INSERT INTO messages_fts(rowid, body) VALUES (new.id, new.body);
END;
CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
    INSERT INTO messages_fts(messages_fts, rowid, body) VALUES ('delete', old.id, old.body);
END;
CREATE TRIGGER messages_fts_update AFTER UPDATE OF body ON messages BEGIN
    INSERT INTO messages_fts(messages_fts, rowid, body) VALUES ('delete', old.id, old.body);
    INSERT INTO messages_fts(rowid, body) VALUES (new.id, new.body);
END;
