"""Tab into a list shows the row the keys act on (walk 20: after Switch user the
colleague pressed Shift+Tab into "Who is working at this PC?", saw nothing highlighted,
pressed Down, and Enter opened the second person's unlock page, not her own)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.storage.keyslot import Owner
from desktop_app.storage.profiles import ProfileEntry
from desktop_app.ui.start.start_window import StartWindow


def _shown_names(start: StartWindow) -> list[str]:
    return [item.text().split("\n")[0] for item in start.people.selectedItems()]


def test_shift_tab_into_the_people_highlights_the_first_and_down_the_next(
    qtbot: QtBot, tmp_path: Path
) -> None:
    start = StartWindow()
    qtbot.addWidget(start)
    start.set_people(
        [
            ProfileEntry(tmp_path / "ben", Owner("Dr. Ben Yılmaz", "Kardiologie"), "c1"),
            ProfileEntry(tmp_path / "joerg", Owner("Jörg Bauer", "Kardiologie"), "c2"),
        ]
    )
    start.show()
    start.activateWindow()
    qtbot.waitUntil(start.isActiveWindow)
    start.someone_else.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(start.someone_else, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert start.focusWidget() is start.people
    assert _shown_names(start) == ["Dr. Ben Yılmaz"]
    qtbot.keyClick(start.people, Qt.Key.Key_Return)
    assert start.unlock_title.text() == "Unlock WardLink for Dr. Ben Yılmaz"

    start.show_people()
    start.someone_else.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(start.someone_else, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(start.people, Qt.Key.Key_Down)
    assert _shown_names(start) == ["Jörg Bauer"]
