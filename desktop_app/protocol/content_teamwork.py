"""Task and duty-calendar changes as end-to-end content of a conversation (issue 14).

They travel like chat messages (Megolm, one envelope for every member's devices); the
relay sees none of it. The author is NOT on the wire: a receiver takes the uid and
device that Megolm/Olm proved sent the envelope (services/teamwork.py), so nobody can
write a change in another's name. Decoding is strict and bounded; the domain rules
(domain.tasks.check, domain.calendar.check) run on top of these shapes.
"""

from __future__ import annotations

from typing import Annotated, Final, Literal

import msgspec

from desktop_app.domain import calendar, tasks
from desktop_app.domain.event_zone import ZONE_MAX
from desktop_app.domain.ids import VISIBLE_ID_PATTERN
from desktop_app.protocol.fields import ChosenId, DirectoryId

MAX_CLOCK: Final = 2**53  # a Lamport clock past this is refused (stays exact in JSON too)
FIELD_NAME_MAX: Final = 72  # "item." + a 64-character item id, with room to spare
MAX_FIELDS: Final = tasks.MAX_ITEMS + len(tasks.SCALAR_FIELDS)
MAX_BATCH: Final = 500  # event versions per CalendarBatch
BATCH_BYTES: Final = 512 * 1024  # a sender fills a batch up to this (Megolm content <= 1 MiB)
TIME_CHARS: Final = 40  # ISO 8601 with offset: 2026-12-05T21:00:00.123456+01:00

_Ms = Annotated[int, msgspec.Meta(ge=0, le=MAX_CLOCK)]
_Clock = Annotated[int, msgspec.Meta(ge=1, le=MAX_CLOCK)]
_Text = Annotated[str, msgspec.Meta(max_length=tasks.NOTES_MAX)]
_Item = Annotated[list[Annotated[str, msgspec.Meta(max_length=tasks.ITEM_MAX)] | bool],
                  msgspec.Meta(max_length=2)]  # fmt: skip
FieldValue = _Text | int | bool | _Item | None
_FieldName = Annotated[  # "item.<checklist item id>" is a chosen id too
    str, msgspec.Meta(min_length=1, max_length=FIELD_NAME_MAX, pattern=VISIBLE_ID_PATTERN)
]
_Fields = Annotated[dict[_FieldName, FieldValue], msgspec.Meta(min_length=1, max_length=MAX_FIELDS)]
_Time = Annotated[str, msgspec.Meta(min_length=10, max_length=TIME_CHARS)]
_Short = Annotated[str, msgspec.Meta(max_length=calendar.TITLE_MAX)]


class _Tagged(msgspec.Struct, frozen=True, forbid_unknown_fields=True, tag_field="t"):
    pass


class TaskChange(_Tagged, frozen=True, tag="task"):
    """Some fields of one task of this conversation, stamped with a Lamport clock.

    ``fields`` holds domain/tasks.py's fields (title, notes, assignee, due_ms, priority,
    state, message_id, created, item.<id>); the merge is last-writer-wins per field.
    """

    v: Literal[1]
    task_id: ChosenId
    change_id: ChosenId
    clock: _Clock
    at_ms: _Ms  # the author's wall clock: shown as "changed at", never used to order
    fields: _Fields


class CalendarChange(_Tagged, frozen=True, tag="calendar", omit_defaults=True):
    """A whole version of one event of this conversation (``deleted`` removes it);
    of two versions the higher (clock, device, change id) wins on every device."""

    v: Literal[1]
    event_id: ChosenId
    change_id: ChosenId
    clock: _Clock
    at_ms: _Ms
    title: Annotated[str, msgspec.Meta(min_length=1, max_length=calendar.TITLE_MAX)]
    start: _Time  # ISO 8601 with its UTC offset
    end: _Time
    all_day: bool = False
    location: _Short = ""
    notes: Annotated[str, msgspec.Meta(max_length=calendar.TEXT_MAX)] = ""
    participants: Annotated[
        list[DirectoryId], msgspec.Meta(max_length=calendar.MAX_PARTICIPANTS)
    ] = []
    rrule: Annotated[str, msgspec.Meta(min_length=1, max_length=calendar.RRULE_MAX)] | None = None
    duty_role: DirectoryId | None = None
    duty_holder: DirectoryId | None = None
    deleted: bool = False
    zone: Annotated[str, msgspec.Meta(min_length=1, max_length=ZONE_MAX)] | None = None
    """IANA name ("Europe/Berlin"): the rule repeats at the same wall-clock time."""
    exdates: Annotated[list[_Time], msgspec.Meta(max_length=calendar.MAX_EXDATES)] = []
    """Starts the rule skips (EXDATE; a moved shift is an event of its own)."""


class CalendarBatch(_Tagged, frozen=True, tag="calendar-batch"):
    """Many event versions in one envelope (an .ics import of a roster): one envelope
    per recipient device instead of thousands, well inside the relay's mailbox quotas.
    Each change is checked on its own, as if it had come alone."""

    v: Literal[1]
    changes: Annotated[list[CalendarChange], msgspec.Meta(min_length=1, max_length=MAX_BATCH)]


TeamworkChange = TaskChange | CalendarChange
