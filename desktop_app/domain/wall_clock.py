"""A local time typed without an offset, taken in a zone, or refused with the reason.

On the last Sunday of March 02:00-02:59 does not exist in Germany and on the last Sunday
of October 02:00-02:59 happens twice. ``datetime.replace(tzinfo=zone)`` moves a skipped
time silently by an hour (to 03:30 with zoneinfo, to 01:30 with dateutil's tzlocal) and
picks the first of a repeated one: a task due "02:30" fell due an hour off. So such a
time is refused with what to type instead."""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo


class WallClockError(ValueError):
    """A local time the clock change skips or repeats; the message says what to type."""


class SkippedTime(WallClockError):
    """The clocks jump over this local time (02:30 on the last Sunday of March)."""


class RepeatedTime(WallClockError):
    """The clocks show this local time twice (02:30 on the last Sunday of October)."""


def wall_clock(naive: datetime, zone: tzinfo) -> datetime:
    """``naive`` (no offset) as a time in ``zone``; WallClockError if it is skipped or
    repeated there."""
    first = naive.replace(tzinfo=zone, fold=0)
    second = naive.replace(tzinfo=zone, fold=1)
    back = first.astimezone(UTC).astimezone(zone).replace(tzinfo=None, fold=0)
    if back != naive.replace(fold=0):
        raise SkippedTime(
            f"{naive:%Y-%m-%d %H:%M} does not exist here: the clocks go forward that "
            f"night; give the time after the change (or add the UTC offset you mean)"
        )
    if first.utcoffset() != second.utcoffset():
        raise RepeatedTime(
            f"{naive:%Y-%m-%d %H:%M} happens twice here: the clocks go back that night; "
            f"add the UTC offset you mean ({_offset(first)} for the first, "
            f"{_offset(second)} for the second)"
        )
    return first


def _offset(moment: datetime) -> str:
    text = moment.strftime("%z")
    return f"{text[:3]}:{text[3:]}"
