"""Walking a rule from near the window yields exactly what walking it from its start
does, for the rules rosters use (domain/recurrence_skip.py)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from itertools import takewhile
from zoneinfo import ZoneInfo

from dateutil.rrule import rrule, rrulestr

from desktop_app.domain.recurrence_skip import skipped_ahead

BERLIN = ZoneInfo("Europe/Berlin")
RULES = (
    "FREQ=DAILY",
    "FREQ=DAILY;INTERVAL=3;BYHOUR=7,19;BYMINUTE=30",
    "FREQ=DAILY;BYMONTH=2,3;BYDAY=MO,TH",
    "FREQ=WEEKLY;BYDAY=MO,FR",
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA,SU;WKST=SU",
    "FREQ=WEEKLY;INTERVAL=3",
    "FREQ=MONTHLY",
    "FREQ=MONTHLY;INTERVAL=5;BYDAY=-1FR",
    "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
    "FREQ=MONTHLY;BYMONTHDAY=31",
    "FREQ=YEARLY",
    "FREQ=YEARLY;INTERVAL=2;BYMONTH=3;BYDAY=2WE",
    "FREQ=YEARLY;BYMONTH=6,12;BYDAY=MO;BYSETPOS=1,-1",
    "FREQ=DAILY;UNTIL=20240301T000000Z",
)


def last_days(start: datetime, day: int) -> datetime:
    try:
        return start.replace(day=day)
    except ValueError:
        return start


def window(rule: rrule, after: datetime, before: datetime) -> list[datetime]:
    return [d for d in takewhile(lambda d: d < before, rule) if d >= after]


def test_the_window_holds_the_same_dates_from_a_moved_start() -> None:
    rng = random.Random(18)
    for text in RULES:
        for _ in range(12):
            start = datetime(2000, 1, 1, 8, 15, tzinfo=BERLIN) + timedelta(
                days=rng.randrange(0, 9000), hours=rng.randrange(0, 24)
            )
            if rng.random() < 0.3:  # the last days of a month, 29 February
                start = last_days(start, rng.choice((29, 30, 31)))
            after = start + timedelta(days=rng.randrange(0, 4000), minutes=rng.randrange(0, 1440))
            before = after + timedelta(days=rng.choice((1, 7, 42, 400)))
            rule = rrulestr(text, dtstart=start)
            assert isinstance(rule, rrule)
            moved = skipped_ahead(rule, text, start, after)
            assert window(moved, after, before) == window(rule, after, before), (text, start)
    first = datetime(2000, 1, 1, tzinfo=BERLIN)
    far = rrulestr("FREQ=DAILY;BYHOUR=7,15,23", dtstart=first)
    assert isinstance(far, rrule)
    now = datetime(2026, 12, 7, tzinfo=BERLIN)
    moved = skipped_ahead(far, "FREQ=DAILY;BYHOUR=7,15,23", first, now)
    assert now - timedelta(days=3) <= next(iter(moved)) < now  # walked from there


def test_a_rule_with_count_is_walked_from_its_start() -> None:
    start = datetime(2020, 1, 1, 8, tzinfo=BERLIN)
    rule = rrulestr("FREQ=DAILY;COUNT=3000", dtstart=start)
    assert isinstance(rule, rrule)
    assert skipped_ahead(rule, "FREQ=DAILY;COUNT=3000", start, start + timedelta(days=900)) is rule
