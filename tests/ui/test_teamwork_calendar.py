"""The duty calendar in the desktop app between two PCs through a real relay: the week
and day views, adding and opening an event, the duty strip of the main window, .ics
import and export (checked with icalendar), and a reminder before an event."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import icalendar
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.ui.teamwork import TeamworkHub
from desktop_app.ui.teamwork.calendar_window import CalendarWindow
from desktop_app.ui.teamwork.duty_strip import DutyStrip
from desktop_app.ui.teamwork.event_dialog import EventDialog
from tests.ui.chat_support import TIMEOUT_MS, call, start_direct

ROSTER = b"""BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Dienstplan//DE
BEGIN:VEVENT
UID:nacht-1@dienstplan
SUMMARY:Nachtdienst
DTSTART:%s
DTEND:%s
RRULE:FREQ=DAILY;COUNT=3
END:VEVENT
END:VCALENDAR
"""


def two_pcs(qtbot: QtBot, gui_ward: Any, live_session: Any) -> tuple[Any, Any, str]:
    anna = live_session(gui_ward, "weber.anna")
    jonas = live_session(gui_ward, "mueller.jonas")
    cid = start_direct(qtbot, anna, "mueller.jonas")
    anna.ctx.bridge.submit(lambda: anna.ctx.client.send_text(cid, "Hallo"))
    qtbot.waitUntil(
        lambda: any(
            r.conversation_id == cid for r in call(qtbot, jonas, jonas.ctx.client.conversations)
        ),
        timeout=TIMEOUT_MS,
    )
    return anna, jonas, cid


def open_window(qtbot: QtBot, session: Any, cid: str) -> CalendarWindow:
    window = CalendarWindow(session.ctx, cid, "Station 3B")
    qtbot.addWidget(window)
    window.show()
    return window


def wait_dialog(qtbot: QtBot, window: CalendarWindow) -> EventDialog:
    qtbot.waitUntil(lambda: window.dialog is not None and window.dialog.isVisible())
    assert window.dialog is not None
    return window.dialog


def titles(window: CalendarWindow) -> list[str]:
    return [r.occurrence.title for r in window.view.rows]


def test_a_duty_shift_added_on_one_pc_shows_in_the_week_and_day_views_of_the_other(
    qtbot: QtBot, gui_ward: Any, live_session: Any
) -> None:
    anna, jonas, cid = two_pcs(qtbot, gui_ward, live_session)
    anna_cal = open_window(qtbot, anna, cid)
    jonas_cal = open_window(qtbot, jonas, cid)
    strip = DutyStrip(jonas.ctx)
    qtbot.addWidget(strip)

    now = datetime.now().astimezone().replace(second=0, microsecond=0)
    anna_cal.add(now - timedelta(hours=1))
    dialog = wait_dialog(qtbot, anna_cal)
    dialog.title_edit.setText("Dienst Kardiologie")
    dialog.location_edit.setText("Station 3B")
    dialog.role_box.setCurrentIndex(dialog.role_box.findText("Dienstarzt Kardiologie"))
    dialog.holder_box.setCurrentIndex(dialog.holder_box.findText("Dr. Anna Weber"))
    dialog.end_edit.setDateTime(dialog.end_edit.dateTime().addSecs(2 * 3600))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    # Jonas's week view shows the shift with the holder; his duty strip names Anna.
    qtbot.waitUntil(lambda: titles(jonas_cal) == ["Dienst Kardiologie"], timeout=TIMEOUT_MS)
    assert jonas_cal.view.rows[0].holder_name == "Dr. Anna Weber"
    assert jonas_cal.view.days == 7
    end = now + timedelta(hours=2)
    until = f"{end:%H:%M}" if end.date() == now.date() else f"tomorrow {end:%H:%M}"
    strip.reload()
    qtbot.waitUntil(
        lambda: (
            strip.text() == f"On duty now: Dienstarzt Kardiologie – Dr. Anna Weber until {until}"
        ),
        timeout=TIMEOUT_MS,
    )

    # A click on the shift in the painted view opens it for editing.
    (box, row) = jonas_cal.view.boxes()[0]
    qtbot.mouseClick(jonas_cal.view, Qt.MouseButton.LeftButton, pos=box.center().toPoint())
    edit = wait_dialog(qtbot, jonas_cal)
    assert edit.original is not None and edit.title_edit.text() == "Dienst Kardiologie"
    assert edit.holder_box.currentText() == "Dr. Anna Weber"
    edit.reject()

    # The day view of the shift's day shows it too; the next day has nothing.
    jonas_cal.show_day(row.occurrence.start.astimezone().date())
    qtbot.waitUntil(lambda: titles(jonas_cal) == ["Dienst Kardiologie"], timeout=TIMEOUT_MS)
    assert jonas_cal.view.days == 1
    # The day after the shift ends (it runs past midnight when the test runs late).
    start, end = row.occurrence.start.astimezone(), row.occurrence.end.astimezone()
    jonas_cal.step(
        (end - timedelta(microseconds=1)).date().toordinal() - start.date().toordinal() + 1
    )
    qtbot.waitUntil(lambda: titles(jonas_cal) == [], timeout=TIMEOUT_MS)

    # Jonas deletes the shift from its dialog: gone on Anna's PC and from the strip.
    jonas_cal.step(-1)
    qtbot.waitUntil(lambda: titles(jonas_cal) == ["Dienst Kardiologie"], timeout=TIMEOUT_MS)
    jonas_cal.edit(jonas_cal.view.rows[0])
    qtbot.waitUntil(lambda: jonas_cal.dialog is not edit and jonas_cal.dialog is not None)
    assert jonas_cal.dialog is not None
    jonas_cal.dialog.delete_button.click()
    qtbot.waitUntil(lambda: titles(anna_cal) == [], timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: not strip.text(), timeout=TIMEOUT_MS)


def test_ics_import_export_and_a_reminder_before_an_event(
    qtbot: QtBot, gui_ward: Any, live_session: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    anna, jonas, cid = two_pcs(qtbot, gui_ward, live_session)
    anna_cal = open_window(qtbot, anna, cid)
    jonas_cal = open_window(qtbot, jonas, cid)
    start = datetime.now().astimezone() + timedelta(minutes=10)
    local = [(start + timedelta(hours=h)).strftime("%Y%m%dT%H%M%S") for h in (0, 8)]
    roster = tmp_path / "dienstplan.ics"
    roster.write_bytes(ROSTER % (local[0].encode(), local[1].encode()))

    anna_cal.import_ics(str(roster))
    qtbot.waitUntil(lambda: anna_cal.status.text() == "1 event imported.", timeout=TIMEOUT_MS)
    jonas_cal.show_day(start.date())
    qtbot.waitUntil(lambda: titles(jonas_cal) == ["Nachtdienst"], timeout=TIMEOUT_MS)

    # Export needs the warning answered; the file has the same event and rule.
    asked: list[object] = []

    def yes(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
        asked.append(args)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", yes)
    out = tmp_path / "export.ics"
    jonas_cal.export_ics(str(out))
    qtbot.waitUntil(lambda: jonas_cal.status.text() == "Calendar exported.", timeout=TIMEOUT_MS)
    assert len(asked) == 1
    (event,) = icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Nachtdienst"
    assert event["RRULE"]["FREQ"] == ["DAILY"] and event["RRULE"]["COUNT"] == [3]

    # Fifteen minutes before: a reminder with the conversation's name and the title only.
    popups: list[tuple[str, str]] = []
    parent = QWidget()
    qtbot.addWidget(parent)
    hub = TeamworkHub(jonas.ctx, lambda title, text: popups.append((title, text)), parent)
    hub.reminders._since = datetime.now().astimezone() - timedelta(minutes=10)
    hub.reminders.check()
    qtbot.waitUntil(lambda: bool(popups), timeout=TIMEOUT_MS)
    assert popups == [("WardLink reminder", "Dr. Anna Weber: Nachtdienst starts soon")]
    hub.clear()


def test_export_is_off_when_policy_forbids_it(
    qtbot: QtBot, gui_ward: Any, live_session: Any, monkeypatch: Any
) -> None:
    from dataclasses import replace

    anna = live_session(gui_ward, "weber.anna")
    gui_ward.enroll("mueller.jonas")
    cid = start_direct(qtbot, anna, "mueller.jonas")
    window = CalendarWindow(replace(anna.ctx, export_allowed=False), cid, "Jonas Müller")
    qtbot.addWidget(window)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: pytest_fail())
    assert not window.export_button.isEnabled()
    window.export_ics("/nonexistent/never.ics")  # does nothing, asks nothing


def pytest_fail() -> None:
    raise AssertionError("no question may be asked when export is off")


def test_overlapping_events_sit_side_by_side(qtbot: QtBot) -> None:
    from datetime import date, time

    from desktop_app.domain.calendar import CalendarEvent, Occurrence
    from desktop_app.services.live_teamwork import OccurrenceRow
    from desktop_app.ui.teamwork.week_view import WeekView

    monday = date(2026, 12, 7)

    def row(name: str, hour: int, hours: int) -> OccurrenceRow:
        start = datetime.combine(monday, time(hour)).astimezone()
        end = start + timedelta(hours=hours)
        event = CalendarEvent(name, name, start, end)
        return OccurrenceRow("c", event, Occurrence(name, name, start, end, False, "", None, None),
                             "", "")  # fmt: skip

    view = WeekView()
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show_range(monday, 7, [row("a", 8, 4), row("b", 10, 4), row("c", 13, 1), row("d", 20, 1)])
    boxes = {r.event.event_id: box for box, r in view.boxes()}
    assert boxes["a"].width() == boxes["b"].width() == boxes["c"].width()  # one group, 2 lanes
    assert boxes["b"].left() >= boxes["a"].right() - 0.01  # side by side, not on top
    assert boxes["c"].left() == boxes["a"].left()  # a ended: c takes its lane
    assert boxes["d"].width() == 2 * boxes["a"].width()  # alone: the whole column
    assert not boxes["a"].intersects(boxes["b"])


def test_a_night_shifts_part_after_midnight_says_until_when(qtbot: QtBot) -> None:
    from datetime import date, time

    from desktop_app.domain.calendar import CalendarEvent, Occurrence
    from desktop_app.services.live_teamwork import OccurrenceRow
    from desktop_app.ui.teamwork.month_view import MonthView
    from desktop_app.ui.teamwork.week_view import WeekView

    saturday = date(2026, 12, 5)
    start = datetime.combine(saturday, time(7, 30)).astimezone()
    end = start + timedelta(hours=24)
    event = CalendarEvent("n", "24-h-Dienst", start, end)
    occurrence = Occurrence("n", "24-h-Dienst", start, end, False, "", None, None)
    view = WeekView()
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show_range(saturday, 2, [OccurrenceRow("c", event, occurrence, "", "")])
    (first, second) = view.boxes()
    assert second[0].left() > first[0].left()  # Saturday, then Sunday from its midnight
    # Sunday's box starts at midnight: "07:30" there read as a shift starting that morning.
    assert view.labels() == ["07:30 24-h-Dienst", "until 07:30 24-h-Dienst"]

    month = MonthView()  # the same in the month: Saturday's shift, Sunday its end
    qtbot.addWidget(month)
    month.resize(1600, 700)  # wide enough for the whole label
    month.show_month(saturday.replace(day=1), [OccurrenceRow("c", event, occurrence, "", "")])
    assert month.day_lines(saturday) == ["07:30 24-h-Dienst"]
    assert month.day_lines(saturday + timedelta(days=1)) == ["until 07:30 24-h-Dienst"]


def test_a_burst_of_changes_reloads_once_and_not_when_unwanted(qtbot: QtBot) -> None:
    from desktop_app.ui.teamwork.coalesce import RELOAD_DELAY_MS, coalesced

    parent = QWidget()
    qtbot.addWidget(parent)
    calls: list[int] = []
    wanted = [True]
    slot = coalesced(parent, lambda: calls.append(1), lambda: wanted[0])
    for n in range(500):  # an .ics import of 500 events announces each
        slot(f"ics-{n}")
    qtbot.waitUntil(lambda: calls == [1])
    qtbot.wait(3 * RELOAD_DELAY_MS)
    assert calls == [1]
    wanted[0] = False  # closed or locked meanwhile
    slot("later")
    qtbot.wait(3 * RELOAD_DELAY_MS)
    assert calls == [1]


def test_a_weekday_shift_repeats_and_the_day_header_opens_the_day(
    qtbot: QtBot, gui_ward: Any, live_session: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    from datetime import date

    from PySide6.QtCore import QDate, QDateTime, QPoint, QTime

    anna, jonas, cid = two_pcs(qtbot, gui_ward, live_session)
    anna_cal = open_window(qtbot, anna, cid)
    jonas_cal = open_window(qtbot, jonas, cid)
    monday = date.today() - timedelta(days=date.today().weekday())
    anna_cal.add(None)
    dialog = wait_dialog(qtbot, anna_cal)
    dialog.title_edit.setText("Frühdienst")
    start = QDateTime(QDate(monday.year, monday.month, monday.day), QTime(7, 0))
    dialog.start_edit.setDateTime(start)
    dialog.end_edit.setDateTime(start.addSecs(8 * 3600))
    dialog.repeat_box.setCurrentIndex(dialog.repeat_box.findText("Every weekday (Mon–Fri)"))
    dialog.until_check.setChecked(True)
    friday = monday + timedelta(days=11)  # the next week's Friday
    dialog.until_edit.setDate(QDate(friday.year, friday.month, friday.day))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    # Jonas's week: Monday to Friday, nothing on the weekend; the next week too, then none.
    qtbot.waitUntil(lambda: titles(jonas_cal) == ["Frühdienst"] * 5, timeout=TIMEOUT_MS)
    days = [r.occurrence.start.astimezone().date() for r in jonas_cal.view.rows]
    assert days == [monday + timedelta(days=n) for n in range(5)]
    jonas_cal.step(1)
    qtbot.waitUntil(lambda: len(titles(jonas_cal)) == 5, timeout=TIMEOUT_MS)
    jonas_cal.step(1)
    qtbot.waitUntil(lambda: titles(jonas_cal) == [], timeout=TIMEOUT_MS)
    jonas_cal.today()

    # A click on Wednesday's name opens that day.
    qtbot.waitUntil(lambda: len(titles(jonas_cal)) == 5, timeout=TIMEOUT_MS)
    view = jonas_cal.view
    x = 48 + 2.5 * (view.width() - 48) / 7
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(int(x), 10))
    qtbot.waitUntil(lambda: view.days == 1 and len(titles(jonas_cal)) == 1, timeout=TIMEOUT_MS)
    assert view.first == monday + timedelta(days=2)

    # Opened again, the dialog shows the same repetition and end day.
    jonas_cal.edit(view.rows[0])
    edit = wait_dialog(qtbot, jonas_cal)
    assert edit.repeat_box.currentText() == "Every weekday (Mon–Fri)"
    assert edit.until_check.isChecked() and edit.until_edit.date().toPython() == friday
    edit.reject()


def test_a_24_hour_duty_sits_on_top_and_leaves_the_days_events_readable(qtbot: QtBot) -> None:
    """Seen on a ward: beside "Dienstarzt Kardiologie 07:00-07:00" every other event of
    the day was cut to a few letters (the duty took half the column all day)."""
    from dataclasses import replace
    from datetime import date, time

    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    from desktop_app.domain.calendar import CalendarEvent, Occurrence
    from desktop_app.services.live_teamwork import OccurrenceRow
    from desktop_app.ui.teamwork.week_view import WeekView

    monday = date(2026, 12, 7)

    def row(name: str, start: datetime, hours: int, holder: str = "") -> OccurrenceRow:
        end = start + timedelta(hours=hours)
        event = CalendarEvent(name, name, start, end)
        occurrence = Occurrence(name, name, start, end, False, "", None, None)
        return OccurrenceRow("c", event, occurrence, "", holder)

    at = lambda hour, minute=0: datetime.combine(monday, time(hour, minute)).astimezone()  # noqa: E731
    duty = row("Dienstarzt Kardiologie", at(7), 24, "Dr. Anna Weber")
    visit = row("Visite", at(8, 30), 1)
    meeting = row("Übergabe", at(13), 1)
    view = WeekView()
    qtbot.addWidget(view)
    view.resize(1000, 700)  # the calendar window's week at its default size
    view.show()
    course = row("Fortbildung", at(0), 24)  # all day: a second band on Monday
    course = OccurrenceRow("c", course.event, replace(course.occurrence, all_day=True), "", "")
    view.show_range(monday, 7, [duty, visit, meeting, course])
    column = (view.width() - 48) / 7

    boxes = {r.event.event_id: box for box, r in view.boxes()}
    labels = {r.event.event_id: t for (_b, r), t in zip(view.boxes(), view.labels(), strict=True)}
    for name in ("Visite", "Übergabe"):
        assert boxes[name].width() >= column - 6, (name, boxes[name].width(), column)
    assert labels["Visite"] == "08:30 Visite"  # not elided
    assert labels["Übergabe"] == "13:00 Übergabe"
    # The duty is a band above the hours, on Monday and on Tuesday until 07:00.
    duty_boxes = [box for box, r in view.boxes() if r is duty]
    assert len(duty_boxes) == 2
    assert all(box.bottom() <= boxes["Visite"].top() for box in duty_boxes)
    assert all(not box.intersects(boxes["Visite"]) for box in duty_boxes)
    assert not boxes["Fortbildung"].intersects(duty_boxes[0])  # stacked, not on top

    # Hovering an event shows its full text, also where the box is too narrow for it.
    centre = boxes["Visite"].center().toPoint()
    QToolTip.hideText()
    QApplication.sendEvent(view, QHelpEvent(QEvent.Type.ToolTip, centre, view.mapToGlobal(centre)))
    qtbot.waitUntil(lambda: "Visite" in QToolTip.text())
    assert "08:30" in QToolTip.text() and "09:30" in QToolTip.text()  # from when to when
    centre = duty_boxes[0].center().toPoint()
    QApplication.sendEvent(view, QHelpEvent(QEvent.Type.ToolTip, centre, view.mapToGlobal(centre)))
    qtbot.waitUntil(lambda: "Dienstarzt Kardiologie" in QToolTip.text())
    assert "Dr. Anna Weber" in QToolTip.text()
