"""A call's picture: the latest ``RgbFrame`` of a ``FrameBuffer`` painted as a QImage
(aspect kept, black around), refreshed by the window's paint timer when it changed."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop_app.services.call_camera import FrameBuffer
from desktop_app.ui.calls.camera import rgb_to_image


class FrameView(QWidget):
    def __init__(self, min_width: int, min_height: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image = QImage()
        self.source: FrameBuffer | None = None
        self._seen = -1
        self.setMinimumSize(min_width, min_height)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def watch(self, source: FrameBuffer | None) -> None:
        self.source, self._seen = source, -1
        self.image = QImage()
        self.update()

    def refresh(self) -> bool:
        """Take the source's newest frame if there is one; True if it changed."""
        if self.source is None or self.source.count == self._seen:
            return False
        self._seen = self.source.count
        frame = self.source.latest()
        self.image = rgb_to_image(frame) if frame is not None else QImage()
        self.update()
        return True

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.GlobalColor.black)
        if not self.image.isNull():
            size = self.image.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
            x, y = (self.width() - size.width()) / 2, (self.height() - size.height()) / 2
            painter.drawImage(QRectF(x, y, size.width(), size.height()), self.image)
        painter.end()
