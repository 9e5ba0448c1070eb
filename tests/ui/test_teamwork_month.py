"""The calendar's month view between two PCs through a real relay: a weekly duty shift
expanded on its days with the role, a crowded day with "+N more", navigation by month,
and a click on a day opening its week."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from desktop_app.domain.calendar import CalendarEvent
from tests.ui.chat_support import TIMEOUT_MS
from tests.ui.test_teamwork_calendar import open_window, titles, two_pcs, wait_dialog


def test_the_month_shows_a_repeating_shift_on_its_days_and_a_click_opens_the_week(
    qtbot: QtBot, gui_ward: Any, live_session: Any
) -> None:
    anna, jonas, cid = two_pcs(qtbot, gui_ward, live_session)
    window = open_window(qtbot, jonas, cid)
    window.resize(1000, 700)
    month = date.today().replace(day=1)
    grid_start = month - timedelta(days=month.weekday())
    start = datetime.combine(grid_start, time(7)).astimezone()
    shift = CalendarEvent(
        uuid.uuid4().hex, "Frühdienst", start, start + timedelta(hours=8),
        rrule="FREQ=WEEKLY;BYDAY=MO,WE", duty_role="dienstarzt.kardio", duty_holder="weber.anna",
    )  # fmt: skip
    busy = month + timedelta(days=14)  # the 15th: more meetings than a cell can list
    meetings = [
        CalendarEvent(
            uuid.uuid4().hex,
            f"Besprechung {n}",
            datetime.combine(busy, time(9 + n)).astimezone(),
            datetime.combine(busy, time(9 + n, 30)).astimezone(),
        )
        for n in range(8)
    ]
    saved: list[object] = []
    for event in [shift, *meetings]:
        anna.ctx.bridge.submit(
            lambda e=event: anna.ctx.client.teamwork.save_event(cid, e), done=saved.append
        )
    qtbot.waitUntil(lambda: len(saved) == 9, timeout=TIMEOUT_MS)
    # its id as kept (a new event's id is made to name its conversation: bound_ids)
    shift_id = next(
        e.event_id for e in saved if isinstance(e, CalendarEvent) and e.title == "Frühdienst"
    )

    window.month_button.click()
    view = window.month_view
    assert window.stack.currentWidget() is view
    assert window.range_label.text() == f"{month:%B %Y}"  # QLocale: English in tests
    qtbot.waitUntil(lambda: len(view.rows) == 6 * 2 + 8, timeout=TIMEOUT_MS)

    # The weekly rule expanded: Mondays and Wednesdays of all six grid weeks, with the
    # time and the role; no other day has the shift.
    for n in range(42):
        day = grid_start + timedelta(days=n)
        shifts = [r for r in view.day_rows(day) if r.event.event_id == shift_id]
        expected = 1 if day.weekday() in (0, 2) else 0
        assert len(shifts) == expected, day
        if expected:
            assert view.day_lines(day)[0].startswith("07:00 Frühdienst")
            assert shifts[0].role_name == "Dienstarzt Kardiologie"

    # The crowded day lists what fits, in time order, then how many more.
    lines = view.day_lines(busy)
    expected_rows = (1 if busy.weekday() in (0, 2) else 0) + 8
    assert len(view.day_rows(busy)) == expected_rows
    assert lines[-1] == f"+{expected_rows - len(lines) + 1} more"
    assert [r.occurrence.title for r in view.day_rows(busy)][-1] == "Besprechung 7"
    # Hovering the day lists all, also those behind "+N more".
    centre = view.cell_rect(busy).center().toPoint()
    QApplication.sendEvent(view, QHelpEvent(QEvent.Type.ToolTip, centre, view.mapToGlobal(centre)))
    qtbot.waitUntil(lambda: "Besprechung 7" in QToolTip.text())
    assert "16:00 Besprechung 7" in QToolTip.text()

    # Previous and next month; today comes back.
    window.step(1)
    following = (month + timedelta(days=32)).replace(day=1)
    assert window.range_label.text() == f"{following:%B %Y}"
    window.today()
    assert view.month == month
    qtbot.waitUntil(lambda: len(view.rows) == 20, timeout=TIMEOUT_MS)

    # "Add event …" in the month starts today (this month), at 08:00.
    window.add_button.click()
    dialog = wait_dialog(qtbot, window)
    assert dialog.start_edit.dateTime().toPython() == datetime.combine(date.today(), time(8))
    dialog.reject()

    # A click on the 15th opens its week with the meetings.
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=centre)
    assert window.stack.currentIndex() == 0 and window.view.days == 7
    assert window.view.first == busy - timedelta(days=busy.weekday())
    qtbot.waitUntil(
        lambda: {f"Besprechung {n}" for n in range(8)} <= set(titles(window)), timeout=TIMEOUT_MS
    )
