"""A roster's EXDATE and RECURRENCE-ID in the pure core (walk 20c): skipped starts are
bounded and belong to repeating events only; an override is an event of its own."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from desktop_app.domain.calendar import MAX_EXDATES, CalendarError, check, occurrences
from desktop_app.domain.ics import from_ics
from tests.domain.test_calendar_clock_change import night
from tests.pc_zone import BERLIN
from tests.services.test_teamwork_roster_import import ROSTER


def test_the_swapped_shift_is_its_own_event_and_its_series_skips_the_old_night() -> None:
    series, swap, *_rest = from_ics(ROSTER.read_bytes(), BERLIN)
    assert series.event_id != swap.event_id and swap.rrule is None
    assert series.exdates == (
        datetime(2027, 4, 10, 19, tzinfo=UTC),  # EXDATE in UTC form
        datetime(2027, 4, 17, 21, tzinfo=BERLIN),  # the RECURRENCE-ID
    )
    april = occurrences(
        [series], datetime(2027, 4, 9, tzinfo=UTC), datetime(2027, 4, 20, tzinfo=UTC)
    )
    assert april == []


def test_skipped_starts_are_bounded_and_only_for_repeating_events() -> None:
    start = night().start
    many = tuple(start + timedelta(weeks=n) for n in range(MAX_EXDATES + 1))
    with pytest.raises(CalendarError, match="skips dates"):
        check(replace(night(), exdates=many))
    with pytest.raises(CalendarError, match="skips dates"):
        check(replace(night(), rrule=None, exdates=(start,)))
    with pytest.raises(CalendarError, match="skipped date"):
        check(replace(night(), exdates=(start.replace(tzinfo=None),)))
    assert check(replace(night(), exdates=many[:MAX_EXDATES])).exdates == many[:MAX_EXDATES]
