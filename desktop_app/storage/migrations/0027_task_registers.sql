-- Schema 27: each task field's winning value is kept, so a change merges in place.
--
-- Until now every arriving change re-read and re-merged all earlier changes of its
-- task: a member's modified client sending changes to one task made each receiver's
-- work grow with the square of their number (400 changes of 50 checklist items took
-- 52 s on every member's PC, and the 2,000th alone about a second). task_fields holds
-- domain/tasks.py's registers (the value and the stamp that won each field); a task
-- stored before this schema is merged from its log once, at its next change
-- (storage/sql_tasks.py). The clock index answers "highest clock seen here" without
-- reading the conversation's whole log.
CREATE TABLE task_fields (
    conversation_id TEXT NOT NULL REFERENCES conversations(conversation_id) ON DELETE CASCADE,
    task_id         TEXT NOT NULL,
    name            TEXT NOT NULL,
    value           TEXT NOT NULL,  -- JSON
    clock           INTEGER NOT NULL,
    device          TEXT NOT NULL,
    change_id       TEXT NOT NULL,
    by_uid          TEXT NOT NULL,
    at_ms           INTEGER NOT NULL,
    PRIMARY KEY (conversation_id, task_id, name)
) STRICT, WITHOUT ROWID;
CREATE INDEX task_changes_by_clock ON task_changes(conversation_id, clock);
