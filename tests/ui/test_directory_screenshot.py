"""Renders the directory panel with a search and a card (the docs screenshot).

`WARDLINK_SCREENSHOTS=docs/screenshots pytest tests/ui/test_directory_screenshot.py`
also writes docs/screenshots/directory-panel.png (the verify dialog only goes to the
test's temporary directory).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app.ui.directory import DirectoryPanel, VerifyDialog
from tests.ui.test_directory_panel import WAIT, _type


def test_render_panel_and_verify_dialog(
    qtbot: QtBot, gui_ward: Any, live_session: Any, tmp_path: Path
) -> None:
    gui_ward.enroll("mueller.jonas")
    anna = live_session(gui_ward, "weber.anna")
    panel = DirectoryPanel(anna.ctx)
    qtbot.addWidget(panel)
    panel.resize(1040, 600)
    panel.show()
    qtbot.waitUntil(lambda: panel.tree.tree_model.rowCount() > 0, timeout=WAIT)
    _type(qtbot, panel, "kardio")
    with qtbot.waitSignal(panel.card_shown, timeout=WAIT):
        panel.search.results.setCurrentIndex(panel.search.model.index(2, 0))
    QApplication.processEvents()
    targets = [tmp_path]
    if os.environ.get("WARDLINK_SCREENSHOTS"):
        targets.append(Path(os.environ["WARDLINK_SCREENSHOTS"]))
    panel_image = panel.grab()
    device = panel.card.device_rows()[0].device.device_id
    dialog = VerifyDialog(anna.ctx, "mueller.jonas", device)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.view is not None, timeout=WAIT)
    QApplication.processEvents()
    dialog_image = dialog.grab()
    for target in targets:
        target.mkdir(parents=True, exist_ok=True)
        assert panel_image.save(str(target / "directory-panel.png"))
    assert dialog_image.save(str(tmp_path / "directory-verify.png"))
    assert not panel_image.isNull() and not dialog_image.isNull()
