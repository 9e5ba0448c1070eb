-- Schema 23: team document bodies (services/documents.py, docs/teamwork.md "Team files").
--
-- A body that could not be fetched is remembered per version (how many tries, when the
-- last failed, ms), so it is tried again after a back-off instead of on every later
-- version: a member's versions naming blobs that do not exist made each new version ask
-- the relay for all of them again. Versions that name the same body (same key, SHA-256
-- and size) share one body file: the index finds it without a second download, and a
-- conversation's deletion keeps the files another conversation's versions still use
-- (storage/purge.py).
ALTER TABLE document_versions ADD COLUMN fetch_tries INTEGER NOT NULL DEFAULT 0
    CHECK (fetch_tries >= 0);
ALTER TABLE document_versions ADD COLUMN fetch_failed_at INTEGER;
CREATE INDEX document_versions_by_body ON document_versions(sha256);
CREATE INDEX document_versions_by_file ON document_versions(body_file)
    WHERE body_file IS NOT NULL;
