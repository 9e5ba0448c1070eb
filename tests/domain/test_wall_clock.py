"""Local times typed in the hour a clock change skips or repeats (walk 20c): refused
with what to type, never moved by an hour; every other time is taken as typed."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from desktop_app.domain.wall_clock import WallClockError, wall_clock
from tests.pc_zone import BERLIN


def test_an_ordinary_time_is_taken_as_typed() -> None:
    assert wall_clock(datetime(2027, 3, 28, 3, 30), BERLIN) == datetime(
        2027, 3, 28, 1, 30, tzinfo=UTC
    )
    assert wall_clock(datetime(2027, 10, 31, 3, 0), BERLIN) == datetime(2027, 10, 31, 2, tzinfo=UTC)
    assert wall_clock(datetime(2027, 7, 1, 2, 30), BERLIN).utcoffset().total_seconds() == 7200  # type: ignore[union-attr]


def test_a_time_the_march_change_skips_is_refused_not_moved() -> None:
    with pytest.raises(WallClockError, match="2027-03-28 02:30 does not exist here"):
        wall_clock(datetime(2027, 3, 28, 2, 30), BERLIN)


def test_a_time_the_october_change_repeats_asks_which() -> None:
    with pytest.raises(WallClockError, match=r"happens twice.*\+02:00 for the first, \+01:00"):
        wall_clock(datetime(2027, 10, 31, 2, 30), BERLIN)
