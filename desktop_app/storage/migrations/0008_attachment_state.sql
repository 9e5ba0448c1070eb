-- Schema 8: a received attachment whose download failed (too large, damaged, missing on
-- the relay) is kept as a row marked 'failed', so its message shows and can be re-fetched.
-- A failed row keeps file_key and remote_ref (what a retry needs) and has no body_file.

ALTER TABLE attachments ADD COLUMN state TEXT NOT NULL DEFAULT 'stored'
    CHECK (state IN ('stored', 'failed'));
ALTER TABLE attachments ADD COLUMN failure TEXT;
