""" "Mark as key image" in the study window: the slice shown now goes back to the chat as
a Key Object Selection reply (medical/key_image.py), so the receiver's study viewer
opens at exactly this slice. Only the UIDs travel, no pixels."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QToolBar, QWidget

from desktop_app.medical.errors import MedicalError
from desktop_app.medical.key_image import make_key_image
from desktop_app.medical.loading import read_dataset
from desktop_app.ui.viewers.annotate_controls import SendAnnotated
from desktop_app.ui.viewers.medical_text import medical_error_text


class KeyImageAction(QObject):
    def __init__(self, viewer: QWidget, send: SendAnnotated, bar: QToolBar) -> None:
        super().__init__(viewer)
        self._viewer, self._send = viewer, send
        self.action = QAction(self.tr("Mark as key image"), self)
        self.action.setToolTip(
            self.tr("Reply in the chat: the receiver's study opens at this slice")
        )
        self.action.triggered.connect(self.mark)
        self.status = QLabel()
        bar.addAction(self.action)
        bar.addWidget(self.status)

    def mark(self) -> None:
        files: list[bytes] = getattr(self._viewer, "files", [])
        current: int = getattr(self._viewer, "current", 0)
        if not 0 <= current < len(files):
            return
        try:
            data = make_key_image(read_dataset(files[current], with_pixels=False))
        except (MedicalError, ValueError, TypeError, AttributeError) as exc:
            why = medical_error_text(exc, self.tr("This image cannot be marked as key image."))
            self.report(self.tr("Not sent: %1").replace("%1", why), True)
            return
        self.action.setEnabled(False)
        self._send(data, self.report)

    def report(self, text: str, failed: bool) -> None:
        self.action.setEnabled(True)
        self.status.setText(text)
        self.status.setStyleSheet("padding: 0 8px;" + (" color: #a00000;" if failed else ""))
