"""The event dialog says an End before the Start, and the task and event dialogs take no
more than the domain saves.

Seen in the walk-through: an end before the start was moved on OK to a minute after the
start without a word (a one-minute event saved), and a title or location past the
domain's 200 characters could be typed, only to be refused on save."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.domain import calendar, tasks
from desktop_app.domain.calendar import CalendarEvent
from desktop_app.ui.teamwork.event_dialog import EventDialog
from desktop_app.ui.teamwork.task_dialog import TaskDialog
from tests.ui.language_support import language

__all__ = ["language"]  # the fixture

BEFORE_START = {
    "en": "The end must be after the start.",
    "de": "Das Ende muss nach dem Beginn liegen.",
}
START = datetime(2026, 12, 7, 14, 0, tzinfo=UTC)


def _shown(dialog: QWidget) -> list[str]:
    return [label.text() for label in dialog.findChildren(QLabel) if label.isVisible()]


def _opened(qtbot: QtBot, dialog: QDialog) -> QDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_an_end_before_the_start_is_said_and_not_moved(qtbot: QtBot, language: str) -> None:
    dialog = _opened(qtbot, EventDialog([], [], START))
    assert isinstance(dialog, EventDialog) and dialog.ok_button is not None
    qtbot.keyClicks(dialog.title_edit, "Visite")
    dialog.end_edit.setFocus()
    qtbot.keyClick(dialog.end_edit, Qt.Key.Key_Down)  # the day: one day before the start
    assert dialog.end_edit.dateTime() < dialog.start_edit.dateTime()
    assert BEFORE_START[language] in _shown(dialog)  # at once, under the field

    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.focusWidget() is dialog.end_edit
    assert dialog.end_edit.dateTime() < dialog.start_edit.dateTime()  # nothing moved

    qtbot.keyClick(dialog.end_edit, Qt.Key.Key_Up)
    assert BEFORE_START[language] not in _shown(dialog)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    saved = dialog.result_event()
    assert saved.start == START and (saved.end - saved.start).total_seconds() == 3600


def test_moving_the_start_takes_the_end_along(qtbot: QtBot, language: str) -> None:
    dialog = _opened(qtbot, EventDialog([], [], START))
    assert isinstance(dialog, EventDialog)
    length = dialog.start_edit.dateTime().secsTo(dialog.end_edit.dateTime())
    dialog.start_edit.setFocus()
    for _ in range(3):  # three days later, as a nurse steps the day up
        qtbot.keyClick(dialog.start_edit, Qt.Key.Key_Up)
    assert dialog.start_edit.dateTime().secsTo(dialog.end_edit.dateTime()) == length == 3600
    assert dialog.start_edit.dateTime().date() == QDateTime(START).date().addDays(3)
    assert BEFORE_START[language] not in _shown(dialog)


def test_an_all_day_event_may_end_on_its_first_day(qtbot: QtBot, language: str) -> None:
    dialog = _opened(qtbot, EventDialog([], [], START))
    assert isinstance(dialog, EventDialog)
    qtbot.keyClicks(dialog.title_edit, "Fortbildung")
    qtbot.keyClick(dialog.all_day_check, Qt.Key.Key_Space)
    assert dialog.all_day_check.isChecked()
    dialog.end_edit.setFocus()
    qtbot.keyClick(dialog.end_edit, Qt.Key.Key_Down)  # the day before: refused
    assert BEFORE_START[language] in _shown(dialog)
    qtbot.keyClick(dialog.end_edit, Qt.Key.Key_Up)  # the same day: one whole day
    assert BEFORE_START[language] not in _shown(dialog)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    saved = dialog.result_event()
    assert saved.all_day and (saved.end - saved.start).days == 1


def test_editing_an_all_day_event_keeps_its_days(qtbot: QtBot) -> None:
    """Its end is stored as the next midnight; the dialog shows the last day, so OK
    without a change saves the same days (each edit added a day before)."""
    day = datetime(2026, 12, 7).astimezone()
    event = CalendarEvent("e1", "Fortbildung", day, day.replace(day=8), all_day=True)
    dialog = _opened(qtbot, EventDialog([], [], START, event))
    assert isinstance(dialog, EventDialog) and dialog.ok_button is not None
    assert dialog.end_edit.date() == dialog.start_edit.date()  # one day: Dec 7 to Dec 7
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    saved = dialog.result_event()
    assert (saved.start, saved.end) == (event.start, event.end)


def test_the_event_dialog_takes_what_the_calendar_saves(qtbot: QtBot) -> None:
    dialog = _opened(qtbot, EventDialog([], [], START))
    assert isinstance(dialog, EventDialog)
    assert _typed_past(qtbot, dialog.title_edit, calendar.TITLE_MAX) == calendar.TITLE_MAX
    assert _typed_past(qtbot, dialog.location_edit, calendar.TITLE_MAX) == calendar.TITLE_MAX
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted  # saved, not refused


def test_the_task_dialog_takes_what_the_tasks_save(qtbot: QtBot) -> None:
    dialog = _opened(qtbot, TaskDialog([]))
    assert isinstance(dialog, TaskDialog)
    assert _typed_past(qtbot, dialog.title_edit, tasks.TITLE_MAX) == tasks.TITLE_MAX
    assert _typed_past(qtbot, dialog.new_item, tasks.ITEM_MAX) == tasks.ITEM_MAX
    qtbot.keyClick(dialog.new_item, Qt.Key.Key_Return)
    assert dialog.items_list.count() == 1
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted


def _typed_past(qtbot: QtBot, edit: QLineEdit, limit: int) -> int:
    """Type 30 characters more than ``limit``; how many the field took."""
    qtbot.keyClicks(edit, "x" * (limit + 30))
    return len(edit.text())
