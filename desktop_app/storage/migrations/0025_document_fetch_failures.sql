-- Schema 25: why a team document body could not be fetched (services/documents.py).
--
-- A version whose fetch failed is marked "not available on this PC" in the Files tab;
-- the reason (the relay no longer has it, it could not provide it, or the body arrived
-- damaged) was known only to the failure's error message, so after the app restarted
-- the mark no longer said why. The reason's key is kept with the failure and cleared
-- with it when the body comes (storage/sql_documents.py). Versions that failed before
-- schema 25 have none (the Files tab then says only that the download failed).
ALTER TABLE document_versions ADD COLUMN fetch_failure TEXT
    CHECK (fetch_failure IN ('gone_from_relay', 'not_on_relay', 'damaged'));
