"""The PC's time zone for a test: TZ set (as a ward PC in Germany has it) and undone."""

from __future__ import annotations

import time
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def berlin_pc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """This PC's clock shows German time (datetime.astimezone() and local_zone())."""
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()
