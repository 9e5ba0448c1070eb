"""Tasks in the container: the change log and the merged view (schema 11).

``add_change`` stores a change (once: a redelivered change id changes nothing), merges
it into its task's registers (schema 27: each field's winning value and stamp) with
``domain.tasks``'s rule and rewrites the task's row, in one transaction, so the view
never disagrees with the log. A change costs the fields of its task, not its history:
merging every earlier change again made a member's modified client's flood of changes
cost each receiver the square of their number. A task whose registers are not kept yet
(its first change, or a task from before schema 27) is merged from its log once.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict

import msgspec

from desktop_app.domain.tasks import (
    Stamp,
    Task,
    TaskChange,
    TaskRegisters,
    TaskState,
    Written,
)
from desktop_app.storage.database import Cursor, Database


class SqlTaskStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    def add_change(self, conversation_id: str, change: TaskChange) -> Task | None:
        """Store and merge one change; the task as it now stands (None: not created yet,
        or the change was known already and nothing changed)."""
        with self._db.transaction() as cur:
            added = cur.execute(
                "INSERT OR IGNORE INTO task_changes(change_id, conversation_id, task_id, "
                "author_uid, author_device, clock, at_ms, fields) VALUES (?,?,?,?,?,?,?,?)",
                (
                    change.change_id,
                    conversation_id,
                    change.task_id,
                    change.author_uid,
                    change.author_device,
                    change.clock,
                    change.at_ms,
                    json.dumps(dict(change.fields), ensure_ascii=False, sort_keys=True),
                ),
            )
            if not added:
                return None
            registers, kept = _registers(cur, conversation_id, change)
            registers.admit(change)  # TooManyItems undoes the insert with the transaction
            registers.apply(change)
            names = change.fields if kept else registers.fields
            _keep_fields(cur, conversation_id, registers, names)
            task = registers.view()
            if task is not None:
                _write(cur, conversation_id, task)
        return task

    def highest_clock(self, conversation_id: str) -> int:
        value = self._db.scalar(
            "SELECT max(clock) FROM task_changes WHERE conversation_id = ?", (conversation_id,)
        )
        return int(value or 0)

    def conversation_of(self, task_id: str) -> str | None:
        value = self._db.scalar(
            "SELECT conversation_id FROM task_changes WHERE task_id = ? LIMIT 1", (task_id,)
        )
        return None if value is None else str(value)

    def get(self, task_id: str) -> Task | None:
        row = self._db.query_one("SELECT view FROM tasks WHERE task_id = ?", (task_id,))
        return None if row is None else _from_json(str(row[0]))

    def in_conversation(self, conversation_id: str, *, open_only: bool = False) -> list[Task]:
        states = _OPEN if open_only else tuple(TaskState)
        rows = self._db.query(
            "SELECT view FROM tasks WHERE conversation_id = ? AND state IN "
            f"({','.join('?' * len(states))}) ORDER BY due_ms IS NULL, due_ms, title",
            (conversation_id, *states),
        )
        return [_from_json(str(r[0])) for r in rows]

    def everywhere(self) -> list[tuple[str, Task]]:
        """(conversation id, task) of every task here, by conversation, open ones first."""
        rows = self._db.query(
            "SELECT conversation_id, view FROM tasks ORDER BY conversation_id, "
            "state NOT IN (?, ?), due_ms IS NULL, due_ms, title",
            _OPEN,
        )
        return [(str(c), _from_json(str(v))) for c, v in rows]

    def assigned_to(self, assignees: frozenset[str]) -> list[tuple[str, Task]]:
        """Open tasks of these assignees (me and the roles I hold) with their conversation,
        soonest due first."""
        if not assignees:
            return []
        names = sorted(assignees)
        rows = self._db.query(
            "SELECT conversation_id, view FROM tasks WHERE assignee IN "
            f"({','.join('?' * len(names))}) AND state IN (?, ?) "
            "ORDER BY due_ms IS NULL, due_ms, title",
            (*names, *_OPEN),
        )
        return [(str(c), _from_json(str(v))) for c, v in rows]


_OPEN = (TaskState.OPEN.value, TaskState.IN_PROGRESS.value)


def _registers(cur: Cursor, conversation_id: str, change: TaskChange) -> tuple[TaskRegisters, bool]:
    """The registers of ``change``'s task before it (just logged), and whether they were
    kept (False: merged from the log now, so every field must be written)."""
    task_id = change.task_id
    registers = TaskRegisters(task_id)
    for name, value, clock, device, change_id, by, at_ms in cur.query(
        "SELECT name, value, clock, device, change_id, by_uid, at_ms FROM task_fields "
        "WHERE conversation_id = ? AND task_id = ?",
        (conversation_id, task_id),
    ):
        stamp = Stamp(int(clock), str(device), str(change_id))
        registers.fields[str(name)] = Written(json.loads(value), stamp, str(by), int(at_ms))
    if registers.fields:
        return registers, True
    for change_id, uid, device, clock, at_ms, fields in cur.query(
        "SELECT change_id, author_uid, author_device, clock, at_ms, fields FROM task_changes "
        "WHERE conversation_id = ? AND task_id = ? AND change_id != ?",
        (conversation_id, task_id, change.change_id),
    ):
        registers.apply(
            TaskChange(task_id, change_id, uid, device, int(clock), int(at_ms), json.loads(fields))
        )
    return registers, False


def _keep_fields(
    cur: Cursor, conversation_id: str, registers: TaskRegisters, names: Iterable[str]
) -> None:
    """Write the registers of ``names`` (those a change may have won)."""
    for name in names:
        held = registers.fields[name]
        cur.execute(
            "INSERT OR REPLACE INTO task_fields(conversation_id, task_id, name, value, clock, "
            "device, change_id, by_uid, at_ms) VALUES (?,?,?,?,?,?,?,?,?)",
            (
                conversation_id,
                registers.task_id,
                name,
                json.dumps(held.value, ensure_ascii=False),
                held.stamp.clock,
                held.stamp.device,
                held.stamp.change_id,
                held.by,
                held.at_ms,
            ),
        )


def _write(cur: Cursor, conversation_id: str, task: Task) -> None:
    cur.execute(
        "INSERT OR REPLACE INTO tasks(task_id, conversation_id, title, assignee, due_ms, "
        "priority, state, state_by, state_at_ms, clock, view) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        (
            task.task_id,
            conversation_id,
            task.title,
            task.assignee,
            task.due_ms,
            task.priority.value,
            task.state.value,
            task.state_by,
            task.state_at_ms,
            task.clock,
            json.dumps(asdict(task), ensure_ascii=False),
        ),
    )


def _from_json(text: str) -> Task:
    return _TASK.decode(text)


# The view as written by _write (json of asdict); msgspec decodes it straight into the
# dataclass, about ten times faster than json.loads + Task(**...): "my tasks" decodes
# every open task of mine (bench/bench_teamwork.py).
_TASK = msgspec.json.Decoder(Task)
