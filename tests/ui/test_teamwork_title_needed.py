"""OK in the task and event dialogs with no title says why it did not close.

Seen in the German demo: "Aufgabe hinzufügen …", then OK before typing a title; the
dialog stayed, nothing on it changed, and pressing OK again did the same."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel
from pytestqt.qtbot import QtBot

from desktop_app.ui.teamwork.event_dialog import EventDialog
from desktop_app.ui.teamwork.task_dialog import TaskDialog


def _task() -> TaskDialog:
    return TaskDialog([("mueller.jonas", "Jonas Müller")])


def _event() -> EventDialog:
    return EventDialog([], [], datetime(2026, 12, 7, 14, 0, tzinfo=UTC))


@pytest.mark.parametrize(
    ("make", "said"),
    [(_task, "Eine Aufgabe braucht einen Titel."), (_event, "Ein Termin braucht einen Titel.")],
)
def test_ok_without_a_title_says_a_title_is_needed(
    qtbot: QtBot, german: None, make: object, said: str
) -> None:
    assert callable(make)
    dialog = make()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    ok = dialog.ok_button
    assert _shown_texts(dialog).count(said) == 0  # no complaint before anything was tried

    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert _shown_texts(dialog).count(said) == 1  # the reason, where the nurse looks
    assert dialog.focusWidget() is dialog.title_edit

    qtbot.keyClicks(dialog.title_edit, "Visite Zimmer 12")
    assert _shown_texts(dialog).count(said) == 0  # typing answers it
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted


def _shown_texts(dialog: QDialog) -> list[str]:
    return [label.text() for label in dialog.findChildren(QLabel) if label.isVisible()]
