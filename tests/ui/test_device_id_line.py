"""The person card's device id keeps one line in a narrow column, whole on copy.

Seen in the demo at 1280 px: in the directory's narrowest column "Known to this PC
since … · Device ID: GRmVB2_nLluvMDK0M" wrapped over three lines. Now the id is a line
of its own, cut in the middle where narrow, the whole id in its tooltip and in a copy."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from tests.ui.test_directory_copy_guard import _assert_guarded, first_device_row
from tests.ui.test_directory_panel import WAIT, _panel

NARROW = 440  # the panel's width: its card column as narrow as the demo's at 1280 px


def test_a_device_id_keeps_one_line_and_copies_whole_in_a_narrow_card(
    qtbot: QtBot, gui_ward: Any, live_session: Any
) -> None:
    gui_ward.enroll("mueller.jonas")
    panel = _panel(qtbot, live_session(gui_ward, "weber.anna"))
    panel.resize(NARROW, 640)
    row = first_device_row(qtbot, panel, "mueller.jonas")
    device_id = row.device.device_id
    full = f"Device ID: {device_id}"

    def id_label() -> QLabel:
        (label,) = [
            label
            for label in row.findChildren(QLabel)
            if label.isVisible()
            and label is not row.name  # "Device 1": the id as tooltip
            and device_id in label.text() + label.toolTip()
        ]
        return label

    qtbot.waitUntil(lambda: id_label().width() > 0, timeout=WAIT)
    label = id_label()
    assert label.width() < label.fontMetrics().horizontalAdvance(full)  # too narrow for it
    assert label.height() < 2 * label.fontMetrics().lineSpacing(), label.text()  # one line
    assert "…" in label.text() and label.toolTip() == full

    qtbot.mouseClick(label, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(label.hasFocus)
    label.setSelection(0, len(label.text()))
    qtbot.keyClick(label, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    _assert_guarded(device_id)  # the whole id for IT, not the cut text
