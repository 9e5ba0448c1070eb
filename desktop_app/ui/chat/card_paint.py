"""Paints the attachment cards inside a message bubble (ui/chat/delegate.py lays the
bubble out and paints the rest): a voice message's player, a file's badge, an image,
video or ECG preview, the download state and a transfer's progress bar.

Its strings keep the translation context of the delegate they came from
("BubbleDelegate"), so the German translations stay as they are.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPainterPath

from desktop_app.domain.model import AttachmentState
from desktop_app.services.live_views import MessageRow
from desktop_app.ui.chat.formatting import AttachmentKind, human_size, type_label
from desktop_app.ui.chat.icons import paint_ecg_trace, paint_file_badge
from desktop_app.ui.chat.layout import Card, Fonts
from desktop_app.ui.chat.palette import (
    CARD_BG_MINE,
    CARD_BG_THEIRS,
    FILE_COLOURS,
    META,
    PREVIEW_BG,
    PROGRESS,
    TEXT,
    URGENT,
)
from desktop_app.ui.chat.previews import ThumbnailCache
from desktop_app.ui.chat.study_card import StudyProgressBook
from desktop_app.ui.chat.video_card import paint_video_overlay
from desktop_app.ui.chat.voice_card import paint_voice


def paint_card(
    painter: QPainter,
    card: Card,
    row: MessageRow,
    fonts: Fonts,
    progress: float | None,
    *,
    thumbnails: ThumbnailCache,
    studies: StudyProgressBook,
    playing: str,
    speed: float,
) -> None:
    """One attachment card: a voice message's player, or a file badge or preview with
    the name, size and type (a failed download says so; a study shows its progress),
    and ``progress`` (0..1) of a running transfer as a thin bar at the bottom."""
    attachment = card.attachment
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(CARD_BG_MINE if row.mine else CARD_BG_THEIRS)
    painter.drawRoundedRect(QRectF(card.rect), 8, 8)
    if card.kind is AttachmentKind.VOICE and row.voice is not None:
        now_playing = playing == str(row.message_id)
        paint_voice(painter, card.rect, row.voice, (fonts.body, fonts.small),
                    now_playing, speed, FILE_COLOURS[card.kind])  # fmt: skip
        return
    detail = type_label(attachment)
    if card.preview.isValid():
        preview = thumbnails.get(attachment)
        detail = _paint_preview(painter, card, preview, fonts) or detail
        info = card.info.adjusted(10, 3, -10, -3)
    else:
        badge = QRectF(card.rect.left() + 8, card.rect.top() + 8, 36, card.rect.height() - 16)
        paint_file_badge(painter, badge, type_label(attachment), FILE_COLOURS[card.kind])
        info = card.info.adjusted(4, 6, -10, -6)
    half = info.height() // 2
    painter.setFont(fonts.bold if not card.preview.isValid() else fonts.body)
    painter.setPen(TEXT)
    metrics = QFontMetrics(painter.font())
    painter.drawText(
        QRect(info.left(), info.top(), info.width(), half),
        int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
        metrics.elidedText(attachment.file_name, Qt.TextElideMode.ElideMiddle, info.width()),
    )
    painter.setFont(fonts.small)
    painter.setPen(META)
    line = f"{human_size(attachment.size)} · {detail}"
    if attachment.state is AttachmentState.FAILED:  # the download failed: say so
        painter.setPen(URGENT)
        line = QCoreApplication.translate(
            "BubbleDelegate", "Download failed · click to retry download"
        )
    elif attachment.state is AttachmentState.DOWNLOADING:  # a study, viewable already
        line = studies.line(attachment)
    painter.drawText(
        QRect(info.left(), info.top() + half, info.width(), info.height() - half),
        int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
        metrics.elidedText(line, Qt.TextElideMode.ElideRight, info.width())
        if attachment.state is not AttachmentState.STORED
        else line,
    )
    if progress is not None:
        bar = QRectF(card.rect.left() + 8, card.rect.bottom() - 5, card.rect.width() - 16, 3)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(0, 0, 0, 40))
        painter.drawRoundedRect(bar, 1.5, 1.5)
        painter.setBrush(PROGRESS)
        painter.drawRoundedRect(QRectF(bar.left(), bar.top(), bar.width() * progress, 3), 1.5, 1.5)


def _paint_preview(painter: QPainter, card: Card, preview: Any, fonts: Fonts) -> str:
    """The preview image (or ECG trace) of a card; returns the detail line it adds."""
    box = QRectF(card.preview)
    clip = QPainterPath()
    clip.addRoundedRect(box, 8, 8)
    painter.save()
    painter.setClipPath(clip)
    painter.fillRect(box.adjusted(0, 0, 0, 8), PREVIEW_BG)
    painter.setFont(fonts.small)
    painter.setPen(QColor("#aab4bd"))
    detail = ""
    if preview is None:
        painter.drawText(
            box,
            Qt.AlignmentFlag.AlignCenter,
            QCoreApplication.translate("BubbleDelegate", "Loading preview …"),
        )
    elif preview.ecg:
        paint_ecg_trace(painter, box.adjusted(0, 0, 0, 8), preview.ecg)
    elif preview.image is not None and not preview.image.isNull():
        image = preview.image
        size = QSize(image.width(), image.height()).scaled(
            box.size().toSize(), Qt.AspectRatioMode.KeepAspectRatio
        )
        target = QRectF(
            box.left() + (box.width() - size.width()) / 2,
            box.top() + (box.height() - size.height()) / 2,
            size.width(),
            size.height(),
        )
        painter.drawImage(target, image)
        if card.kind is AttachmentKind.VIDEO:
            paint_video_overlay(painter, target, preview.duration_ms)
    else:
        painter.drawText(
            box.adjusted(12, 12, -12, -12),
            int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
            QCoreApplication.translate("BubbleDelegate", "No preview available"),
        )
    painter.restore()
    if preview is not None:
        detail = " · ".join(x for x in (type_label(card.attachment), preview.detail) if x)
        if preview.detail.startswith("ECG"):
            detail = preview.detail
    return detail
