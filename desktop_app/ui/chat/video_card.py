"""How a video clip looks in its card: the poster frame (from the thumbnail cache) with
a round play symbol in the middle and the duration in the lower right corner, as in
every messenger, so a clip is told from a picture at a glance."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPolygonF

from desktop_app.ui.chat.voice_card import duration_text

DIM = QColor(0, 0, 0, 120)
PLAY_DIAMETER = 44.0


def paint_video_overlay(painter: QPainter, picture: QRectF, duration_ms: int | None) -> None:
    """Over the poster in ``picture``: the play symbol, and the duration once measured."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    d = min(PLAY_DIAMETER, picture.height() * 0.6, picture.width() * 0.6)
    c = picture.center()
    painter.setBrush(DIM)
    painter.drawEllipse(QRectF(c.x() - d / 2, c.y() - d / 2, d, d))
    painter.setBrush(QColor("white"))
    s = d / 4
    painter.drawPolygon(
        QPolygonF(
            [
                QPointF(c.x() - s * 0.7, c.y() - s),
                QPointF(c.x() - s * 0.7, c.y() + s),
                QPointF(c.x() + s * 1.1, c.y()),
            ]
        )
    )
    if duration_ms is not None:
        font = QFont(painter.font())
        font.setBold(True)
        painter.setFont(font)
        label = duration_text(duration_ms)
        metrics = QFontMetricsF(font)
        w, h = metrics.horizontalAdvance(label) + 10, metrics.height() + 2
        badge = QRectF(picture.right() - w - 6, picture.bottom() - h - 6, w, h)
        painter.setBrush(DIM)
        painter.drawRoundedRect(badge, 4, 4)
        painter.setPen(QColor("white"))
        painter.drawText(badge, int(Qt.AlignmentFlag.AlignCenter), label)
    painter.restore()
