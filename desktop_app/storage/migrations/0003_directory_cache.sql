-- Schema 3: the verified copy of the organisation's staff directory (never the OS
-- address book) and the person's own contacts.

CREATE TABLE directory_entries (
    uid         TEXT PRIMARY KEY,
    entry       TEXT NOT NULL,            -- JSON of the signed directory entry
    search_text TEXT NOT NULL,            -- folded names, title, department, ward, roles
    updated_at  INTEGER NOT NULL
) STRICT;

CREATE TABLE directory_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE contacts (
    uid      TEXT PRIMARY KEY,
    note     TEXT NOT NULL DEFAULT '',
    added_at INTEGER NOT NULL
) STRICT;
