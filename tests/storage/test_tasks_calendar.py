"""Tasks and the duty calendar in a real SQLCipher container: the merged view follows
the change log whatever order changes arrive in, and everything goes with its
conversation."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from desktop_app.domain.calendar import CalendarEvent, Version, deleted
from desktop_app.domain.tasks import Stamp, TaskChange, TaskState
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
    assert container.calendar.events() == []
