"""An event saved before the recurrence limits (COUNT over 5,000, more than 24 times a
day: domain/recurrence.py) is still in its people's calendars, marked, instead of
being skipped by every query without a word (before: no occurrence at all)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from desktop_app.domain import recurrence
from desktop_app.domain.calendar import CalendarEvent, occurrences

HOURLY = "FREQ=DAILY;BYHOUR=" + ",".join(str(h) for h in range(24))
EVERY_HALF_HOUR = HOURLY + ";BYMINUTE=0,30"
START = datetime(2026, 1, 5, 7, tzinfo=UTC)  # a Monday
WEEK = (datetime(2026, 12, 7, tzinfo=UTC), datetime(2026, 12, 14, tzinfo=UTC))


def event(event_id: str, start: datetime, rule: str) -> CalendarEvent:
    return CalendarEvent(event_id, event_id, start, start + timedelta(minutes=30), rrule=rule)


def test_a_count_over_the_limit_is_shown_up_to_it_and_marked() -> None:
    daily = event("Frühdienst", START, "FREQ=DAILY;COUNT=6000")
    assert recurrence.refusal(daily.rrule or "", START) != ""  # stored before the limit
    week = occurrences([daily], *WEEK)
    assert [o.start.day for o in week] == [7, 8, 9, 10, 11, 12, 13]
    assert all(o.repetition_cut for o in week)
    # Up to the 5,000th date, each where the rule put it; none after it.
    last = START + timedelta(days=recurrence.MAX_COUNT - 1)
    around = occurrences([daily], last - timedelta(days=1), last + timedelta(days=3))
    assert [o.start for o in around] == [last - timedelta(days=1), last]


def test_a_rule_over_24_times_a_day_is_shown_once_at_its_start_and_marked() -> None:
    rounds = event("Runde", WEEK[0] + timedelta(hours=9), EVERY_HALF_HOUR)
    (once,) = occurrences([rounds], *WEEK)
    assert (once.start, once.repetition_cut) == (rounds.start, True)


def test_a_rule_within_the_limits_is_not_marked() -> None:
    fine = event("Visite", START, "FREQ=DAILY;COUNT=5000")
    assert [o.repetition_cut for o in occurrences([fine], *WEEK)] == [False] * 7
    assert recurrence.within_limits("FREQ=DAILY;COUNT=5000", START) is None
