"""A refused task leaves its dialog open with everything typed, and says why.

The task dialog closed on OK like the event dialog did: a due time outside the years
the tasks take (or a title, notes or item too long) was refused by the services after
the dialog had gone, and the nurse typed the task again."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QDialog, QLabel
from pytestqt.qtbot import QtBot

from desktop_app.ui.teamwork.tasks_window import TasksWindow
from tests.ui.chat_support import TIMEOUT_MS, start_direct
from tests.ui.language_support import language
from tests.ui.test_teamwork_tasks import shown, table_texts, wait_dialog

__all__ = ["language"]  # the fixture

SAID = {
    "en": "This task cannot be saved: an entry is too long or not valid.",
    "de": "Diese Aufgabe kann nicht gespeichert werden: Ein Eintrag ist zu lang oder ungültig.",
}


def test_a_refused_due_time_keeps_the_task_dialog_open_as_typed(
    qtbot: QtBot, gui_ward: Any, live_session: Any, language: str
) -> None:
    anna = live_session(gui_ward, "weber.anna")
    gui_ward.enroll("mueller.jonas")
    cid = start_direct(qtbot, anna, "mueller.jonas")
    window = shown(qtbot, TasksWindow(anna.ctx, cid, "Jonas Müller"))
    assert isinstance(window, TasksWindow)
    window.add()
    dialog = wait_dialog(qtbot, window)
    qtbot.keyClicks(dialog.title_edit, "Blutkultur Zimmer 4")
    qtbot.keyClicks(dialog.notes_edit, "zwei Flaschen")
    dialog.due_check.setChecked(True)
    far = QDateTime.fromString("9500-01-01T08:00:00", Qt.DateFormat.ISODate)
    dialog.due_edit.setDateTime(far)

    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert _shown_texts(dialog).count(SAID[language]) == 1
    assert dialog.title_edit.text() == "Blutkultur Zimmer 4"
    assert dialog.notes_edit.toPlainText() == "zwei Flaschen"
    assert dialog.due_edit.dateTime() == far
    assert dialog.focusWidget() is dialog.due_edit  # the field at fault

    dialog.due_check.setChecked(False)
    assert _shown_texts(dialog).count(SAID[language]) == 0  # changing it answers it
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=TIMEOUT_MS)
    qtbot.waitUntil(
        lambda: [row[0] for row in table_texts(window)] == ["Blutkultur Zimmer 4"],
        timeout=TIMEOUT_MS,
    )


def _shown_texts(dialog: QDialog) -> list[str]:
    return [label.text() for label in dialog.findChildren(QLabel) if label.isVisible()]
