"""The conversation list's time column speaks the UI language: a message of this week is
shown by its weekday, "So." in German (strftime named it "Sun" in a German UI)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QLocale

from desktop_app.ui import translations
from desktop_app.ui.shell.conversation_list import short_time

NOW = datetime(2026, 12, 7, 9, 30).astimezone()  # a Monday


@pytest.mark.parametrize(
    ("language", "sunday", "older"),
    [("de", "So.", "20.11.26"), ("en", "Sun", "20/11/2026")],
)
def test_the_weekday_and_date_are_in_the_ui_language(
    language: str, sunday: str, older: str
) -> None:
    QLocale.setDefault(translations.locale_for(language))  # as translations.install does
    assert short_time(NOW - timedelta(hours=2), NOW) == "07:30"
    assert short_time(NOW - timedelta(days=1), NOW) == sunday
    assert short_time(NOW - timedelta(days=17), NOW) == older
