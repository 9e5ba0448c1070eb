"""Tasks and the duty calendar in a real SQLCipher container: the merged view follows
the change log whatever order changes arrive in, and everything goes with its
conversation."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from desktop_app.domain.calendar import CalendarEvent, Version, deleted
from desktop_app.domain.tasks import MAX_TASK_ITEMS, Stamp, TaskChange, TaskState, TooManyItems
from desktop_app.storage.container import Container
from tests.conftest import make_conversation

BERLIN = ZoneInfo("Europe/Berlin")


def change(cid: str, clock: int, device: str, **fields: object) -> TaskChange:
    return TaskChange("task-1", cid, "weber.anna", device, clock, clock * 1000, fields)  # type: ignore[arg-type]


CREATE = change(
    "c1", 1, "dev-a", created=True, title="Troponin Zimmer 12", state="open",
    assignee="dienstarzt.kardio", priority="urgent", due_ms=5_000,
)  # fmt: skip
DONE = change("c2", 2, "dev-b", state="done")


def test_a_change_before_its_task_waits_and_the_view_follows_the_log(
    container: Container,
) -> None:
    cid = make_conversation(container)
    assert container.tasks.add_change(cid, DONE) is None  # not created yet
    assert container.tasks.get("task-1") is None
    task = container.tasks.add_change(cid, CREATE)
    assert task is not None and task.state is TaskState.DONE and task.title == "Troponin Zimmer 12"
    assert container.tasks.add_change(cid, CREATE) is None  # a redelivery changes nothing
    assert container.tasks.highest_clock(cid) == 2
    assert container.tasks.assigned_to(frozenset({"dienstarzt.kardio"})) == []  # done


def test_my_open_tasks_by_role_and_conversation(container: Container) -> None:
    cid = make_conversation(container)
    container.tasks.add_change(cid, CREATE)
    ((where, task),) = container.tasks.assigned_to(frozenset({"yilmaz.mia", "dienstarzt.kardio"}))
    assert where == cid and task.task_id == "task-1"
    assert [t.task_id for t in container.tasks.in_conversation(cid, open_only=True)] == ["task-1"]
    assert container.tasks.assigned_to(frozenset({"mueller.jonas"})) == []


def test_calendar_keeps_the_newest_version_and_deletions(container: Container) -> None:
    cid = make_conversation(container)
    start = datetime(2026, 12, 7, 20, 0, tzinfo=BERLIN)
    night = CalendarEvent(
        "night", "Nachtdienst", start, start + timedelta(hours=11), rrule="FREQ=WEEKLY",
        duty_role="dienstarzt.kardio", duty_holder="mueller.jonas",
    )  # fmt: skip
    assert container.calendar.apply(cid, Version(night, Stamp(2, "dev-a", "e2"), "weber.anna"))
    older = Version(night, Stamp(1, "dev-b", "e1"), "mueller.jonas")
    assert not container.calendar.apply(cid, older)
    assert container.calendar.events(cid) == [(cid, night)]
    assert container.calendar.duty_events("dienstarzt.kardio") == [night]
    other = make_conversation(container, "Station 4")
    assert not container.calendar.apply(other, Version(night, Stamp(9, "dev-c", "e9"), "x"))
    gone = Version(deleted(night), Stamp(3, "dev-a", "e3"), "weber.anna")
    assert container.calendar.apply(cid, gone)
    assert container.calendar.events(cid) == []
    assert not container.calendar.apply(cid, Version(night, Stamp(2, "dev-z", "e2b"), "x"))


def test_deleting_the_conversation_takes_its_tasks_and_calendar(container: Container) -> None:
    cid = make_conversation(container)
    container.tasks.add_change(cid, CREATE)
    start = datetime(2026, 12, 7, 8, 0, tzinfo=BERLIN)
    event = CalendarEvent("e", "Visite", start, start + timedelta(hours=1))
    container.calendar.apply(cid, Version(event, Stamp(1, "dev-a", "v1"), "weber.anna"))
    container.purge.conversation(cid, ())
    assert container.tasks.get("task-1") is None
    assert container.tasks.highest_clock(cid) == 0
    assert container.database.scalar("SELECT count(*) FROM task_fields") == 0
    assert container.calendar.events() == []


def test_a_task_from_before_kept_fields_is_merged_from_its_log_once(
    container: Container,
) -> None:
    """A container from before schema 27 holds a task's changes but not its fields'
    winners: its next change merges the log once, and later changes merge in place
    (a change older than a field's winner still loses to it)."""
    cid = make_conversation(container)
    container.tasks.add_change(cid, CREATE)
    container.tasks.add_change(cid, DONE)
    container.database.execute("DELETE FROM task_fields")  # as schema 26 left it
    older = change("c0", 1, "dev-0", title="Troponin Zi. 12", state="in-progress")
    task = container.tasks.add_change(cid, older)
    assert task is not None and task.state is TaskState.DONE and task.title == "Troponin Zimmer 12"
    renamed = container.tasks.add_change(cid, change("c3", 3, "dev-a", title="Troponin Zi. 14"))
    assert renamed is not None and renamed.title == "Troponin Zi. 14"
    assert renamed.state is TaskState.DONE and renamed.assignee == "dienstarzt.kardio"
    kept = container.database.scalar("SELECT count(*) FROM task_fields")
    assert kept == len(CREATE.fields)


def test_a_change_past_the_checklist_limit_is_refused_and_leaves_nothing(
    container: Container,
) -> None:
    cid = make_conversation(container)
    container.tasks.add_change(cid, CREATE)
    for n in range(MAX_TASK_ITEMS // 50):
        batch = {f"item.{n:03d}{k:03d}": ["Punkt", False] for k in range(50)}
        container.tasks.add_change(cid, change(f"i{n}", 2 + n, "dev-a", **batch))
    with pytest.raises(TooManyItems):
        container.tasks.add_change(cid, change("over", 99, "dev-a", **{"item.zzz": ["x", False]}))
    assert (
        container.database.scalar("SELECT count(*) FROM task_changes WHERE change_id = 'over'") == 0
    )
    task = container.tasks.get("task-1")
    assert task is not None and len(task.items) == MAX_TASK_ITEMS
    ticked = container.tasks.add_change(
        cid, change("t", 100, "dev-b", **{"item.000000": ["Punkt", True]})
    )
    assert ticked is not None and ticked.items[0].done
