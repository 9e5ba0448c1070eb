"""Which recurrence rules a duty calendar takes, and the probe that keeps a rule that
never occurs from stalling every query.

dateutil walks a rule from its DTSTART period by period and checks UNTIL only on the
dates the rule yields; ``calendar.MAX_RULE_STEPS`` also counts yielded dates. A rule
that yields nothing (``FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30``: 30 February) is therefore
walked day by day up to the year 9999, about 5 s per event per query, whatever window
was asked for. So a rule is taken only if it yields a first occurrence within
``FIRST_WITHIN_YEARS`` of its start (``first_within``), and only the parts rosters use
are taken at all: DAILY, WEEKLY, MONTHLY, YEARLY (HOURLY multiplies every walk by 24),
no BYWEEKNO, BYYEARDAY or dateutil's BYEASTER (sparse or impossible patterns made
easy), short lists of distinct values, BYSETPOS only in monthly and yearly rules (it
makes dateutil scan every period once per value).

A rule must also start before ``RULES_START_BEFORE`` (2090). The probe's walk is short
(at most about 40 years) only when the rule's first ten years hold no century year
without a leap day; a start from 2090 to 2100 (the window then holds 2100) made it walk
some 310 years, about 190 ms per event, so a colleague's modified client could cost
every member's PC 95 s of CPU with 500 such events. No ward plans a recurring shift
that far ahead; a single event may still lie up to 9000 (``time_bounds``).
"""

from __future__ import annotations

import re
from datetime import MAXYEAR, UTC, date, datetime, timedelta
from functools import lru_cache
from typing import Final

from dateutil.rrule import rrule, rrulestr

from desktop_app.domain import time_bounds

