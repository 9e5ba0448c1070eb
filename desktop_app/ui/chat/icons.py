"""Icons and small marks drawn as vectors, so they stay sharp at every screen scale.

Buttons get SVG icons through a tiny QIconEngine (rendered at the size and device pixel
ratio Qt asks for); the delivery ticks, the clock, the failed mark and the file badge
are painted straight onto the bubble with QPainter paths.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QIcon,
    QIconEngine,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
)
from PySide6.QtSvg import QSvgRenderer

from desktop_app.domain.model import MessageState

TICK_GREY = QColor("#8696a0")
TICK_READ = QColor("#1d8ce0")
FAILED_RED = QColor("#d93025")

_SVG = {
    "attach": (
        '<path d="M16.5 6.5 8.6 14.4a2.4 2.4 0 0 0 3.4 3.4l8-8a4.2 4.2 0 0 0-6-6l-8.3 8.3'
        'a6 6 0 0 0 8.5 8.5l6.3-6.3" fill="none" stroke="{c}" stroke-width="1.9" '
        'stroke-linecap="round" stroke-linejoin="round"/>'
    ),
    "send": (
        '<path d="M3.4 20.6 21 12 3.4 3.4l2.9 7.4L15 12l-8.7 1.2z" fill="{c}" '
        'stroke="{c}" stroke-width="1.2" stroke-linejoin="round"/>'
    ),
    "urgent": (
        '<path d="M12 3.2 2.6 19.6h18.8z" fill="none" stroke="{c}" stroke-width="1.9" '
        'stroke-linejoin="round"/><path d="M12 9.5v4.6" stroke="{c}" stroke-width="2.1" '
        'stroke-linecap="round"/><circle cx="12" cy="17" r="1.25" fill="{c}"/>'
    ),
    "close": (
        '<path d="M6.5 6.5l11 11M17.5 6.5l-11 11" stroke="{c}" stroke-width="2" '
        'stroke-linecap="round"/>'
    ),
}


class _SvgEngine(QIconEngine):
    def __init__(self, svg: bytes) -> None:
        super().__init__()
        self._svg = svg
        self._renderer = QSvgRenderer(QByteArray(svg))

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        if mode is QIcon.Mode.Disabled:
            painter.setOpacity(0.35)
        self._renderer.render(painter, QRectF(rect))

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self.paint(painter, QRect(0, 0, size.width(), size.height()), mode, state)
        painter.end()
        return pixmap

    def clone(self) -> QIconEngine:
        return _SvgEngine(self._svg)


def icon(name: str, color: str = "#54656f") -> QIcon:
    body = _SVG[name].replace("{c}", color)
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">{body}</svg>'
    return QIcon(_SvgEngine(svg.encode()))


def _tick(path: QPainterPath, x: float, y: float, s: float) -> None:
    path.moveTo(x, y + 0.55 * s)
    path.lineTo(x + 0.32 * s, y + 0.85 * s)
    path.lineTo(x + 0.95 * s, y + 0.15 * s)


def paint_state(painter: QPainter, rect: QRectF, state: MessageState) -> None:
    """Queued clock, ✓ sent, ✓✓ delivered, blue ✓✓ read, red ! failed; in ``rect``."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = min(rect.height(), rect.width()) * 0.8
    x = rect.left() + (rect.width() - s * 1.35) / 2
    y = rect.top() + (rect.height() - s) / 2
    if state is MessageState.QUEUED:
        pen = QPen(TICK_GREY, max(1.1, s / 9))
        painter.setPen(pen)
        c = QPointF(rect.center().x(), y + s / 2)
        painter.drawEllipse(c, s * 0.42, s * 0.42)
        painter.drawLine(c, QPointF(c.x(), c.y() - s * 0.26))
        painter.drawLine(c, QPointF(c.x() + s * 0.2, c.y() + s * 0.08))
    elif state is MessageState.FAILED:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(FAILED_RED)
        c = QPointF(rect.center().x(), y + s / 2)
        painter.drawEllipse(c, s * 0.48, s * 0.48)
        mark = QPen(QColor("white"), max(1.4, s / 7))
        mark.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(mark)
        painter.drawLine(QPointF(c.x(), c.y() - s * 0.24), QPointF(c.x(), c.y() + s * 0.06))
        painter.drawPoint(QPointF(c.x(), c.y() + s * 0.24))
    elif state in (MessageState.SENT, MessageState.DELIVERED, MessageState.READ):
        color = TICK_READ if state is MessageState.READ else TICK_GREY
        pen = QPen(color, max(1.3, s / 8))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        path = QPainterPath()
        if state is MessageState.SENT:
            _tick(path, x + s * 0.2, y, s)
        else:
            _tick(path, x, y, s)
            path.moveTo(x + s * 0.62, y + s * 0.72)  # second tick: its short leg is hidden
            path.lineTo(x + s * 0.72, y + s * 0.85)
            path.lineTo(x + s * 1.35, y + s * 0.15)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
    painter.restore()


def paint_file_badge(painter: QPainter, rect: QRectF, label: str, color: QColor) -> None:
    """A document shape with a folded corner and the file type (PDF, DOCX …) on it."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    w, h = rect.height() * 0.78, rect.height()
    left = rect.left() + (rect.width() - w) / 2
    fold = w * 0.3
    path = QPainterPath()
    path.moveTo(left, rect.top())
    path.lineTo(left + w - fold, rect.top())
    path.lineTo(left + w, rect.top() + fold)
    path.lineTo(left + w, rect.top() + h)
    path.lineTo(left, rect.top() + h)
    path.closeSubpath()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    painter.drawPath(path)
    corner = QPainterPath()
    corner.moveTo(left + w - fold, rect.top())
    corner.lineTo(left + w - fold, rect.top() + fold)
    corner.lineTo(left + w, rect.top() + fold)
    corner.closeSubpath()
    painter.setBrush(color.lighter(140))
    painter.drawPath(corner)
    font = QFont(painter.font())
    font.setBold(True)
    font.setPixelSize(max(int(h * 0.22), 7))
    while font.pixelSize() > 6 and QFontMetricsF(font).horizontalAdvance(label) > w - 2:
        font.setPixelSize(font.pixelSize() - 1)  # "DICOM", "Datei": smaller, not cut
    painter.setFont(font)
    painter.setPen(QColor("white"))
    text_rect = QRectF(left, rect.top() + h * 0.45, w, h * 0.4)
    painter.drawText(text_rect, Qt.AlignmentFlag.AlignCenter, label[:5])
    painter.restore()


def paint_ecg_trace(painter: QPainter, rect: QRectF, samples: tuple[float, ...]) -> None:
    """A mini rhythm strip: pink paper grid and the trace (samples scaled to -1..1)."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.fillRect(rect, QColor("#fff5f5"))
    grid = QPen(QColor("#f3c4c4"), 0)
    painter.setPen(grid)
    step = max(rect.height() / 8, 6.0)
    x = rect.left()
    while x < rect.right():
        painter.drawLine(QPointF(x, rect.top()), QPointF(x, rect.bottom()))
        x += step
    y = rect.top()
    while y < rect.bottom():
        painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
        y += step
    if len(samples) > 1:
        path = QPainterPath()
        mid, amp = rect.center().y(), rect.height() * 0.4
        dx = rect.width() / (len(samples) - 1)
        path.moveTo(rect.left(), mid - samples[0] * amp)
        for i, value in enumerate(samples[1:], start=1):
            path.lineTo(rect.left() + i * dx, mid - value * amp)
        pen = QPen(QColor("#202124"), 1.4)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
    painter.restore()
