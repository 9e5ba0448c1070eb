"""Text a colleague wrote, shown as written where Qt would otherwise read it as HTML.

QLabel, QMessageBox, tooltips and QStaticText take a string for rich text when
``Qt.mightBeRichText`` says so: a tag such as ``<b>`` or ``<img src=...>`` anywhere on
its first line. A message, group title, file name or DICOM value sent by a colleague
would then show formatted, hide words, or load a picture from a file or a data URI.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QLabel


def plain_label(label: QLabel) -> QLabel:
    """``label``, set to show its text as written (it may hold a colleague's words)."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def literal(text: str) -> str:
    """``text`` for a place that reads HTML when a string looks like it (a tooltip, a
    message box): unchanged unless Qt would take it for HTML, then escaped, so it shows
    as written either way and ordinary texts stay exactly what they were."""
    if not GuiQt.mightBeRichText(text):
        return text
    return GuiQt.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpaceNormal)
