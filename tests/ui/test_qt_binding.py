"""The Qt binding itself: a known-bad PySide6/CPython pairing must not be installed."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot


def test_qt_calls_do_not_leak_references_to_none(qtbot: QtBot) -> None:
    """PySide6 6.12.0 on CPython 3.11 loses one reference to None per void call; the
    app then dies with "deallocating None" after a few thousand calls (a long chat)."""
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(200):
        label.setText("Visite")
    assert sys.getrefcount(None) >= before - 5
