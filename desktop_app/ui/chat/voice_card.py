"""How a voice message looks in its bubble: a play/pause button, the waveform (played
part darker), the duration and the playback speed."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPolygonF

from desktop_app.services.live_views import VoiceInfo

WAVE_IDLE = QColor("#9aa7b0")
TEXT = QColor("#4a5963")


def duration_text(ms: int) -> str:
    seconds = max(0, round(ms / 1000))
    return f"{seconds // 60}:{seconds % 60:02d}"


def speed_text(speed: float) -> str:
    return f"{speed:g}×"


def paint_voice(
    painter: QPainter,
    rect: QRect,
    voice: VoiceInfo,
    fonts: tuple[QFont, QFont],
    playing: bool,
    speed: float,
    colour: QColor,
) -> None:
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    button = QRectF(rect.left() + 8, rect.top() + (rect.height() - 32) / 2, 32, 32)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawEllipse(button)
    painter.setBrush(QColor("white"))
    c = button.center()
    if playing:  # pause: two bars
        painter.drawRect(QRectF(c.x() - 6, c.y() - 7, 4, 14))
        painter.drawRect(QRectF(c.x() + 2, c.y() - 7, 4, 14))
    else:  # play: a triangle
        painter.drawPolygon(
            QPolygonF(
                [
                    QPointF(c.x() - 4, c.y() - 8),
                    QPointF(c.x() - 4, c.y() + 8),
                    QPointF(c.x() + 8, c.y()),
                ]
            )
        )
    small = fonts[1]
    painter.setFont(small)
    label = f"{duration_text(voice.duration_ms)} · {speed_text(speed)}"
    label_w = painter.fontMetrics().horizontalAdvance(label) + 10
    wave = QRectF(
        button.right() + 8, rect.top() + 8, rect.width() - 56 - label_w, rect.height() - 16
    )
    bars = max(1, len(voice.waveform))
    step = wave.width() / bars
    painter.setBrush(colour if playing else WAVE_IDLE)
    for i, peak in enumerate(voice.waveform):
        h = max(2.0, wave.height() * peak / 100)
        painter.drawRoundedRect(
            QRectF(wave.left() + i * step, wave.center().y() - h / 2, max(1.5, step * 0.6), h), 1, 1
        )
    painter.setPen(TEXT)
    painter.drawText(
        QRect(int(wave.right()) + 6, rect.top(), label_w, rect.height()),
        int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
        label,
    )
    painter.restore()
