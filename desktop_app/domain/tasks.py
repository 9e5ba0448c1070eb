"""Tasks of a conversation, kept as an event log that converges on every device.

How it works
------------
A task is a map of fields (title, notes, assignee, due, priority, state and one entry per
checklist item). Every change is a ``TaskChange``: some fields of one task, stamped
with a Lamport clock, the author's device and the change's id. Each field is a
last-writer-wins register: of all the values ever written to a field, the one with the
highest ``Stamp`` (clock, then device id, then change id: a total order) wins.

Taking the maximum is commutative, associative and idempotent, so devices that saw the
same set of changes show the same task, whatever order the changes arrived in,
duplicates included (``tests/domain/test_tasks_merge.py`` checks it with hypothesis).
A device stamps a new change with ``clock = highest clock it has seen + 1``, so a
change made after seeing another one always wins over it; only truly concurrent
changes (two offline devices) fall back to the device id, which is arbitrary but the
same everywhere.

A change for a task whose creation has not arrived yet is kept: the task appears once
its ``created`` field is there (the creation carries every initial field). Checklist
items are fields ``item.<id>`` holding ``[text, done]`` or ``None`` when removed, so
adding and ticking items on two devices merges item by item.

Who may change what (a member of the conversation, checked by the service that
receives the change) and the wire format (protocol/content) are not decided here.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Final

from desktop_app.domain import time_bounds
from desktop_app.domain.ids import is_visible_id

TITLE_MAX: Final = 200
NOTES_MAX: Final = 4_000
ITEM_MAX: Final = 200
MAX_ITEMS: Final = 50
MAX_TASK_ITEMS: Final = 500
"""Checklist items one task may ever hold, removed ones included (each keeps its
register). Without it a member's modified client added 50 items a change, change after
change: 100,000 items made every member's PC store, merge and show a 25 MB task."""
ITEM_PREFIX: Final = "item."

FieldValue = str | int | bool | list[str | bool] | None


