"""Adding a file in the Files window: the folder question offers the folders in use and
starts at the folder where a file of that name already is, so Enter adds its next
version instead of a second file of the same name outside the folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog
from pytestqt.qtbot import QtBot

from desktop_app.ui import file_dialogs
from desktop_app.ui.teamwork.files_window import ROW, FilesWindow
from tests.ui.chat_support import TIMEOUT_MS, start_direct
from tests.ui.test_files_window import listed, shown


def test_adding_a_file_again_offers_its_folder_and_makes_a_new_version(
    qtbot: QtBot, gui_ward: Any, live_session: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    anna = live_session(gui_ward, "weber.anna")
    live_session(gui_ward, "mueller.jonas")
    cid = start_direct(qtbot, anna, "mueller.jonas")
    window = shown(qtbot, FilesWindow(anna.ctx, cid, "Jonas Müller"))
    qtbot.waitUntil(lambda: window.status.text() == "No files yet.", timeout=TIMEOUT_MS)
    letter = tmp_path / "entlassbrief.txt"
    letter.write_text("Entlassbrief, Entwurf 1\n", encoding="utf-8")
    window.upload(letter, "Letters")
    qtbot.waitUntil(lambda: "version 1" in window.status.text(), timeout=TIMEOUT_MS)
    qtbot.waitUntil(  # the list shows it too (it reloads after the status line says so)
        lambda: any(
            getattr(window.tree.topLevelItem(n).data(0, ROW), "document_id", None)
            for n in range(window.tree.topLevelItemCount())
        ),
        timeout=TIMEOUT_MS,
    )

    # "Add file …" with the same file: the folder question, answered with Enter.
    letter.write_text("Entlassbrief, Entwurf 2\n", encoding="utf-8")
    monkeypatch.setattr(file_dialogs, "get_open_file_name", lambda *a, **k: (str(letter), ""))
    asked: list[tuple[str, str, list[str]]] = []

    def answer() -> None:
        dialogs = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QInputDialog) and w.isVisible()
        ]
        if not dialogs:
            QTimer.singleShot(50, answer)
            return
        dialog = dialogs[0]
        asked.append((dialog.labelText(), dialog.textValue(), dialog.comboBoxItems()))
        qtbot.keyClick(dialog, Qt.Key.Key_Return)

    QTimer.singleShot(0, answer)
    qtbot.mouseClick(window.add_button, Qt.MouseButton.LeftButton)

    label, offered, folders = asked[0]
    assert label.startswith("Folder (leave empty for none).")
    assert (offered, folders) == ("Letters", ["", "Letters"])
    qtbot.waitUntil(lambda: "version 2" in window.status.text(), timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: len(listed(window)) == 2, timeout=TIMEOUT_MS)
    assert [row[:3] for row in listed(window)] == [
        ("entlassbrief.txt", "Letters", "2"),
        ("Version 1", "Letters", "1"),
    ]
