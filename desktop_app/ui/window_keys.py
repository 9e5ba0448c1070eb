"""Keys every window of its own answers to, as the viewers and the video window do."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget


def close_on_escape(window: QWidget) -> None:
    """Esc (and the platform's Close, Ctrl+W) closes ``window``: a nurse who opened the
    tasks or files of a chat expects to leave them the way she leaves a picture."""
    for keys in (QKeySequence(Qt.Key.Key_Escape), QKeySequence(QKeySequence.StandardKey.Close)):
        QShortcut(keys, window, window.close)
