-- Schema 11: a conversation's tasks and duty calendar (issue 14; domain/tasks.py and
-- domain/calendar.py hold the merge rules).
--
-- task_changes is the source of truth: every change any member made, as it arrived
-- (fields as JSON), so a task can be merged again whatever order changes came in.
-- tasks is the merged view, rewritten from a task's changes when one arrives, so "my
-- tasks" is one indexed query. A task's changes may arrive before its creation: then
-- they wait in task_changes and the task has no row yet.
-- calendar_versions keeps the winning version of each event (deletions included, so an
-- older edit arriving later cannot revive a deleted event).
-- Everything goes with its conversation through the foreign keys.
CREATE TABLE task_changes (
    change_id       TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL REFERENCES conversations(conversation_id) ON DELETE CASCADE,
    task_id         TEXT NOT NULL,
    author_uid      TEXT NOT NULL,
    author_device   TEXT NOT NULL,
    clock           INTEGER NOT NULL CHECK (clock > 0),
    at_ms           INTEGER NOT NULL,
    fields          TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX task_changes_by_task ON task_changes(conversation_id, task_id);

CREATE TABLE tasks (
    task_id         TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL REFERENCES conversations(conversation_id) ON DELETE CASCADE,
    title           TEXT NOT NULL,
    assignee        TEXT,
    due_ms          INTEGER,
    priority        TEXT NOT NULL,
    state           TEXT NOT NULL,
    state_by        TEXT NOT NULL,
    state_at_ms     INTEGER NOT NULL,
    clock           INTEGER NOT NULL,
    view            TEXT NOT NULL  -- the whole merged task as JSON (notes, items, ...)
) STRICT, WITHOUT ROWID;
CREATE INDEX tasks_by_assignee ON tasks(assignee, state);
CREATE INDEX tasks_by_conversation ON tasks(conversation_id, state);

CREATE TABLE calendar_versions (
    event_id        TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL REFERENCES conversations(conversation_id) ON DELETE CASCADE,
    clock           INTEGER NOT NULL,
    device          TEXT NOT NULL,
    change_id       TEXT NOT NULL,
    by_uid          TEXT NOT NULL,
    start_ms        INTEGER NOT NULL,
    end_ms          INTEGER NOT NULL,
    recurring       INTEGER NOT NULL CHECK (recurring IN (0, 1)),
    deleted         INTEGER NOT NULL CHECK (deleted IN (0, 1)),
    duty_role       TEXT,
    event           TEXT NOT NULL  -- the whole event as JSON
) STRICT, WITHOUT ROWID;
CREATE INDEX calendar_by_conversation ON calendar_versions(conversation_id, deleted);
CREATE INDEX calendar_by_role ON calendar_versions(duty_role) WHERE duty_role IS NOT NULL;
