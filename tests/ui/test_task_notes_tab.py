"""Tab in a task's notes moves on to the checklist instead of typing a tab character
(walk 20: three Tabs left the cursor in the notes, indented, with no way on by keyboard)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.ui.teamwork.task_dialog import TaskDialog


def test_tab_leaves_the_notes_and_types_nothing_into_them(qtbot: QtBot) -> None:
    dialog = TaskDialog([("mueller.jonas", "Jonas Müller")], title="Kalium kontrollieren")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.notes_edit.setFocus()
    qtbot.keyClicks(dialog.notes_edit, "nil by mouth")
    qtbot.keyClick(dialog.notes_edit, Qt.Key.Key_Tab)
    assert dialog.notes_edit.toPlainText() == "nil by mouth"
    assert dialog.focusWidget() is not dialog.notes_edit
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert dialog.focusWidget() is dialog.notes_edit
