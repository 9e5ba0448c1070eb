"""The page area of the PDF viewer: images rendered by the renderer process, shown here.

No PDF parsing happens in the GUI process (ui/viewers/pdf_process.py): the viewer asks
the renderer for a page and shows the pixels that come back; answers to requests that
are no longer current (the page or zoom changed meanwhile) are dropped by the viewer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QLabel, QScrollArea, QWidget

HIGHLIGHT = QColor(255, 200, 0, 110)


class PageView(QScrollArea):
    """One page at a time, scrolled; the page image comes from the renderer process."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page_label = QLabel()
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.page_label.setWordWrap(True)
        self.setWidget(self.page_label)
        self.setWidgetResizable(False)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.shown: tuple[int, float] | None = None  # (page, zoom) of the image on screen
        self.on_resize: Callable[[], None] | None = None

    def show_page(
        self, image: QImage, page: int, zoom: float, highlight: QRectF | None = None
    ) -> None:
        """The page's pixels; ``highlight`` (in image pixels) marks the current search hit."""
        pixmap = QPixmap.fromImage(image)
        if highlight is not None:
            painter = QPainter(pixmap)
            painter.fillRect(highlight, HIGHLIGHT)
            painter.end()
            self.ensureVisible(int(highlight.center().x()), int(highlight.center().y()), 50, 80)
        self.page_label.setStyleSheet("")
        self.page_label.setPixmap(pixmap)
        self.page_label.resize(pixmap.size())
        self.shown = (page, zoom)

    def show_failure(self, text: str) -> None:
        """Instead of the page: why nothing more of this PDF can be shown."""
        self.page_label.clear()
        self.page_label.setText(text)
        self.page_label.setStyleSheet("font-size: 15px; color: #a00000; padding: 24px;")
        self.page_label.resize(self.viewport().size())
        self.shown = None

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        if self.on_resize is not None:
            self.on_resize()
