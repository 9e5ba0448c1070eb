"""The duty calendar's pure rules across Germany's clock changes (walk 20c): an event
that names its zone repeats at the same wall-clock time, a night that lasts 11 h is
found at its last hour, and a zone name no PC knows is refused."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from desktop_app.domain.calendar import CalendarError, CalendarEvent, check, occurrences
from desktop_app.domain.event_zone import zoned
from tests.pc_zone import BERLIN

WINTER = timezone(timedelta(hours=1))  # what datetime.astimezone() gives in December


def night(zone: str | None = None) -> CalendarEvent:
    return CalendarEvent(
        "nacht",
        "Nachtdienst",
        datetime(2027, 3, 6, 21, tzinfo=WINTER),
        datetime(2027, 3, 7, 7, tzinfo=WINTER),
        rrule="FREQ=WEEKLY;BYDAY=SA",
        zone=zone,
    )


def test_an_event_entered_in_local_time_takes_the_pc_zone_and_keeps_21_00() -> None:
    event = zoned(night(), BERLIN)
    assert event.zone == "Europe/Berlin"
    spring = occurrences(
        [event], datetime(2027, 3, 27, tzinfo=UTC), datetime(2027, 4, 5, tzinfo=UTC)
    )
    assert [(o.start.astimezone(BERLIN).hour, o.end.astimezone(BERLIN).hour) for o in spring] == [
        (21, 7),
        (21, 7),
    ]
    assert spring[0].end.timestamp() - spring[0].start.timestamp() == 9 * 3600


def test_a_time_typed_with_another_offset_keeps_it() -> None:
    """``--start 2027-03-06T21:00+05:00`` on a Berlin PC: not the PC's time, no zone."""
    other = CalendarEvent(
        "x", "Konsil", datetime(2027, 3, 6, 21, tzinfo=timezone(timedelta(hours=5))),
        datetime(2027, 3, 6, 22, tzinfo=timezone(timedelta(hours=5))),
    )  # fmt: skip
    assert zoned(other, BERLIN) == other


def test_the_last_hour_of_the_long_october_night_is_found() -> None:
    """Bug (found with the fix): starts were looked for only one wall-clock length
    (10 h) before the moment asked; the October night lasts 11 h, so at 06:59 CET the
    shift that began 21:00 CEST was not found and nobody was on duty."""
    event = zoned(night(), BERLIN)
    at = datetime(2027, 10, 31, 5, 59, tzinfo=UTC)  # 06:59 CET, as the clock gives it
    (found,) = occurrences([event], at, at + timedelta(minutes=1))
    assert found.start == datetime(2027, 10, 30, 21, tzinfo=BERLIN)


@pytest.mark.parametrize(
    "name", ["../../etc/passwd", "Mars/Olympus_Mons", "/etc/localtime", "x" * 80]
)
def test_a_zone_name_no_pc_knows_is_refused(name: str) -> None:
    with pytest.raises(CalendarError, match="time zone"):
        check(night(zone=name))


def test_a_named_zone_is_taken() -> None:
    assert check(night(zone="Europe/Berlin")).zone == "Europe/Berlin"


def test_a_round_in_the_skipped_hour_happens_when_the_clocks_show_it_then() -> None:
    """Bug: a daily round at 02:40-03:00 on the March night was read as 02:40+01:00
    (03:40 CEST) ending 03:00 CEST, before it began: it vanished from the calendar,
    the reminders and the duty card. It is now at 03:40-04:00, after the jump."""
    start = datetime(2027, 3, 1, 2, 40, tzinfo=BERLIN)
    runde = CalendarEvent("r", "Runde", start, start + timedelta(minutes=20), rrule="FREQ=DAILY")
    night = occurrences(
        [runde], datetime(2027, 3, 27, 12, tzinfo=UTC), datetime(2027, 3, 28, 12, tzinfo=UTC)
    )
    assert [(o.start.strftime("%H:%M %Z"), o.end.strftime("%H:%M %Z")) for o in night] == [
        ("03:40 CEST", "04:00 CEST")
    ]
