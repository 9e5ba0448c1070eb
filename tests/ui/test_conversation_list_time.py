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


def test_a_night_shift_sees_the_time_of_the_evenings_messages_past_midnight() -> None:
    """At 00:05 a message of 23:47 shows "23:47" (walk 20: "Mon", like one of 14:00);
    after a shift's 12 hours it is named by its weekday again."""
    QLocale.setDefault(translations.locale_for("en"))
    just_after_midnight = datetime(2026, 12, 8, 0, 5).astimezone()  # Tuesday
    assert short_time(datetime(2026, 12, 7, 23, 47).astimezone(), just_after_midnight) == "23:47"
    assert short_time(datetime(2026, 12, 7, 11, 30).astimezone(), just_after_midnight) == "Mon"
