"""The Files window between two PCs through a real relay (issue 14): a document's two
versions with who changed them, opening a version in the built-in text viewer from
memory, restoring an old version, saving a copy of one through the chat's export,
search, and German."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QFileDialog
from pytestqt.qtbot import QtBot

from desktop_app.services import attachments
from desktop_app.services.errors import RelayRefused
from desktop_app.ui import translations
from desktop_app.ui.chat.export import ExportDialog
from desktop_app.ui.teamwork.files_window import FilesWindow
from desktop_app.ui.viewers.text_window import TextWindow
from tests.ui.chat_support import TIMEOUT_MS, start_direct


def shown(qtbot: QtBot, window: FilesWindow) -> FilesWindow:
    qtbot.addWidget(window)
    window.show()
    return window


def listed(window: FilesWindow) -> list[tuple[str, ...]]:
    """(name, folder, version, by) of every top-level row, then of its children."""
    out: list[tuple[str, ...]] = []
    tree = window.tree
    for n in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(n)
        out.append(tuple(item.text(c) for c in range(4)))
        out += [tuple(item.child(k).text(c) for c in range(4)) for k in range(item.childCount())]
    return out


def test_documents_with_versions_travel_open_restore_and_export(
    qtbot: QtBot, gui_ward: Any, live_session: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    anna = live_session(gui_ward, "weber.anna")
    jonas = live_session(gui_ward, "mueller.jonas")
    cid = start_direct(qtbot, anna, "mueller.jonas")
    at_anna = shown(qtbot, FilesWindow(anna.ctx, cid, "Jonas Müller"))
    qtbot.waitUntil(lambda: at_anna.status.text() == "No files yet.", timeout=TIMEOUT_MS)

    plan = tmp_path / "Dienstplan.txt"
    plan.write_text("Früh: Weber\n", encoding="utf-8")
    at_anna.upload(plan, "Pläne")
    qtbot.waitUntil(lambda: "version 1" in at_anna.status.text(), timeout=TIMEOUT_MS)
    plan.write_text("Früh: Müller\n", encoding="utf-8")
    at_anna.upload(plan, "Pläne")
    qtbot.waitUntil(lambda: len(listed(at_anna)) == 2, timeout=TIMEOUT_MS)
    assert listed(at_anna) == [
        ("Dienstplan.txt", "Pläne", "2", "Dr. Anna Weber"),
        ("Version 1", "Pläne", "1", "Dr. Anna Weber"),
    ]
    assert not at_anna.restore_button.isEnabled()  # nothing chosen yet

    at_jonas = shown(qtbot, FilesWindow(jonas.ctx, cid, "Dr. Anna Weber"))
    qtbot.waitUntil(lambda: len(listed(at_jonas)) == 2, timeout=TIMEOUT_MS)  # live reload

    # Jonas opens the latest version: the text viewer shows it from memory
    at_jonas.tree.setCurrentItem(at_jonas.tree.topLevelItem(0))
    assert at_jonas.open_button.isEnabled() and not at_jonas.restore_button.isEnabled()
    at_jonas.open_selected()
    qtbot.waitUntil(lambda: bool(at_jonas.opener.windows), timeout=TIMEOUT_MS)
    viewer = at_jonas.opener.windows[-1]
    assert isinstance(viewer, TextWindow)
    assert viewer.editor.toPlainText() == "Früh: Müller\n"

    # ... and restores version 1: version 3 on both PCs, by Jonas
    at_jonas.tree.setCurrentItem(at_jonas.tree.topLevelItem(0).child(0))
    assert at_jonas.restore_button.isEnabled()
    at_jonas.restore_button.click()
    qtbot.waitUntil(lambda: "version 3" in at_jonas.status.text(), timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: len(listed(at_anna)) == 3, timeout=TIMEOUT_MS)
    assert listed(at_anna)[0] == ("Dienstplan.txt", "Pläne", "3", "Jonas Müller")

    # Jonas saves a copy of version 1 through the chat's export (warning confirmed)
    copy = tmp_path / "copy.txt"
    monkeypatch.setattr(ExportDialog, "exec", lambda _self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(copy), ""))
    qtbot.waitUntil(lambda: len(listed(at_jonas)) == 3, timeout=TIMEOUT_MS)
    oldest = at_jonas.tree.topLevelItem(0).child(1)
    assert oldest.text(2) == "1"
    at_jonas.tree.setCurrentItem(oldest)
    with qtbot.waitSignal(at_jonas.exporter.done, timeout=TIMEOUT_MS):
        at_jonas.export_button.click()
    assert copy.read_text(encoding="utf-8") == "Früh: Weber\n"

    at_anna.search.setText("nichts")
    qtbot.waitUntil(lambda: listed(at_anna) == [], timeout=TIMEOUT_MS)
    at_anna.search.setText("dienst")
    qtbot.waitUntil(lambda: len(listed(at_anna)) == 3, timeout=TIMEOUT_MS)
    at_jonas.opener.close_all()
    for window in (at_anna, at_jonas):
        window.close()


@pytest.mark.parametrize(
    ("language", "size", "not_fetched"),
    [
        ("en", "13 B · Not available on this PC (deleted on the relay) – click to try again",
         "Not opened: Dienstplan.txt is not on this PC, and the relay no longer has it; "
         "ask whoever added it to add it again."),
        ("de", "13 B · Auf diesem PC nicht verfügbar (auf dem Relay gelöscht) – für neuen "
         "Versuch anklicken",
         "Nicht geöffnet: Dienstplan.txt ist nicht auf diesem PC, und das Relay hat die Datei "
         "nicht mehr; bitten Sie die Person, die sie hinzugefügt hat, sie erneut "
         "hinzuzufügen."),
    ],
)  # fmt: skip
def test_a_version_whose_body_did_not_come_says_so_until_opened(
    qtbot: QtBot,
    gui_ward: Any,
    live_session: Any,
    tmp_path: Path,
    monkeypatch: Any,
    request: pytest.FixtureRequest,
    language: str,
    size: str,
    not_fetched: str,
) -> None:
    """Fetched when it arrived, and the fetch failed (the relay could not provide it):
    the list says the file is not available on this PC, opening it says why it did not open,
    in the UI language; once the relay has it again, opening fetches it."""
    app = QCoreApplication.instance()
    assert app is not None
    installed = translations.install(app, language) if language != "en" else []
    request.addfinalizer(lambda: [app.removeTranslator(t) for t in installed])
    anna = live_session(gui_ward, "weber.anna")
    jonas = live_session(gui_ward, "mueller.jonas")
    cid = start_direct(qtbot, anna, "mueller.jonas")
    at_jonas = shown(qtbot, FilesWindow(jonas.ctx, cid, "Dr. Anna Weber"))
    qtbot.waitUntil(lambda: at_jonas.status.text() != "", timeout=TIMEOUT_MS)  # "no files"

    async def relay_lost_it(*_args: Any) -> None:
        raise RelayRefused("not_found", "no such blob")

    with monkeypatch.context() as relay:
        relay.setattr(attachments, "fetch_verified", relay_lost_it)
        plan = tmp_path / "Dienstplan.txt"
        plan.write_text("Früh: Weber\n", encoding="utf-8")
        at_anna = shown(qtbot, FilesWindow(anna.ctx, cid, "Jonas Müller"))
        at_anna.upload(plan)
        qtbot.waitUntil(lambda: len(listed(at_jonas)) == 1, timeout=TIMEOUT_MS)
        qtbot.waitUntil(  # marked once the fetch at receipt failed
            lambda: at_jonas.tree.topLevelItem(0).text(5) == size, timeout=TIMEOUT_MS
        )
        row = at_jonas.tree.topLevelItem(0)
        assert row.toolTip(5) != ""
        assert at_anna.tree.topLevelItem(0).text(5) == "13 B"  # hers, uploaded from here
        at_jonas.tree.setCurrentItem(row)
        at_jonas.open_selected()
        qtbot.waitUntil(lambda: at_jonas.status.text() == not_fetched, timeout=TIMEOUT_MS)

    at_jonas.open_selected()  # the relay has it again
    qtbot.waitUntil(lambda: bool(at_jonas.opener.windows), timeout=TIMEOUT_MS)
    assert at_jonas.opener.windows[-1].editor.toPlainText() == "Früh: Weber\n"
    at_jonas.reload()
    qtbot.waitUntil(lambda: at_jonas.tree.topLevelItem(0).text(5) == "13 B", timeout=TIMEOUT_MS)
    at_jonas.opener.close_all()
    for window in (at_anna, at_jonas):
        window.close()


def test_the_files_window_speaks_german(qtbot: QtBot, gui_ward: Any, live_session: Any) -> None:
    app = QCoreApplication.instance()
    assert app is not None
    installed = translations.install(app, "de")
    try:
        anna = live_session(gui_ward, "weber.anna")
        gui_ward.enroll("mueller.jonas")
        cid = start_direct(qtbot, anna, "mueller.jonas")
        window = shown(qtbot, FilesWindow(anna.ctx, cid, "Jonas Müller"))
        qtbot.waitUntil(lambda: window.status.text() == "Noch keine Dateien.", timeout=TIMEOUT_MS)
        assert window.windowTitle() == "Dateien — Jonas Müller"
        assert window.add_button.text() == "Datei hinzufügen …"
        assert window.restore_button.text() == "Diese Version wiederherstellen"
        assert window.tree.headerItem().text(3) == "Geändert von"
        window.close()
    finally:
        for translator in installed:
            app.removeTranslator(translator)
