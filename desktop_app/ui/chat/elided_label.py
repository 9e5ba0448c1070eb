"""A one-line label that gives up width before its neighbours do.

The chat header's title and subtitle ("Messages are deleted after 90 days", a group's
member names) set how narrow the chat could get: a window snapped to half a laptop
screen squeezed the conversation list to a strip instead. This label shows as much of
its text as fits, cut with "…", and the whole text as its tooltip while cut.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget

from desktop_app.ui.literal_text import literal, plain_label


class ElidedLabel(QLabel):
    def __init__(self, shown_at_least: int, parent: QWidget | None = None) -> None:
        """``shown_at_least``: the narrowest it gets, in average characters."""
        super().__init__(parent)
        self._least = shown_at_least
        plain_label(self)  # a group's title is its creator's word

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        hint = super().minimumSizeHint()
        least = self.fontMetrics().averageCharWidth() * self._least
        return QSize(min(hint.width(), least), hint.height())

    def setText(self, text: str) -> None:  # noqa: N802 (Qt override)
        super().setText(text)
        self._update_tooltip()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._update_tooltip()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        rect = self.contentsRect()
        cut = Qt.TextElideMode.ElideRight
        shown = self.fontMetrics().elidedText(self.text(), cut, rect.width())
        painter = QPainter(self)
        self.style().drawItemText(
            painter,
            rect,
            int(self.alignment()),
            self.palette(),
            self.isEnabled(),
            shown,
            self.foregroundRole(),
        )

    def _update_tooltip(self) -> None:
        cut = self.fontMetrics().horizontalAdvance(self.text()) > self.contentsRect().width()
        self.setToolTip(literal(self.text()) if cut else "")
