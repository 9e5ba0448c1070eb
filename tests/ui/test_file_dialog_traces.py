"""The folders a person attaches from stay out of the OS account's settings (shared PC)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, QStandardPaths, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from desktop_app.ui.chat import ChatView
from tests.ui.chat_support import chat_view, start_direct

__all__ = ["chat_view"]  # the fixture


@pytest.fixture
def qt_settings(tmp_path: Path) -> Iterator[Path]:
    """Qt's per-user settings (where QFileDialog writes) in a folder of the test's own."""
    folder = tmp_path / "config"
    folder.mkdir()
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder))
    yield folder
    default = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation)
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, default)


def _pick(qtbot: QtBot, choose: Any, file: Path | None) -> str:
    """Run a chooser whose Qt file dialog picks ``file`` (None: Cancel); the folder the
    dialog opened in."""
    seen: list[str] = []

    def answer() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QFileDialog)]
        shown = [d for d in dialogs if d.isVisible()]
        if not shown:
            QTimer.singleShot(50, answer)
            return
        dialog = shown[0]
        seen.append(dialog.directory().absolutePath())
        if file is None:
            dialog.reject()
            return
        dialog.selectFile(str(file))
        dialog.accept()

    QTimer.singleShot(0, answer)
    choose()
    assert seen, "no Qt file dialog was shown"
    return seen[0]


def test_attaching_a_file_leaves_no_trace_of_its_folder_for_the_next_person(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any, tmp_path: Path,
    qt_settings: Path,
) -> None:  # fmt: skip
    anna = live_session(gui_ward, "weber.anna")
    gui_ward.enroll("mueller.jonas")
    cid = start_direct(qtbot, anna, "mueller.jonas")
    view: ChatView = chat_view(anna)
    view.show_conversation(cid, "Jonas Müller")
    folder = tmp_path / "Station3B-Mueller-Hans"
    folder.mkdir()
    befund = folder / "befund.txt"
    befund.write_text("Kalium 6,8 mmol/l\n", encoding="utf-8")

    _pick(qtbot, view.composer.choose_files, befund)
    assert [p.name for p in view.composer.files()] == ["befund.txt"]  # attached as before

    written = (qt_settings / "QtProject.conf").read_text(encoding="utf-8")
    assert "[FileDialog]" in written  # the dialog did save its state here ...
    assert "Station3B-Mueller-Hans" not in written  # ... but not the folder
    # The next person's dialog (same running app) does not open in that folder either.
    opened = _pick(qtbot, view.composer.choose_files, None)
    assert "Station3B-Mueller-Hans" not in opened
