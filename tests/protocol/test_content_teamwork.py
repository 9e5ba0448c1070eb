"""Task and calendar content: round trips, strict and bounded decoding (issue 14)."""

from __future__ import annotations

from typing import Any

import msgspec
import pytest

from desktop_app.protocol import content as wire
from desktop_app.protocol.content_teamwork import MAX_BATCH, MAX_CLOCK, MAX_FIELDS

START, END = "2026-12-07T06:00:00+01:00", "2026-12-07T14:00:00+01:00"


def test_task_and_calendar_changes_round_trip() -> None:
    task = wire.TaskChange(
        1, "t1", "c1", 3, 9, {"created": True, "title": "EKG", "due_ms": 5,
                              "item.a": ["12-Kanal", False], "assignee": None},
    )  # fmt: skip
    event = wire.CalendarChange(
        1, "e1", "c2", 4, 9, "Frühdienst", START, END, rrule="FREQ=DAILY;COUNT=3",
        duty_role="dienst.kardio", duty_holder="mueller.jonas",
    )  # fmt: skip
    for value in (task, event, wire.CalendarChange(1, "e1", "c3", 5, 9, "x", START, END,
                                                   deleted=True)):  # fmt: skip
        assert wire.decode_content(wire.encode(value)) == value
    assert wire.decode_content_or_unsupported(wire.encode(task)) == task


def test_a_batch_carries_many_event_versions_and_is_bounded() -> None:
    one = wire.CalendarChange(1, "e1", "c1", 4, 9, "Frühdienst", START, END)
    batch = wire.CalendarBatch(1, [one, one])
    assert wire.decode_content(wire.encode(batch)) == batch
    for changes in ([], [one] * (MAX_BATCH + 1)):
        with pytest.raises(wire.ContentError):
            wire.decode_content(wire.encode(wire.CalendarBatch(1, changes)))


def raw(value: dict[str, Any]) -> bytes:
    return msgspec.msgpack.encode(value)


def task(**change: Any) -> dict[str, Any]:
    base = {"t": "task", "v": 1, "task_id": "t1", "change_id": "c1", "clock": 1, "at_ms": 0,
            "fields": {"title": "x"}}  # fmt: skip
    return base | change


@pytest.mark.parametrize(
    "bad",
    [
        task(author_uid="someone.else"),  # no author on the wire: unknown field
        task(clock=0),
        task(clock=MAX_CLOCK + 1),
        task(fields={}),
        task(fields={f"item.{i}": ["x", False] for i in range(MAX_FIELDS + 1)}),
        task(fields={"notes": "x" * 4_001}),
        task(fields={"item.a": ["x", False, True]}),
        task(fields={"title": {"nested": 1}}),
        task(fields={"i" * 73: "x"}),
        task(task_id=""),
        {
            "t": "calendar",
            "v": 1,
            "event_id": "e",
            "change_id": "c",
            "clock": 1,
            "at_ms": 0,
            "title": "",
            "start": START,
            "end": END,
        },
        {
            "t": "calendar",
            "v": 1,
            "event_id": "e",
            "change_id": "c",
            "clock": 1,
            "at_ms": 0,
            "title": "x",
            "start": START,
            "end": END,
            "rrule": "R" * 501,
        },
        {
            "t": "calendar",
            "v": 1,
            "event_id": "e",
            "change_id": "c",
            "clock": 1,
            "at_ms": 0,
            "title": "x",
            "start": START,
            "end": END,
            "by": "weber.anna",
        },
    ],
)
def test_malformed_or_oversized_changes_are_refused(bad: dict[str, Any]) -> None:
    with pytest.raises(wire.ContentError):
        wire.decode_content(raw(bad))
