-- Schema 9: the local export log (docs/privacy.md, Exports). Append-only: every export of
-- messages to a PDF or a FHIR Bundle for the patient record, who did it, what (the
-- conversation, one message or all, how many), when and where to. Kept with the
-- container (deleted with it); the relay audit only learns that an export happened.

CREATE TABLE export_log (
    id              INTEGER PRIMARY KEY,
    exported_at     INTEGER NOT NULL,          -- ms since the epoch, UTC
    uid             TEXT NOT NULL,
    device_id       TEXT NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('pdf', 'fhir')),
    conversation_id TEXT NOT NULL,
    message_id      TEXT,                      -- NULL: the whole conversation
    messages        INTEGER NOT NULL CHECK (messages >= 0),
    destination     TEXT NOT NULL
);

CREATE TRIGGER export_log_no_update BEFORE UPDATE ON export_log
BEGIN SELECT RAISE(ABORT, 'the export log is append-only'); END;
