"""The calendar's week opens at the hours that matter, not at midnight (seen in the demo:
at the default size the evening was out of sight, so a 22:00 event was missed), and the
day names and the duty strip stay in sight however far the hours are scrolled."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta
from typing import Any

from PySide6.QtCore import QPoint, QRect, Qt
from pytestqt.qtbot import QtBot

from desktop_app.domain.calendar import CalendarEvent
from desktop_app.ui.teamwork.calendar_window import CalendarWindow
from desktop_app.ui.teamwork.week_view import HEAD_H, HOUR_COLUMN_W
from tests.ui.chat_support import TIMEOUT_MS, call, start_direct


def shown_in_viewport(window: CalendarWindow, title: str) -> bool:
    """Whether the event's box is on screen, below the pinned day names and strip."""
    scroll = window.view.parentWidget()  # the scroll area's viewport
    visible = QRect(0, 0, scroll.width(), scroll.height())
    pinned = HEAD_H + window.view._strip_h
    for box, row in window.view.boxes():
        if row.occurrence.title == title:
            top_left = window.view.mapTo(scroll, box.topLeft().toPoint())
            return visible.contains(top_left) and top_left.y() >= pinned
    return False


def add_event(qtbot: QtBot, session: Any, cid: str, title: str, start: datetime) -> None:
    event = CalendarEvent(uuid.uuid4().hex, title, start, start + timedelta(hours=1))
    done: list[object] = []
    session.ctx.bridge.submit(lambda: session.ctx.client.teamwork.save_event(cid, event),
                              done=done.append)  # fmt: skip
    qtbot.waitUntil(lambda: bool(done), timeout=TIMEOUT_MS)


def test_the_week_opens_at_now_and_at_the_first_event_with_the_day_names_in_sight(
    qtbot: QtBot, gui_ward: Any, live_session: Any
) -> None:
    anna = live_session(gui_ward, "weber.anna")
    live_session(gui_ward, "mueller.jonas")  # enrolled, so a chat with him can start
    cid = start_direct(qtbot, anna, "mueller.jonas")
    today = date.today()
    monday = today - timedelta(days=today.weekday())
    next_week = monday + timedelta(days=8)  # a Tuesday, not today
    late = datetime.combine(today, time(22, 30)).astimezone()
    add_event(qtbot, anna, cid, "Spätbesprechung", late)
    add_event(qtbot, anna, cid, "Nachtübergabe",
              datetime.combine(next_week, time(21, 0)).astimezone())  # fmt: skip
    assert call(qtbot, anna, anna.ctx.client.teamwork.occurrences, cid,
                late - timedelta(days=14), late + timedelta(days=14))  # fmt: skip

    window = CalendarWindow(anna.ctx, cid, "Station 3B")
    qtbot.addWidget(window)
    window.view.now = lambda: late  # the evening shift opens the calendar
    window.show()  # the default size: the whole day does not fit
    qtbot.waitUntil(lambda: shown_in_viewport(window, "Spätbesprechung"), timeout=TIMEOUT_MS)

    # The day names stay on top: a click on Wednesday's name opens that day.
    scroll = window.view.parentWidget()
    assert window.hours.value() > 0
    col = (window.view.width() - HOUR_COLUMN_W) / 7
    wednesday = window.view.mapFrom(scroll, QPoint(int(HOUR_COLUMN_W + 2.5 * col), HEAD_H // 2))
    qtbot.mouseClick(window.view, Qt.MouseButton.LeftButton, pos=wednesday)
    qtbot.waitUntil(lambda: window.view.days == 1, timeout=TIMEOUT_MS)
    assert window.view.first == monday + timedelta(days=2)

    # Next week holds no today: it opens at its first event of the day.
    qtbot.mouseClick(window.week_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shown_in_viewport(window, "Nachtübergabe"), timeout=TIMEOUT_MS)
