-- Relay schema 2: the organisation's staff directory, versioned for incremental fetch.
-- Each entry row holds the canonical signed bytes (desktop_app/directory/snapshot.py);
-- a removed entry stays as a tombstone (entry NULL) so clients learn of the removal.

CREATE TABLE directory_entries (
    uid     TEXT PRIMARY KEY,
    entry   BLOB,                      -- canonical msgpack; NULL once removed
    version INTEGER NOT NULL           -- directory version of the last change
) STRICT;
CREATE INDEX directory_entries_by_version ON directory_entries(version, uid);

-- One signed header per version: count and digest of the whole set at that version.
CREATE TABLE directory_versions (
    version    INTEGER PRIMARY KEY,
    created_at INTEGER NOT NULL,
    header     BLOB NOT NULL,
    signature  BLOB NOT NULL,
    source     TEXT NOT NULL,          -- "import staff.csv", "ldap ldap://...", "takeover"
    added      INTEGER NOT NULL,
    changed    INTEGER NOT NULL,
    removed    INTEGER NOT NULL
) STRICT;

-- Who held a functional account when, and who set it: visible to IT and the clients.
CREATE TABLE role_handovers (
    id         INTEGER PRIMARY KEY,
    role_uid   TEXT NOT NULL,
    holders    TEXT NOT NULL,           -- JSON list of uids after the change
    set_by     TEXT NOT NULL,           -- "it" or the uid that took the role over
    at         INTEGER NOT NULL,
    version    INTEGER NOT NULL
) STRICT;
CREATE INDEX role_handovers_by_role ON role_handovers(role_uid, id);
