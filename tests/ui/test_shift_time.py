"""How the main window's duty strip and a functional account's card say when a shift
ends or begins: a night shift's end must not read as if it were already over."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QLocale

from desktop_app.ui import translations
from desktop_app.ui.shift_time import shift_time


def test_a_shift_time_names_tomorrow_and_later_days() -> None:
    QLocale.setDefault(translations.locale_for("de"))  # the day in the UI's form (ui/dates.py)
    now = datetime(2026, 12, 6, 15, 0).astimezone()
    assert shift_time(now.replace(hour=19, minute=30), now) == "19:30"
    assert shift_time(now + timedelta(days=1) - timedelta(hours=7, minutes=30), now) == (
        "tomorrow 07:30"
    )
    assert shift_time(now + timedelta(days=3), now) == "09.12. 15:00"
    assert shift_time(now - timedelta(days=1), now) == "05.12. 15:00"
    QLocale.setDefault(translations.locale_for("en"))
    assert shift_time(now + timedelta(days=3), now) == "09/12 15:00"
