"""Where a reply's quote and the reaction chips go, and how they are painted.

Kept apart from ``layout``/``delegate`` so those stay small; both call in here. The
geometry is computed once per row version (the delegate caches the whole layout), so
reactions and quotes on every row cost nothing extra while scrolling.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen

from desktop_app.services.live_views import Quote, ReactionChip

QUOTE_PAD = 6
QUOTE_BAR = 3  # the coloured stripe on the quote's left
QUOTE_MIN_WIDTH = 120
CHIP_HEIGHT = 24
CHIP_GAP = 4
CHIP_PAD = 8
CHIPS_TOP_GAP = 2

QUOTE_BG_MINE = QColor("#c4e8cc")
QUOTE_BG_THEIRS = QColor("#eef1f4")
QUOTE_DELETED = QColor("#8a969f")
QUOTE_SNIPPET = QColor("#4a5963")
CHIP_BG = QColor("#ffffff")
CHIP_BORDER = QColor("#d5dbe1")
CHIP_MINE_BG = QColor("#e3f0fb")
CHIP_MINE_BORDER = QColor("#1d8ce0")
CHIP_TEXT = QColor("#111b21")


def quote_size(quote: Quote, small: QFont, bold: QFont, inner: int, deleted: str) -> QRect:
    """The quote box at (0, 0): sender over snippet (or "deleted message")."""
    small_metrics, bold_metrics = QFontMetrics(small), QFontMetrics(bold)
    name_w = 0 if quote.deleted else bold_metrics.horizontalAdvance(quote.sender_name)
    text_w = small_metrics.horizontalAdvance(deleted if quote.deleted else quote.snippet[:200])
    w = min(max(name_w, text_w) + 2 * QUOTE_PAD + QUOTE_BAR + 4, inner)
    lines = small_metrics.height() + (0 if quote.deleted else bold_metrics.height())
    return QRect(0, 0, max(w, min(QUOTE_MIN_WIDTH, inner)), lines + 2 * QUOTE_PAD)


def chip_text(chip: ReactionChip) -> str:
    return f"{chip.emoji} {len(chip.names)}"


def place_chips(
    chips: tuple[ReactionChip, ...], font: QFont, anchor: int, top: int, right_to_left: bool
) -> list[tuple[QRect, ReactionChip]]:
    """One row of chips under a bubble: from its left edge ``anchor``, or for my own
    messages (``right_to_left``) ending at its right edge ``anchor``."""
    metrics = QFontMetrics(font)
    widths = [metrics.horizontalAdvance(chip_text(c)) + 2 * CHIP_PAD for c in chips]
    total = sum(widths) + CHIP_GAP * max(len(widths) - 1, 0)
    x = anchor - total if right_to_left else anchor
    out: list[tuple[QRect, ReactionChip]] = []
    for chip, w in zip(chips, widths, strict=True):
        out.append((QRect(x, top, w, CHIP_HEIGHT), chip))
        x += w + CHIP_GAP
    return out


def paint_quote(
    painter: QPainter,
    rect: QRect,
    quote: Quote,
    fonts: tuple[QFont, QFont],
    colour: QColor,
    mine: bool,
    deleted: str,
) -> None:
    small, bold = fonts
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QUOTE_BG_MINE if mine else QUOTE_BG_THEIRS)
    painter.drawRoundedRect(QRectF(rect), 6, 6)
    painter.setBrush(QUOTE_DELETED if quote.deleted else colour)
    painter.drawRoundedRect(QRectF(rect.left(), rect.top(), QUOTE_BAR, rect.height()), 1.5, 1.5)
    x = rect.left() + QUOTE_BAR + QUOTE_PAD
    width = rect.right() - QUOTE_PAD - x
    y = rect.top() + QUOTE_PAD
    flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    if quote.deleted:
        painter.setFont(small)
        painter.setPen(QUOTE_DELETED)
        painter.drawText(QRect(x, y, width, rect.bottom() - QUOTE_PAD - y), flags, deleted)
        return
    painter.setFont(bold)
    painter.setPen(colour)
    bold_metrics = painter.fontMetrics()
    h = bold_metrics.height()
    name = bold_metrics.elidedText(quote.sender_name, Qt.TextElideMode.ElideRight, width)
    painter.drawText(QRect(x, y, width, h), flags, name)
    painter.setFont(small)
    painter.setPen(QUOTE_SNIPPET)
    metrics = painter.fontMetrics()
    snippet = metrics.elidedText(quote.snippet, Qt.TextElideMode.ElideRight, width)
    painter.drawText(QRect(x, y + h, width, metrics.height()), flags, snippet)


def paint_chips(painter: QPainter, chips: list[tuple[QRect, ReactionChip]], font: QFont) -> None:
    painter.setFont(font)
    for rect, chip in chips:
        painter.setPen(QPen(CHIP_MINE_BORDER if chip.mine else CHIP_BORDER, 1))
        painter.setBrush(CHIP_MINE_BG if chip.mine else CHIP_BG)
        r = QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.drawRoundedRect(r, r.height() / 2, r.height() / 2)
        painter.setPen(CHIP_TEXT)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, chip_text(chip))
