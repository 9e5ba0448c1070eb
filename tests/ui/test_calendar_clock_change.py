"""The duty calendar in the desktop app across Germany's clock changes (walk 20c), in
German, on a PC whose zone is Europe/Berlin: a Saturday night shift entered in the
event dialog in winter shows 21:00 to 07:00 on the other PC before and after both
changes, the March night 9 h long, the October night 11 h."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from pytestqt.qtbot import QtBot

from desktop_app.ui.teamwork.calendar_window import CalendarWindow
from tests.pc_zone import berlin_pc  # noqa: F401
from tests.ui.chat_support import TIMEOUT_MS
from tests.ui.test_teamwork_calendar import open_window, two_pcs, wait_dialog

NIGHT = ["21:00 Nachtdienst", "bis 07:00 Nachtdienst"]  # Saturday's box, then Sunday's


def week(qtbot: QtBot, window: CalendarWindow, day: date) -> list[tuple[str, float]]:
    """The week of ``day``: each box's German label and its shift's length in hours."""
    window.show_week(day)
    qtbot.waitUntil(lambda: window.first == day and bool(window.view.rows), timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: len(window.view.labels()) == 2, timeout=TIMEOUT_MS)
    return [
        (label, (row.occurrence.end.timestamp() - row.occurrence.start.timestamp()) / 3600)
        for label, (_box, row) in zip(window.view.labels(), window.view.boxes(), strict=True)
    ]


@pytest.mark.usefixtures("berlin_pc", "german")
def test_a_night_shift_entered_in_winter_shows_21_to_07_after_both_clock_changes(
    qtbot: QtBot, gui_ward: Any, live_session: Any
) -> None:
    anna, jonas, cid = two_pcs(qtbot, gui_ward, live_session)
    anna_cal = open_window(qtbot, anna, cid)
    anna_cal.add(datetime(2027, 3, 6, 21).astimezone())
    dialog = wait_dialog(qtbot, anna_cal)
    dialog.title_edit.setText("Nachtdienst")
    dialog.end_edit.setDateTime(QDateTime(QDate(2027, 3, 7), QTime(7, 0)))
    dialog.repeat_box.setCurrentIndex(dialog.repeat_box.findData("FREQ=WEEKLY"))
    assert dialog.repeat_box.currentText() == "Jede Woche"
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    jonas_cal = open_window(qtbot, jonas, cid)
    jonas_cal.resize(1600, 900)  # labels whole, not elided
    # Bug: before, from April on the shift read "22:00 Nachtdienst", "bis 08:00 ...".
    assert week(qtbot, jonas_cal, date(2027, 3, 15)) == [(NIGHT[0], 10), (NIGHT[1], 10)]
    assert week(qtbot, jonas_cal, date(2027, 3, 22)) == [(NIGHT[0], 9), (NIGHT[1], 9)]
    assert week(qtbot, jonas_cal, date(2027, 3, 29)) == [(NIGHT[0], 10), (NIGHT[1], 10)]
    assert week(qtbot, jonas_cal, date(2027, 10, 25)) == [(NIGHT[0], 11), (NIGHT[1], 11)]
    assert week(qtbot, jonas_cal, date(2027, 11, 1)) == [(NIGHT[0], 10), (NIGHT[1], 10)]
