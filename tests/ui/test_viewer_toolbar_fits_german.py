"""The image viewer's toolbar at 1280 px in German: the window preset box keeps its
whole text ("FULL RANGE (C 2000 / W 4000)") however long the German tool names are."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop_app.medical.worker import DecodeWorker
from desktop_app.ui.viewers.image_viewer import ImageViewer
from desktop_app.ui.viewers.viewer_window import ViewerWindow
from tests.ui.language_support import language
from tests.ui.test_viewer_attachment_info import field_width, worker

__all__ = ["language", "worker"]  # the fixtures
WIDTH = 1280  # px: a ward PC's screen, the window as wide as it


def test_the_preset_box_shows_its_whole_text_at_1280_px(
    qtbot: QtBot, dx_path: Path, worker: DecodeWorker, language: str
) -> None:
    window = ViewerWindow(dx_path.read_bytes(), worker, title="roentgen-thorax-zimmer12.dcm")
    qtbot.addWidget(window)
    window.resize(WIDTH, 800)
    window.show()
    qtbot.waitExposed(window)
    viewer = window.viewer
    assert isinstance(viewer, ImageViewer)
    qtbot.waitUntil(lambda: viewer.presets.count() > 0, timeout=30_000)
    assert window.width() <= WIDTH  # the toolbar did not push the window wider
    box = viewer.presets
    assert box.currentText() == "FULL RANGE (C 2000 / W 4000)"
    assert box.isVisible()

    needed = box.fontMetrics().horizontalAdvance(box.currentText())
    qtbot.waitUntil(lambda: field_width(box) >= needed, timeout=5_000)  # laid out next round
    toolbar = viewer.toolbar
    assert toolbar.geometry().contains(box.geometry())  # on the bar, not under its edge
