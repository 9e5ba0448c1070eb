"""The duty calendar's pure core: recurrence, who is on duty, merge, and .ics in/out
(parsed back with icalendar, as another calendar program would)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest

from desktop_app.domain.calendar import (
    Calendar,
    CalendarError,
    CalendarEvent,
    Version,
    check,
    deleted,
    occurrences,
    on_duty,
)
from desktop_app.domain.ics import canonical_rrule, from_ics, to_ics
from desktop_app.domain.tasks import Stamp

BERLIN = ZoneInfo("Europe/Berlin")
MONDAY = datetime(2026, 12, 7, 7, 30, tzinfo=BERLIN)

NIGHT = CalendarEvent(
    "night",
    "Nachtdienst Kardiologie",
    MONDAY.replace(hour=20, minute=0),
    MONDAY.replace(hour=20, minute=0) + timedelta(hours=11, minutes=30),
    rrule="FREQ=WEEKLY;BYDAY=MO,WE;COUNT=6",
    duty_role="dienstarzt.kardio",
    duty_holder="mueller.jonas",
)
DAY = CalendarEvent(
    "day",
    "Tagdienst Kardiologie",
    MONDAY,
    MONDAY + timedelta(hours=12, minutes=30),
    rrule="FREQ=DAILY;UNTIL=20261220T235959Z",
    duty_role="dienstarzt.kardio",
    duty_holder="yilmaz.mia",
)
TEAM = CalendarEvent(
    "team",
    "Teamsitzung",
    datetime(2026, 12, 9, 0, 0, tzinfo=BERLIN),
    datetime(2026, 12, 10, 0, 0, tzinfo=BERLIN),
    all_day=True,
    location="Raum 3.112",
    notes="Dienstplan Januar",
)


def test_weekly_shifts_expand_within_the_range_and_count() -> None:
    week = occurrences([NIGHT], MONDAY, MONDAY + timedelta(days=7))
    assert [o.start.strftime("%a %H:%M") for o in week] == ["Mon 20:00", "Wed 20:00"]
    everything = occurrences([NIGHT], MONDAY, MONDAY + timedelta(days=365))
    assert len(everything) == 6  # COUNT=6


def test_who_is_on_duty_now_and_next() -> None:
    duty = on_duty([NIGHT, DAY, TEAM], "dienstarzt.kardio", MONDAY + timedelta(hours=2),
                   timedelta(days=2))  # fmt: skip
    assert duty.now is not None and duty.now.duty_holder == "yilmaz.mia"
    assert duty.next is not None and duty.next.duty_holder == "mueller.jonas"
    late = on_duty([NIGHT, DAY], "dienstarzt.kardio", MONDAY.replace(hour=23), timedelta(days=1))
    assert late.now is not None and late.now.duty_holder == "mueller.jonas"


def test_a_shift_that_ran_over_midnight_is_found_from_the_next_morning() -> None:
    tuesday_early = MONDAY.replace(hour=5) + timedelta(days=1)
    (occ,) = occurrences([NIGHT], tuesday_early, tuesday_early + timedelta(hours=1))
    assert occ.start == MONDAY.replace(hour=20, minute=0)


@pytest.mark.parametrize(
    "bad",
    [
        CalendarEvent("x", "", MONDAY, MONDAY + timedelta(hours=1)),
        CalendarEvent("x", "T", MONDAY, MONDAY),
        CalendarEvent("x", "T", MONDAY, MONDAY + timedelta(days=40)),
        CalendarEvent("x", "T", MONDAY.replace(tzinfo=None), MONDAY.replace(tzinfo=None)),
        CalendarEvent("x", "T", MONDAY, MONDAY + timedelta(hours=1), rrule="FREQ=SECONDLY"),
        CalendarEvent("x", "T", MONDAY, MONDAY + timedelta(hours=1), rrule="FREQ=NEVER"),
        CalendarEvent("x", "T", MONDAY, MONDAY + timedelta(hours=1), duty_role="dienstarzt.kardio"),
    ],
)
def test_events_no_honest_client_writes_are_refused(bad: CalendarEvent) -> None:
    with pytest.raises(CalendarError):
        check(bad)


def test_a_daily_rule_from_long_ago_stays_cheap_and_bounded() -> None:
    since = datetime(2000, 1, 3, 7, 30, tzinfo=BERLIN)  # events start in 2000 at the earliest
    old = CalendarEvent("old", "Frühdienst", since, since + timedelta(hours=8), rrule="FREQ=DAILY")
    check(old)
    occurrences([old], MONDAY, MONDAY + timedelta(days=7))  # returns, whatever it finds


def test_the_newer_version_wins_in_any_order_and_a_deletion_sticks() -> None:
    edited = Version(CalendarEvent("team", "Teamsitzung (verlegt)", TEAM.start, TEAM.end),
                     Stamp(2, "dev-b", "c2"), "mueller.jonas")  # fmt: skip
    gone = Version(deleted(TEAM), Stamp(3, "dev-a", "c3"), "weber.anna")
    first = Version(TEAM, Stamp(1, "dev-a", "c1"), "weber.anna")
    for order in ([first, edited, gone], [gone, edited, first], [edited, gone, first]):
        calendar = Calendar()
        for version in order:
            calendar.apply(version)
        assert calendar.events() == []
    calendar = Calendar()
    calendar.apply(edited)
    calendar.apply(first)
    assert [e.title for e in calendar.events()] == ["Teamsitzung (verlegt)"]


def test_ics_round_trip_keeps_every_event_and_other_programs_read_it() -> None:
    data = to_ics([NIGHT, DAY, TEAM], "Station 3B", MONDAY)
    parsed = icalendar.Calendar.from_ical(data)
    summaries = sorted(str(c["SUMMARY"]) for c in parsed.walk("VEVENT"))
    assert summaries == ["Nachtdienst Kardiologie", "Tagdienst Kardiologie", "Teamsitzung"]
    again = {e.event_id: e for e in from_ics(data, BERLIN)}
    # The rule's parts may come back in another order (icalendar writes them its way);
    # the TZID comes back as the zone's name (rules repeat in its wall-clock time).
    assert again == {
        e.event_id: replace(
            e, rrule=canonical_rrule(e.rrule) if e.rrule else None, zone="Europe/Berlin"
        )
        for e in (NIGHT, DAY, TEAM)
    }
    assert again["night"].rrule == "FREQ=WEEKLY;COUNT=6;BYDAY=MO,WE"


ROSTER = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Dienstplan GmbH//Roster 7//DE\r
BEGIN:VEVENT\r
UID:shift-4711@roster.example\r
DTSTAMP:20261201T080000Z\r
DTSTART;TZID=Europe/Berlin:20261207T063000\r
DURATION:PT8H\r
RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;COUNT=10\r
SUMMARY:Fr\xc3\xbchdienst Station 3B\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:leave-1@roster.example\r
DTSTAMP:20261201T080000Z\r
DTSTART;VALUE=DATE:20261224\r
SUMMARY:Heiligabend\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_a_rostering_export_imports_with_recurrence_duration_and_all_day() -> None:
    shift, holiday = sorted(from_ics(ROSTER, BERLIN), key=lambda e: e.start)
    assert shift.title == "Frühdienst Station 3B" and shift.end - shift.start == timedelta(hours=8)
    assert shift.start.utcoffset() == timedelta(hours=1)
    assert len(occurrences([shift], MONDAY - timedelta(days=1), MONDAY + timedelta(days=30))) == 10
    assert holiday.all_day and holiday.end - holiday.start == timedelta(days=1)
    assert from_ics(ROSTER, BERLIN)[0].event_id == shift.event_id  # re-import: same ids


@pytest.mark.parametrize(
    "data",
    [
        b"not a calendar",
        b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        ROSTER.replace(b"COUNT=10", b"FREQ=SECONDLY"),
        b"X" * (5 * 1024 * 1024 + 1),
    ],
)
def test_broken_or_hostile_files_give_a_clear_error(data: bytes) -> None:
    with pytest.raises(CalendarError):
        from_ics(data, BERLIN)


def test_an_event_stored_before_the_check_is_exported_as_the_lines_wardlink_writes() -> None:
    """A duty role with a bare CR or a LF (kept in containers before receivers refused
    it) and a title with a vertical tab: the export used to carry the CR raw (a reader
    ending lines at CR read an ATTENDEE of the sender's choice) and failed on the LF."""
    planted = replace(
        NIGHT,
        title="Nacht\x0bATTENDEE:mailto:x@y",
        duty_role="dienstarzt.kardio\rATTENDEE;CN=Chef:mailto:chef@klinik.example",
        duty_holder="mueller.jonas\r\nORGANIZER:mailto:x@y",
    )
    text = to_ics([planted, TEAM], "Station 3B\u2028X-EVIL:1", MONDAY).decode()
    assert not [line for line in text.splitlines() if line.split(":")[0] in _INJECTED]
    parsed = icalendar.Calendar.from_ical(text)
    assert {"ATTENDEE", "ORGANIZER"}.isdisjoint(k for c in parsed.walk() for k in c)
    assert "X-EVIL" not in parsed
    with pytest.raises(CalendarError, match="uids"):  # as written, the shift is refused
        from_ics(text.encode(), BERLIN)
    fair = to_ics([replace(planted, duty_role="a,b;c", duty_holder="d\\e")], "3B", MONDAY)
    assert [(e.duty_role, e.duty_holder) for e in from_ics(fair, BERLIN)] == [("a,b;c", "d\\e")]


_INJECTED = {"ATTENDEE", "ATTENDEE;CN=Chef", "ORGANIZER", "X-EVIL"}


@pytest.mark.parametrize("field", ["duty_role", "duty_holder"])
@pytest.mark.parametrize("char", ["\r", "\n", "\x00", "\u2028", "\u202e", "\u00a0"])
def test_a_duty_shifts_uids_hold_no_control_or_invisible_character(field: str, char: str) -> None:
    with pytest.raises(CalendarError):
        check(replace(NIGHT, **{field: "mueller" + char + "jonas"}))
