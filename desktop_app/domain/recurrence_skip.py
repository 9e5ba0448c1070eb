"""Walk a recurring event from near the window asked for, not from its start.

dateutil walks a rule from its DTSTART, so a query's cost grew with the event's age
times its density: a colleague's shift from 1 January 2000 recurring every minute
(DAILY with 24 BYHOUR and 60 BYMINUTE values) spent ``calendar.MAX_RULE_STEPS`` steps
(about 46 ms) in the year 2000 on every query and showed nothing; 200 of them made each
week view, duty card and "on duty now" take 7-9 s, 1,000 about 45 s.

A rule without COUNT yields, from a later start moved by whole periods (FREQ times
INTERVAL: days for DAILY and WEEKLY, months for MONTHLY and YEARLY), the same dates as
from its own start, except in the first period, where the moved start cuts a period
the rule had whole. So the start is moved to at least two periods before the window:
everything the window holds is unchanged. UNTIL is absolute; COUNT counts from the
real start, so a rule with COUNT is walked from it (``recurrence.MAX_COUNT`` bounds
that walk). A month without the start's day (the 31st, 29 February) is skipped.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Final

from dateutil.rrule import rrule

DAYS: Final = {"DAILY": 1, "WEEKLY": 7}
MONTHS: Final = {"MONTHLY": 1, "YEARLY": 12}
MARGIN_PERIODS: Final = 2
TRIES: Final = 48  # months without the start's day in a row (29 February: 8 years)


def skipped_ahead(rule: rrule, text: str, start: datetime, after: datetime) -> rrule:
    """``rule`` (from ``start``; ``text`` its RRULE) moved as near ``after`` as keeps
    every date it yields from ``after`` on."""
    parts = dict(p.split("=", 1) for p in text.removeprefix("RRULE:").upper().split(";"))
    if "COUNT" in parts or after <= start:
        return rule
    interval = int(parts.get("INTERVAL", "1"))
    freq = parts.get("FREQ", "")
    if freq in DAYS:
        period = DAYS[freq] * interval
        periods = (after - start).days // period - MARGIN_PERIODS
        if periods <= 0:
            return rule
        return rule.replace(dtstart=start + timedelta(days=periods * period))
    if freq in MONTHS:
        period = MONTHS[freq] * interval
        months = (after.year - start.year) * 12 + after.month - start.month
        periods = months // period - MARGIN_PERIODS
        for tried in range(max(0, periods), max(0, periods - TRIES), -1):
            moved = _months_later(start, tried * period)
            if moved is not None:
                return rule.replace(dtstart=moved)
    return rule


def _months_later(start: datetime, months: int) -> datetime | None:
    index = start.year * 12 + start.month - 1 + months
    try:
        return start.replace(year=index // 12, month=index % 12 + 1)
    except ValueError:  # no such day in that month
        return None
