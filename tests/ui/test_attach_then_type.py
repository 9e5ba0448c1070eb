"""After choosing a file with the paper clip, what the nurse types goes into the
message (walk 20: the keyboard stayed on the paper clip, so her words went nowhere and
her first space or Enter opened the file dialog again; typed here without a space, so
the test fails rather than waits in that dialog)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from desktop_app.ui.chat.composer import Composer


def _choose_in_the_dialog(file: Path) -> None:
    shown = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QFileDialog) and w.isVisible()
    ]
    if not shown:
        QTimer.singleShot(50, lambda: _choose_in_the_dialog(file))
        return
    shown[0].selectFile(str(file))
    shown[0].accept()


def test_typing_after_attaching_writes_the_caption(qtbot: QtBot, tmp_path: Path) -> None:
    picture = tmp_path / "ekg-zimmer12.png"
    image = QImage(40, 20, QImage.Format.Format_RGB32)
    image.fill(0xFFFFFF)
    assert image.save(str(picture))
    composer = Composer()
    qtbot.addWidget(composer)
    composer.set_open(True)  # a conversation is open
    composer.show()
    composer.activateWindow()
    qtbot.waitUntil(composer.isActiveWindow)
    composer.attach_button.setFocus(Qt.FocusReason.TabFocusReason)

    QTimer.singleShot(0, lambda: _choose_in_the_dialog(picture))
    qtbot.keyClick(composer.attach_button, Qt.Key.Key_Space)  # the paper clip, by keyboard
    assert [p.name for p in composer.files()] == ["ekg-zimmer12.png"]
    focused = composer.focusWidget()  # where the window sends the keys
    assert focused is not None
    qtbot.keyClicks(focused, "Befund")
    assert composer.editor.toPlainText() == "Befund"
