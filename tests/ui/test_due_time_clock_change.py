"""A due time typed in the hour a clock change skips or repeats (walk 20c), on a Berlin
PC, in English and German: the task dialog says so at the field and does not close.
Before, the field showed "28.03.2027 02:30" but held 01:30 CET: the task was saved due
an hour before what the nurse read; on 31 October the first 02:30 was taken unsaid."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import QDateTimeEdit, QDialog, QLabel
from pytestqt.qtbot import QtBot

from desktop_app.ui.teamwork.event_dialog import EventDialog
from desktop_app.ui.teamwork.task_dialog import TaskDialog
from tests.pc_zone import berlin_pc  # noqa: F401
from tests.ui.language_support import language

__all__ = ["language"]  # the fixture

SAID = {
    ("en", 3): "{} does not exist: that night the clocks go forward one hour. Choose a time "
    "before or after the hour they skip.",
    ("de", 3): "{} gibt es nicht: In dieser Nacht wird die Uhr eine Stunde vorgestellt. Bitte "
    "eine Zeit vor oder nach der übersprungenen Stunde wählen.",
    ("en", 10): "{} happens twice: that night the clocks go back one hour. Choose a time "
    "before or after the hour they repeat.",
    ("de", 10): "{} gibt es zweimal: In dieser Nacht wird die Uhr eine Stunde zurückgestellt. "
    "Bitte eine Zeit vor oder nach der doppelten Stunde wählen.",
}


def typed_due(qtbot: QtBot, dialog: TaskDialog, day: QDate, hour: str) -> str:
    """Type ``hour`` into the due field's hour on ``day`` (from 01:30), as a nurse does."""
    dialog.due_check.setChecked(True)
    dialog.due_edit.setDateTime(QDateTime(day, QTime(1, 30)))
    dialog.due_edit.setFocus()
    dialog.due_edit.setSelectedSection(QDateTimeEdit.Section.HourSection)
    qtbot.keyClicks(dialog.due_edit, hour)
    return dialog.due_edit.text()


def said(dialog: QDialog) -> list[str]:
    return [label.text() for label in dialog.findChildren(QLabel) if label.isVisible()]


@pytest.mark.usefixtures("berlin_pc")
@pytest.mark.parametrize("month", [3, 10])
def test_a_due_time_in_the_hour_the_clocks_skip_or_repeat_is_refused_at_the_field(
    qtbot: QtBot, language: str, month: int
) -> None:
    dialog = TaskDialog([])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.title_edit, "Blutkultur Zimmer 4")
    day = QDate(2027, month, 28 if month == 3 else 31)
    shown = typed_due(qtbot, dialog, day, "02")
    assert "02:30" in shown or "2:30" in shown  # what the nurse reads in the field

    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert SAID[language, month].format(shown) in said(dialog)
    assert dialog.focusWidget() is dialog.due_edit

    typed_due(qtbot, dialog, day, "03")  # after the change: taken as typed
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    due = datetime.fromtimestamp(dialog.due_ms() / 1000, UTC)  # type: ignore[operator]
    assert due == datetime(2027, month, day.day(), 1 if month == 3 else 2, 30, tzinfo=UTC)


@pytest.mark.usefixtures("berlin_pc")
def test_an_event_starting_in_the_hour_the_clocks_skip_is_refused_at_its_start(
    qtbot: QtBot, language: str
) -> None:
    """The event dialog's start field held 01:30 CET while it showed 02:30: the round
    was saved an hour early (and its end moved with it)."""
    dialog = EventDialog([], [], datetime(2027, 3, 28, 0, 30, tzinfo=UTC))  # 01:30 CET
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.title_edit, "Medikamentenrunde")
    dialog.end_edit.setDateTime(QDateTime(QDate(2027, 3, 28), QTime(4, 0)))
    dialog.start_edit.setFocus()
    dialog.start_edit.setSelectedSection(QDateTimeEdit.Section.HourSection)
    qtbot.keyClicks(dialog.start_edit, "02")
    shown = dialog.start_edit.text()

    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert SAID[language, 3].format(shown) in said(dialog)
