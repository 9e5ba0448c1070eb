-- Schema 18: a conversation's team files, documents with versions (issue 14;
-- services/documents.py holds the receiver rules).
--
-- A document belongs to the conversation it was first seen in (forever); its name and
-- folder are those of its latest version. Each version keeps where its encrypted body
-- lies on the relay (blob_id, key) and, once fetched or uploaded here, the local body
-- file in the blob store. vouched_by is NULL when Megolm proved the author sent the
-- version, else the member who shared it with us when we joined.
-- Documents are not pruned by message retention: they go with their conversation.
CREATE TABLE documents (
    document_id     TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL REFERENCES conversations(conversation_id) ON DELETE CASCADE,
    folder          TEXT NOT NULL,
    name            TEXT NOT NULL,
    latest          INTEGER NOT NULL CHECK (latest > 0)
) STRICT, WITHOUT ROWID;
CREATE INDEX documents_by_name ON documents(conversation_id, folder, name);

CREATE TABLE document_versions (
    document_id TEXT NOT NULL REFERENCES documents(document_id) ON DELETE CASCADE,
    version     INTEGER NOT NULL CHECK (version > 0),
    name        TEXT NOT NULL,
    folder      TEXT NOT NULL,
    blob_id     TEXT NOT NULL,
    key         BLOB NOT NULL,
    sha256      TEXT NOT NULL,
    size        INTEGER NOT NULL CHECK (size >= 0),
    author      TEXT NOT NULL,
    at_ms       INTEGER NOT NULL,
    vouched_by  TEXT,
    body_file   TEXT,
    PRIMARY KEY (document_id, version)
) STRICT, WITHOUT ROWID;