FREQUENCIES: Final = frozenset({"DAILY", "WEEKLY", "MONTHLY", "YEARLY"})
LISTS: Final = frozenset({"BYSETPOS", "BYMONTH", "BYMONTHDAY", "BYDAY", "BYHOUR", "BYMINUTE"})
PARTS: Final = LISTS | {"FREQ", "INTERVAL", "COUNT", "UNTIL", "WKST"}
MAX_VALUES: Final = 60  # per list (BYMINUTE has 60); dateutil scans them for every day
MAX_SETPOS: Final = 4  # dateutil scans the period once per BYSETPOS value
SETPOS_FREQUENCIES: Final = frozenset({"MONTHLY", "YEARLY"})  # "the last weekday of the month"
MAX_INTERVAL: Final = 1_000
MAX_COUNT: Final = 5_000
"""A rule with COUNT is walked from its start (``recurrence_skip``), at most this far
(about 2 ms); three shifts a day for four years fit. It was 10^9: as dear as no end."""
MAX_TIMES_A_DAY: Final = 24
"""BYHOUR values times BYMINUTE values: every hour at most. 24 x 60 made each query
walk 1,440 dates a day of every such event (``recurrence_skip``)."""
FIRST_WITHIN_YEARS: Final = 10
"""A rule must occur within this many years of its start (29 February within 8)."""
WINDOW: Final = timedelta(days=365 * FIRST_WITHIN_YEARS + FIRST_WITHIN_YEARS // 4 + 1)
VERDICTS_KEPT: Final = 4_096
RULES_START_BEFORE: Final = 2090
"""A recurring event starts before this year: its probe then walks at most ~40 years."""

_PART = re.compile(r"[A-Z]+=[A-Z0-9+,-]+")
_UNTIL = re.compile(r"(\d{4})(\d\d)(\d\d)(?:T(\d\d)(\d\d)(\d\d)Z?)?")


def refusal(text: str, start: datetime) -> str:
    """Why the RRULE ``text`` starting at ``start`` must not be taken ('' if it may).

    The verdict is kept per (rule, start) in memory: a query that expands an event
    stored before these checks existed asks again without probing again."""
    return _verdict(text, start.isoformat())


@lru_cache(maxsize=VERDICTS_KEPT)
def _verdict(text: str, start_iso: str) -> str:
    start = datetime.fromisoformat(start_iso)
    body = text.removeprefix("RRULE:")
    why = _parts_refusal(body.upper())
    if why:
        return why
    if start.year >= RULES_START_BEFORE:
        return f"a recurring event must start before {RULES_START_BEFORE}"
    try:
        rule = rrulestr(body, dtstart=start)
    except (ValueError, TypeError, OverflowError) as exc:
        return f"the recurrence rule is not valid: {exc}"
    if not isinstance(rule, rrule):
        return "the recurrence rule is not valid"
    if not first_within(rule, start):
        return f"the recurrence rule never occurs within {FIRST_WITHIN_YEARS} years of its start"
    return ""


def within_limits(text: str, start: datetime) -> str | None:
    """An RRULE stored before these limits, cut to them, or None if it cannot be.

    Only COUNT can be cut without changing what the rule means up to the cut: over
    MAX_COUNT it becomes MAX_COUNT (the first 5,000 dates, each where it was). A rule
    refused for anything else (more than 24 times a day, ...) has no such cut; the
    calendar then shows the event once, at its start (domain/calendar.py ``_starts``)."""
    parts = text.removeprefix("RRULE:").split(";")
    cut = [
        f"COUNT={MAX_COUNT}"
        if p.upper().startswith("COUNT=") and p[6:].isdigit() and int(p[6:]) > MAX_COUNT
        else p
        for p in parts
    ]
    if cut == parts or refusal(";".join(cut), start):
        return None
    return ";".join(cut)


def _parts_refusal(body: str) -> str:
    parts: dict[str, str] = {}
    for part in body.split(";"):
        if not _PART.fullmatch(part):
            return f"the recurrence rule has a malformed part {part[:40]!r}"
        name, value = part.split("=", 1)
        if name not in PARTS or name in parts:
            return f"the recurrence rule part {name[:20]} is not supported here"
        parts[name] = value
    if parts.get("FREQ") not in FREQUENCIES:
        return "a recurrence is daily, weekly, monthly or yearly"
    if "BYSETPOS" in parts and parts["FREQ"] not in SETPOS_FREQUENCIES:
        return "BYSETPOS is for monthly and yearly rules"
    for name in LISTS & parts.keys():
        values = parts[name].split(",")
        most = MAX_SETPOS if name == "BYSETPOS" else MAX_VALUES
        if len(values) > most or len(set(values)) != len(values):
            return f"the recurrence rule's {name} holds repeated or too many values"
    times = len(parts.get("BYHOUR", "0").split(",")) * len(parts.get("BYMINUTE", "0").split(","))
    if times > MAX_TIMES_A_DAY:
        return f"a recurrence falls at most {MAX_TIMES_A_DAY} times a day"
    for name, most in (("INTERVAL", MAX_INTERVAL), ("COUNT", MAX_COUNT)):
        value = parts.get(name, "1")
        if not value.isdigit() or not 1 <= int(value) <= most:
            return f"the recurrence rule's {name} must be from 1 to {most}"
    until = _UNTIL.fullmatch(parts.get("UNTIL", "20000101"))
    if until is None:
        return "the recurrence rule's UNTIL is not a date"
    try:
        y, mo, d, h, mi, s = (int(g or 0) for g in until.groups())
        moment = datetime(y, mo, d, h, mi, s, tzinfo=UTC)
    except ValueError:
        return "the recurrence rule's UNTIL is not a date"
    if not time_bounds.within(moment):
        return "the recurrence rule's UNTIL is outside the years 2000 to 9000"
    return ""


def first_within(rule: rrule, start: datetime) -> bool:
    """True if ``rule`` (COUNT and UNTIL aside) yields a date within WINDOW of ``start``.

    Asking dateutil directly would walk a rule that never occurs to the year 9999. So
    the same rule is asked from a start moved to the last years of the calendar, whose
    walk ends at ``datetime.MAXYEAR`` soon after the window, by a whole number of days
    chosen so that every date of the window keeps its month, day, weekday and its
    year's length (``_probe_year``). Every part of a rule (periods, INTERVAL counted
    from the start, BYDAY with ordinals, BYSETPOS over a period) depends on nothing
    else, so the moved rule yields within the window exactly when the rule does.
    UNTIL and COUNT only cut a walk short at a yielded date; without them the probe
    answers whether dateutil finds a date to stop at, which is what bounds a query.
    """
    year = _probe_year(start.year)
    moved = start.replace(year=year)
    probe = rule.replace(dtstart=moved, until=None, count=None)
    first = next(iter(probe), None)
    return first is not None and first - moved < WINDOW


def _probe_year(year: int) -> int:
    """A year whose window of FIRST_WITHIN_YEARS + 1 years (and the January after it)
    is the same calendar as ``year``'s, as near the end of ``datetime`` as can be.

    The Gregorian calendar repeats every 400 years (146,097 days, exactly 20,871
    weeks). Between the century years that are not leap years (2100, 2200, 2300,
    2500, ... 9900) it is the Julian one, which repeats every 28 years: a year's length
    follows from ``year % 4`` and the weekdays of the next years from its 1 January.
    When ``year``'s window holds no such century year, the year with the same
    ``year % 4`` and 1 January weekday among the last 28 possible ones (all after
    9900) starts an identical window, and the probe walks at most about 40 years.
    Otherwise the window is moved by whole 400-year cycles: at most about 410 years.
    """
    last = MAXYEAR - 1 - FIRST_WITHIN_YEARS
    if not any(_skips_leap_day(y) for y in range(year, year + FIRST_WITHIN_YEARS + 1)):
        weekday = date(year, 1, 1).weekday()
        for candidate in range(last, last - 28, -1):
            if candidate % 4 == year % 4 and date(candidate, 1, 1).weekday() == weekday:
                return candidate
    return year + (last - year) // 400 * 400


def _skips_leap_day(year: int) -> bool:
    return year % 100 == 0 and year % 400 != 0
