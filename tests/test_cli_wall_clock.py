"""`wardlink client ... task add --due` / `calendar add --start` on a Berlin PC (walk
20c): a time in the hour the clock change skips or repeats is refused with what to
type; before, 02:30 on the March night silently became 01:30 CET (03:30 with zoneinfo)
and the task fell due an hour off."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime

import pytest

from desktop_app.commands.teamwork_client_cmd import _when
from tests.pc_zone import berlin_pc  # noqa: F401


@pytest.mark.usefixtures("berlin_pc")
def test_a_due_time_in_the_skipped_or_repeated_hour_is_refused_with_what_to_type() -> None:
    with pytest.raises(argparse.ArgumentTypeError, match="does not exist here"):
        _when("2027-03-28T02:30")
    with pytest.raises(argparse.ArgumentTypeError, match=r"happens twice.*\+02:00 for the first"):
        _when("2027-10-31T02:30")
    # with the offset it is clear; the hours around the changes are taken as typed
    assert _when("2027-10-31T02:30+01:00") == datetime(2027, 10, 31, 1, 30, tzinfo=UTC)
    assert _when("2027-03-28T03:00") == datetime(2027, 3, 28, 1, 0, tzinfo=UTC)
    assert _when("2027-10-31T03:00") == datetime(2027, 10, 31, 2, 0, tzinfo=UTC)
    assert _when("2027-03-28") == datetime(2027, 3, 27, 23, 0, tzinfo=UTC)
