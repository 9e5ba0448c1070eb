"""Times and rules a modified client can send to stall or break the duty calendar and the
task list (audit of issue 14): each is refused by the domain checks with the domain's
error, never an OverflowError, and a rule that never occurs is never walked to 9999."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrule, rrulestr

from desktop_app.domain import recurrence, time_bounds
from desktop_app.domain.calendar import CalendarError, CalendarEvent, check, occurrences
from desktop_app.domain.ics import from_ics
from desktop_app.domain.tasks import TaskChange, TaskError
from desktop_app.domain.tasks import check as check_task

BERLIN = ZoneInfo("Europe/Berlin")
MONDAY = datetime(2026, 12, 7, 7, 30, tzinfo=BERLIN)


def shift(start: datetime, rule: str | None) -> CalendarEvent:
    return CalendarEvent("e", "Dienst", start, start + timedelta(hours=8), rrule=rule)


NEVER = [
    "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",  # the auditor's: 30 February
    "FREQ=WEEKLY;BYMONTH=4;BYMONTHDAY=31",
    "FREQ=MONTHLY;BYDAY=MO;BYSETPOS=6",  # no month has six Mondays
    "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
]


@pytest.mark.parametrize("rule", NEVER)
@pytest.mark.parametrize("year", [2026, 2089])
def test_a_rule_that_never_occurs_is_refused(rule: str, year: int) -> None:
    """Attack: a shift whose rule yields no date; dateutil would walk it to 9999 on
    every query. Refused with the reason."""
    with pytest.raises(CalendarError, match="never occurs"):
        check(shift(MONDAY.replace(year=year), rule))


@pytest.mark.parametrize("rule", [*NEVER, "FREQ=DAILY"])
@pytest.mark.parametrize("year", [2090, 2095, 2100, 2400, 8990])
def test_a_recurring_event_from_2090_on_is_refused_before_any_probe(rule: str, year: int) -> None:
    """Attack: from 2090 to 2100 the probe of a rule that never occurs walked some 310
    years (about 190 ms per event; 500 events: 95 s of every member's CPU). A recurring
    shift now starts before 2090; a single event may still lie up to 9000."""
    with pytest.raises(CalendarError, match="must start before 2090"):
        check(shift(MONDAY.replace(year=year), rule))
    check(shift(MONDAY.replace(year=year), None))


def test_the_probe_walks_at_most_about_forty_years_for_any_start_it_is_asked_for() -> None:
    """What bounds a hostile rule's cost: the probe's start lies within ~45 years of the
    end of ``datetime`` for every year a recurring event may start in (before 2090)."""
    from datetime import MAXYEAR

    walks = [
        MAXYEAR - recurrence._probe_year(y) for y in range(2000, recurrence.RULES_START_BEFORE)
    ]
    assert max(walks) <= 45
    assert MAXYEAR - recurrence._probe_year(2095) > 300  # why 2090 on is refused


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=HOURLY",
        "FREQ=MINUTELY",
        "FREQ=DAILY;BYSECOND=5",
        "FREQ=YEARLY;BYWEEKNO=53",
        "FREQ=YEARLY;BYYEARDAY=366",
        "FREQ=YEARLY;BYEASTER=0",
        "FREQ=DAILY;BYSETPOS=2",
        "FREQ=MONTHLY;BYDAY=MO;BYSETPOS=1,2,3,4,5",
        "FREQ=DAILY;BYMONTHDAY=1,1",
        "FREQ=DAILY;INTERVAL=0",
        "FREQ=DAILY;INTERVAL=1001",
        "FREQ=DAILY;COUNT=0",
        "FREQ=DAILY;UNTIL=99991231T235959Z",
        "FREQ=DAILY;UNTIL=19991231T235959Z",
        "FREQ=DAILY;FREQ=WEEKLY",
        "FREQ=DAILY; BYDAY=MO",
    ],
)
def test_rule_parts_rosters_do_not_use_are_refused(rule: str) -> None:
    with pytest.raises(CalendarError):
        check(shift(MONDAY, rule))


@pytest.mark.parametrize(
    ("rule", "start"),
    [
        ("FREQ=WEEKLY;BYDAY=MO,WE;COUNT=6", MONDAY),
        ("FREQ=DAILY;UNTIL=20261220T235959Z", MONDAY),
        ("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", MONDAY),  # last workday
        ("FREQ=DAILY;INTERVAL=2;BYHOUR=7,19;BYMINUTE=30", MONDAY),
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", MONDAY),  # 29 February 2028
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", MONDAY.replace(year=2085)),  # 2088
        ("FREQ=WEEKLY;UNTIL=20261201T000000Z", MONDAY),  # ends before it starts: cheap
        ("FREQ=DAILY", datetime(2089, 12, 31, 12, tzinfo=UTC)),
    ],
)
def test_rules_rosters_use_are_taken(rule: str, start: datetime) -> None:
    check(shift(start, rule))


@pytest.mark.parametrize("year", [2026, 2030, 2033, 2088, 2092, 2095, 2099, 2400, 8991])
def test_the_probe_agrees_with_dateutil_walking_the_rule_itself(year: int) -> None:
    """29 February on a Monday occurs 2044, 2072, 2112, ...: sometimes within ten years
    of the start, sometimes not, across a century year that is not a leap year too."""
    rule = "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO"
    start = datetime(year, 3, 1, 7, 30, tzinfo=BERLIN)
    first = next(iter(rrulestr(rule, dtstart=start)))  # occurs within decades: cheap
    expected = first - start < recurrence.WINDOW
    parsed = rrulestr(rule, dtstart=start)
    assert isinstance(parsed, rrule)
    assert recurrence.first_within(parsed, start) is expected, first
    if year < recurrence.RULES_START_BEFORE:
        assert (recurrence.refusal(rule, start) == "") is expected, first


def test_an_event_stored_before_the_check_is_not_expanded_and_the_verdict_is_kept() -> None:
    """A shift received before receivers probed rules (its first Monday 29 February is
    18 years away) is skipped by every query; its verdict is probed once, not per query."""
    hostile = shift(MONDAY, "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO")
    honest = replace_id(shift(MONDAY, "FREQ=WEEKLY"), "honest")
    leap = datetime(2044, 2, 29, tzinfo=BERLIN)
    before = recurrence._verdict.cache_info()
    for _ in range(3):
        found = occurrences([hostile, honest], leap, leap + timedelta(days=1))
        assert [o.event_id for o in found] == ["honest"]
    after = recurrence._verdict.cache_info()
    assert after.misses - before.misses <= 2  # one probe per (rule, start)


def replace_id(event: CalendarEvent, event_id: str) -> CalendarEvent:
    return CalendarEvent(event_id, event.title, event.start, event.end, rrule=event.rrule)


@pytest.mark.parametrize(
    "start",
    [
        datetime(9999, 12, 20, tzinfo=UTC),  # + 31 days: OverflowError before
        datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=14))),
        datetime(9000, 1, 1, 0, 1, tzinfo=UTC),
        datetime(1999, 12, 31, 23, tzinfo=UTC),
    ],
)
def test_an_event_outside_the_years_2000_to_9000_is_refused(start: datetime) -> None:
    """Attack: an event at the end of time; checked before any arithmetic, so the
    receiver refuses it with CalendarError (acknowledged) instead of OverflowError."""
    event = CalendarEvent("e", "Dienst", start, start + timedelta(hours=1))
    if start.year == 9999:
        event = CalendarEvent("e", "Dienst", start, start + timedelta(days=1))
    with pytest.raises(CalendarError, match="2000 and 9000"):
        check(event)


def test_an_ics_event_at_the_end_of_time_is_a_clear_error_naming_it() -> None:
    data = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//DE\r\nBEGIN:VEVENT\r\n"
        b"UID:a@x\r\nDTSTAMP:20261201T000000Z\r\nDTSTART:99991231T200000Z\r\n"
        b"DURATION:P2D\r\nSUMMARY:Ende\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    with pytest.raises(CalendarError, match="'Ende'"):
        from_ics(data, BERLIN)
    never = data.replace(b"99991231T200000Z", b"20261207T060000Z").replace(
        b"DURATION:P2D", b"DURATION:PT8H\r\nRRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30"
    )
    with pytest.raises(CalendarError, match=r"'Ende'.*never occurs"):
        from_ics(never, BERLIN)


def task(due: object) -> TaskChange:
    return TaskChange("t", "c", "weber.anna", "dev", 1, 0, {"created": True, "title": "x",
                                                            "due_ms": due})  # type: ignore[dict-item]  # fmt: skip


@pytest.mark.parametrize(
    "due", [10**15, 2**63, time_bounds.LATEST_MS + 1, time_bounds.EARLIEST_MS - 1, 0]
)
def test_a_due_time_outside_the_years_2000_to_9000_is_refused(due: int) -> None:
    """Attack: a task due in 33658 (no datetime holds it) or past SQLite's integers."""
    with pytest.raises(TaskError):
        check_task(task(due))


@pytest.mark.parametrize("due", [time_bounds.EARLIEST_MS, time_bounds.LATEST_MS, None])
def test_due_times_within_the_years_are_taken(due: int | None) -> None:
    check_task(task(due))
