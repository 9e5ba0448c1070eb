"""An event saved before the recurrence limits shows in the calendar window, marked
"⚠", and hovering it says why only part of it is shown (English and German); before,
every query skipped it and it was gone from the week without a word."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from desktop_app.domain.calendar import CalendarEvent, Version
from desktop_app.domain.tasks import Stamp
from tests.ui.chat_support import TIMEOUT_MS, call, start_direct
from tests.ui.test_teamwork_calendar import open_window

EVERY_HALF_HOUR = "FREQ=DAILY;BYHOUR=" + ",".join(str(h) for h in range(24)) + ";BYMINUTE=0,30"


def hover(qtbot: QtBot, window: Any, title: str) -> str:
    box = next(b for b, r in window.view.boxes() if r.event.title == title)
    centre = box.center().toPoint()
    QToolTip.hideText()
    view = window.view
    QApplication.sendEvent(view, QHelpEvent(QEvent.Type.ToolTip, centre, view.mapToGlobal(centre)))
    qtbot.waitUntil(lambda: title in QToolTip.text(), timeout=TIMEOUT_MS)
    return QToolTip.text()


def test_events_stored_before_the_limits_show_marked_with_the_reason(
    qtbot: QtBot, gui_ward: Any, live_session: Any, request: Any
) -> None:
    anna = live_session(gui_ward, "weber.anna")
    gui_ward.enroll("mueller.jonas")
    cid = start_direct(qtbot, anna, "mueller.jonas")
    today = datetime.combine(datetime.now().date(), time(7)).astimezone()
    stored = [
        CalendarEvent("old-1", "Frühdienst", today - timedelta(days=30),
                      today - timedelta(days=30) + timedelta(hours=8),
                      rrule="FREQ=DAILY;COUNT=6000"),
        CalendarEvent("old-2", "Runde", today + timedelta(hours=2),
                      today + timedelta(hours=2, minutes=20), rrule=EVERY_HALF_HOUR),
    ]  # fmt: skip
    for n, event in enumerate(stored):
        version = Version(event, Stamp(n + 1, "dev-old", f"c{n}"), "weber.anna")
        assert call(qtbot, anna, anna.container.calendar.apply, cid, version)
    window = open_window(qtbot, anna, cid)
    qtbot.waitUntil(lambda: {"Frühdienst", "Runde"} <= {r.event.title for r in window.view.rows},
                    timeout=TIMEOUT_MS)  # fmt: skip
    labels = [t for t in window.view.labels() if t]
    assert labels and all(t.startswith("⚠ ") for t in labels), labels
    assert [r.occurrence.start for r in window.view.rows if r.event.title == "Runde"] == [
        stored[1].start
    ]  # once, at its start
    assert "only part of it is shown" in hover(qtbot, window, "Frühdienst")

    request.getfixturevalue("german")  # the GUI in German from here on
    window.reload()
    qtbot.waitUntil(lambda: bool(window.view.rows), timeout=TIMEOUT_MS)
    assert "nur ein Teil davon wird angezeigt" in hover(qtbot, window, "Runde")