class TaskState(enum.StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in-progress"
    DONE = "done"
    CANCELLED = "cancelled"


class Priority(enum.StrEnum):
    NORMAL = "normal"
    URGENT = "urgent"


SCALAR_FIELDS: Final = frozenset(
    {"created", "title", "notes", "assignee", "due_ms", "priority", "state", "message_id"}
)


@dataclass(frozen=True, slots=True, order=True)
class Stamp:
    """The total order of changes: Lamport clock, then device, then change id."""

    clock: int
    device: str
    change_id: str


@dataclass(frozen=True, slots=True)
class TaskChange:
    """Some fields of one task, as one device wrote them at one moment."""

    task_id: str
    change_id: str
    author_uid: str
    author_device: str
    clock: int
    at_ms: int  # the author's wall clock, shown as "changed at"; never used for ordering
    fields: Mapping[str, FieldValue]

    @property
    def stamp(self) -> Stamp:
        return Stamp(self.clock, self.author_device, self.change_id)


class TaskError(ValueError):
    """A change that names unknown fields or carries values of the wrong kind."""


class TooManyItems(TaskError):
    """A change that would take a task past ``MAX_TASK_ITEMS`` checklist items."""


@dataclass(frozen=True, slots=True)
class Written:
    """One field's winning value and who wrote it when."""

    value: FieldValue
    stamp: Stamp
    by: str
    at_ms: int


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    item_id: str
    text: str
    done: bool


@dataclass(frozen=True, slots=True)
class Task:
    """What everyone sees of a task once the changes are merged."""

    task_id: str
    title: str
    notes: str
    assignee: str | None  # a person's or a functional account's uid
    due_ms: int | None
    priority: Priority
    state: TaskState
    message_id: str | None  # the message it was made from ("Make task")
    items: tuple[ChecklistItem, ...]
    created_by: str
    created_at_ms: int
    state_by: str  # who set the current state, and when
    state_at_ms: int
    clock: int  # the highest clock merged into this task
    items_ever: int = 0  # checklist items it ever held, removed ones too (MAX_TASK_ITEMS)


def check(change: TaskChange) -> None:
    """Refuse what no honest client writes (sizes, kinds, unknown fields)."""
    if not change.fields:
        raise TaskError("a task change must change something")
    if change.clock < 1:
        raise TaskError("a task change needs a positive clock")
    items = [name for name in change.fields if name.startswith(ITEM_PREFIX)]
    if len(items) > MAX_ITEMS:
        raise TaskError(f"at most {MAX_ITEMS} checklist items per change")
    for name, value in change.fields.items():
        if name.startswith(ITEM_PREFIX):
            _check_item(name, value)
        elif name not in SCALAR_FIELDS:
            raise TaskError(f"unknown task field {name!r}")
        else:
            _check_scalar(name, value)


def _check_scalar(name: str, value: FieldValue) -> None:
    limits = {"title": TITLE_MAX, "notes": NOTES_MAX, "assignee": 128}
    if name == "created":
        ok = value is True
    elif name == "title":
        ok = isinstance(value, str) and len(value.strip()) > 0 and len(value) <= TITLE_MAX
    elif name == "message_id":  # a message id a peer chose (domain.ids.VISIBLE_ID_PATTERN)
        ok = value is None or (
            isinstance(value, str) and len(value) <= 128 and is_visible_id(value)
        )
    elif name in limits:
        ok = value is None or (isinstance(value, str) and len(value) <= limits[name])
    elif name == "due_ms":  # fixed bounds: a far date breaks every list that shows it
        ok = value is None or (
            isinstance(value, int) and not isinstance(value, bool) and time_bounds.within_ms(value)
        )
    elif name == "priority":
        ok = value in set(Priority)
    else:  # state
        ok = value in set(TaskState)
    if not ok:
        raise TaskError(f"task field {name!r} has a value it cannot hold")


def _check_item(name: str, value: FieldValue) -> None:
    item_id = name[len(ITEM_PREFIX) :]
    if not 0 < len(item_id) <= 64:
        raise TaskError("a checklist item needs an id of 1 to 64 characters")
    if value is None:
        return
    if not (
        isinstance(value, list)
        and len(value) == 2
        and isinstance(value[0], str)
        and 0 < len(value[0]) <= ITEM_MAX
        and isinstance(value[1], bool)
    ):
        raise TaskError("a checklist item is [text, done] or null")


@dataclass
class TaskRegisters:
    """Every field's current winner for one task; ``apply`` is the whole merge rule."""

    task_id: str
    fields: dict[str, Written] = field(default_factory=dict)
    seen: set[str] = field(default_factory=set)  # change ids, so duplicates change nothing

    def apply(self, change: TaskChange) -> bool:
        """Merge one change; True if any field's winner changed."""
        if change.change_id in self.seen:
            return False
        self.seen.add(change.change_id)
        changed = False
        stamp = change.stamp
        for name, value in change.fields.items():
            held = self.fields.get(name)
            if held is None or held.stamp < stamp:
                self.fields[name] = Written(value, stamp, change.author_uid, change.at_ms)
                changed = True
        return changed

    def admit(self, change: TaskChange) -> None:
        """Raise TooManyItems if ``change`` would take this task past MAX_TASK_ITEMS
        checklist items (an honest client never gets there; see MAX_TASK_ITEMS)."""
        held = self.items_ever()
        new = sum(1 for n in change.fields if n.startswith(ITEM_PREFIX) and n not in self.fields)
        if new and held + new > MAX_TASK_ITEMS:
            raise TooManyItems(
                f"a task holds at most {MAX_TASK_ITEMS} checklist items, removed ones included"
            )

    def items_ever(self) -> int:
        """Checklist items this task ever held: each keeps its register when removed."""
        return sum(1 for name in self.fields if name.startswith(ITEM_PREFIX))

    def view(self) -> Task | None:
        """The task as shown, or None while its creation has not arrived."""
        created = self.fields.get("created")
        if created is None:
            return None
        state = self.fields.get("state", created)
        return Task(
            task_id=self.task_id,
            title=str(self._value("title") or ""),
            notes=str(self._value("notes") or ""),
            assignee=_text_or_none(self._value("assignee")),
            due_ms=_int_or_none(self._value("due_ms")),
            priority=Priority(str(self._value("priority") or Priority.NORMAL)),
            state=TaskState(str(self._value("state") or TaskState.OPEN)),
            message_id=_text_or_none(self._value("message_id")),
            items=self._items(),
            created_by=created.by,
            created_at_ms=created.at_ms,
            state_by=state.by,
            state_at_ms=state.at_ms,
            clock=max(w.stamp.clock for w in self.fields.values()),
            items_ever=self.items_ever(),
        )

    def _value(self, name: str) -> FieldValue:
        held = self.fields.get(name)
        return None if held is None else held.value

    def _items(self) -> tuple[ChecklistItem, ...]:
        out = []
        for name in sorted(n for n in self.fields if n.startswith(ITEM_PREFIX)):
            value = self.fields[name].value
            if isinstance(value, list):
                out.append(ChecklistItem(name[len(ITEM_PREFIX) :], str(value[0]), bool(value[1])))
        return tuple(out[:MAX_TASK_ITEMS])  # a task stored before the limit was checked


def item_id(at_ms: int, number: int, salt: str) -> str:
    """A checklist item's id that sorts in the order items were added (the view lists
    items by id): the time, the position, then a random salt against collisions."""
    return f"{at_ms:012x}{number:03d}{salt[:8]}"


def merge(changes: Iterable[TaskChange]) -> dict[str, Task]:
    """Every task the changes describe, merged (changes of unknown tasks stay invisible)."""
    registers: dict[str, TaskRegisters] = {}
    for change in changes:
        registers.setdefault(change.task_id, TaskRegisters(change.task_id)).apply(change)
    tasks = {tid: reg.view() for tid, reg in registers.items()}
    return {tid: task for tid, task in tasks.items() if task is not None}


def next_clock(highest_seen: int) -> int:
    """The clock for a change made now, after seeing changes up to ``highest_seen``."""
    return highest_seen + 1


def is_mine(task: Task, my_uid: str, roles_i_hold: frozenset[str]) -> bool:
    """Assigned to me, or to a functional account I hold now (hand-over moves it)."""
    if task.state in (TaskState.DONE, TaskState.CANCELLED) or task.assignee is None:
        return False
    return task.assignee == my_uid or task.assignee in roles_i_hold


def _text_or_none(value: FieldValue) -> str | None:
    return value if isinstance(value, str) and value else None


def _int_or_none(value: FieldValue) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None
