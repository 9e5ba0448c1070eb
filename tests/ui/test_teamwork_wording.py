"""Task due times read as the rest of the app's times do: in the UI language's short
form (the task list once showed 2026-12-06 20:54 beside the files tab's 06.12.26 12:14)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest
from PySide6.QtCore import QLocale

from desktop_app.ui import translations
from desktop_app.ui.teamwork.wording import when


@pytest.fixture
def restore_locale() -> Iterator[None]:
    before = QLocale()
    yield
    QLocale.setDefault(before)


def _ms(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


def test_a_due_time_is_written_as_the_ui_language_writes_times(
    qapp: object, restore_locale: None
) -> None:
    due = _ms(datetime(2026, 12, 6, 20, 54))  # local time, as the user set it
    QLocale.setDefault(translations.locale_for("de"))
    assert when(due) == "06.12.26 20:54"
    QLocale.setDefault(translations.locale_for("en"))
    assert when(due) == "06/12/2026 20:54"  # 24 hours and the day first, as on the ward
    assert when(None) == ""
