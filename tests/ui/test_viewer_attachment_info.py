"""An X-ray opened from the chat (decrypted bytes, never a file): the Info panel names
the attachment, and the window preset box shows the file's preset whole."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionComboBox
from pytestqt.qtbot import QtBot

from desktop_app.medical.worker import DecodeWorker
from desktop_app.ui.viewers.image_viewer import ImageViewer
from desktop_app.ui.viewers.viewer_window import ViewerWindow


def field_width(box: QComboBox) -> int:
    """The width the combo box has for its text (without frame and arrow)."""
    option = QStyleOptionComboBox()
    box.initStyleOption(option)
    field = box.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, box
    )
    return field.width()


@pytest.fixture
def worker() -> Iterator[DecodeWorker]:
    with DecodeWorker(processes=1) as w:
        yield w


def test_an_attachment_opened_from_memory_is_named_and_its_preset_is_not_cut(
    qtbot: QtBot, dx_path: Path, worker: DecodeWorker
) -> None:
    # As the chat opens it: the frame (and with it the presets) comes from the decode
    # worker after the window is shown.
    window = ViewerWindow(dx_path.read_bytes(), worker, title="roentgen-thorax-zimmer12.dcm")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    viewer = window.viewer
    assert isinstance(viewer, ImageViewer)
    qtbot.waitUntil(lambda: viewer.presets.count() > 0, timeout=30_000)

    # The Info panel (a click on "Info") names the file, not "<N bytes>".
    info = next(a for a in viewer.toolbar.actions() if a.text() == "Info")
    info.trigger()
    assert viewer.metadata.isVisible()
    assert viewer.metadata.values()["File"] == "roentgen-thorax-zimmer12.dcm"

    # The preset shown fits the box's text field (once the layout has taken the new
    # contents in: it does so on its next event round).
    box = viewer.presets
    assert box.currentText() == "FULL RANGE (C 2000 / W 4000)"

    needed = box.fontMetrics().horizontalAdvance(box.currentText())
    qtbot.waitUntil(lambda: field_width(box) >= needed, timeout=5_000)
