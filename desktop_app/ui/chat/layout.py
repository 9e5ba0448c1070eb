"""Where each part of one message goes: the geometry shared by painting and clicking.

``lay_out`` turns one row (plus the width of the list) into rectangles relative to the
row's top-left corner: day separator, bubble, urgent badge, sender name, attachment
cards, the wrapped text (a QTextLayout), time and ticks, the acknowledge button or the
"acknowledged by" lines. The delegate paints from it, answers sizeHint with its height
and hit-tests clicks against the same rectangles, so they can never disagree.

Sizes are logical pixels; Qt scales them on high-DPI screens. Text sizes follow the
font the list was given.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRect, QRectF, QSize
from PySide6.QtGui import QFont, QFontMetrics, QTextLayout, QTextOption

from desktop_app.domain.model import Attachment, AttachmentState, MessageKind
from desktop_app.medical.study_package import MIME_TYPE as STUDY_MIME
from desktop_app.services.live_views import MessageRow, ReactionChip
from desktop_app.ui.chat import system_text
from desktop_app.ui.chat.extras import CHIP_HEIGHT, CHIPS_TOP_GAP, place_chips, quote_size
from desktop_app.ui.chat.formatting import AttachmentKind, attachment_kind

SIDE_MARGIN = 14  # between the list's edge and a bubble
TAIL_ROOM = 48  # a bubble never spans the whole width: the other side stays free
MAX_BUBBLE = 520
PAD_H, PAD_V = 11, 7
GAP = 4  # between parts inside a bubble
ROW_GAP = 3  # between consecutive bubbles
RUN_GAP = 8  # above a bubble that starts a new sender's run
DAY_HEIGHT = 26
DAY_MARGIN = 10
PREVIEW = QSize(300, 210)  # thumbnail box until the picture's shape is known
PREVIEW_MAX_HEIGHT = 300
PREVIEW_MIN_HEIGHT = 90
CARD_MIN_WIDTH = 220  # room for the file name under a narrow picture
FILE_CARD_HEIGHT = 52
FILE_CARD_WIDTH = 280
STUDY_CARD_WIDTH = 400
CARD_INFO_HEIGHT = 38  # name and "size · type" under a thumbnail
ACK_BUTTON_HEIGHT = 32
BADGE_HEIGHT = 20
TICKS_WIDTH = 18

PREVIEW_KINDS = frozenset(
    {AttachmentKind.DICOM, AttachmentKind.IMAGE, AttachmentKind.PDF, AttachmentKind.VIDEO}
)  # cards with a picture


@dataclass(frozen=True)
class Fonts:
    body: QFont
    small: QFont
    bold: QFont
    badge: QFont
    small_bold: QFont  # a quoted sender's name

    @classmethod
    def from_font(cls, font: QFont) -> Fonts:
        base = QFont(font)  # a copy: the style option that lent ``font`` dies after the call
        small = QFont(base)
        small.setPointSizeF(max(base.pointSizeF() * 0.82, 6.0))
        bold = QFont(base)
        bold.setBold(True)
        badge = QFont(small)
        badge.setBold(True)
        badge.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 104)
        small_bold = QFont(small)
        small_bold.setBold(True)
        return cls(base, small, bold, badge, small_bold)


@dataclass(frozen=True)
class Labels:
    """The translated words the layout must measure (the delegate owns the translations)."""

    urgent: str
    acknowledge: str
    waiting: str
    acknowledged: tuple[str, ...]  # one line per person who confirmed
    edited: str = "edited"  # beside the time of an edited message
    forwarded: str = "Forwarded"  # beside the time of a forwarded copy
    deleted_quote: str = "deleted message"  # a reply's quote of a deleted original


@dataclass
class Card:
    attachment: Attachment
    kind: AttachmentKind
    rect: QRect  # the whole card (clickable)
    preview: QRect  # thumbnail box; empty for plain file cards
    info: QRect  # name and size · type


@dataclass
class BubbleLayout:
    height: int
    system: bool = False
    day: QRect = field(default_factory=QRect)
    bubble: QRect = field(default_factory=QRect)
    badge: QRect = field(default_factory=QRect)
    sender: QRect = field(default_factory=QRect)
    cards: list[Card] = field(default_factory=list)
    text: QTextLayout | None = None
    text_origin: QPointF = field(default_factory=QPointF)
    meta: QRect = field(default_factory=QRect)
    ack_button: QRect = field(default_factory=QRect)
    ack_lines: list[QRect] = field(default_factory=list)
    quote: QRect = field(default_factory=QRect)  # a reply's quote (click: jump there)
    chips: list[tuple[QRect, ReactionChip]] = field(default_factory=list)

    def chip_at(self, x: int, y: int) -> ReactionChip | None:
        return next((c for r, c in self.chips if r.contains(x, y)), None)

    def card_at(self, x: int, y: int) -> Card | None:
        return next((c for c in self.cards if c.rect.contains(x, y)), None)


LINE_SEPARATOR = "\u2028"  # QTextLayout's hard line break


def _text_layout(text: str, font: QFont, width: int) -> tuple[QTextLayout, int, float]:
    """Wrapped text: (layout, height, width of the last line).

    QTextLayout breaks lines only at U+2028, not at "\n": typed line breaks (Shift+Enter,
    multi-line handovers) are turned into line separators, or the bubble shows one line.
    """
    layout = QTextLayout(_line_separators(text), font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    y = 0.0
    last_width = 0.0
    widest = 0.0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        line.setPosition(QPointF(0, y))
        y += line.height()
        last_width = line.naturalTextWidth()
        widest = max(widest, last_width)
    layout.endLayout()
    return layout, int(y + 0.999), last_width


def _line_separators(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", LINE_SEPARATOR)


def text_width(layout: QTextLayout) -> float:
    return max((layout.lineAt(i).naturalTextWidth() for i in range(layout.lineCount())), default=0)


def lay_out(
    row: MessageRow,
    width: int,
    fonts: Fonts,
    labels: Labels,
    *,
    day: str,
    show_sender: bool,
    aspects: Mapping[str, float] | None = None,
) -> BubbleLayout:
    """``aspects``: width/height of the thumbnails made so far, by attachment id."""
    aspects = aspects or {}
    result = BubbleLayout(0)
    y = 0
    if day:
        metrics = QFontMetrics(fonts.small)
        pill = metrics.horizontalAdvance(day) + 28
        y += DAY_MARGIN
        result.day = QRect((width - pill) // 2, y, pill, DAY_HEIGHT)
        y += DAY_HEIGHT + DAY_MARGIN
    if row.message.kind is MessageKind.SYSTEM:
        return _system(result, system_text.render(row.message.body), width, fonts, y)
    y += RUN_GAP if (show_sender or day) else ROW_GAP
    outer = max(min(width - 2 * SIDE_MARGIN - TAIL_ROOM, MAX_BUBBLE), 120)
    inner = outer - 2 * PAD_H
    parts_width = 0
    cy = PAD_V  # inside the bubble
    small = QFontMetrics(fonts.small)
    message = row.message
    if message.urgent:
        badge_w = QFontMetrics(fonts.badge).horizontalAdvance(labels.urgent) + 16
        result.badge = QRect(PAD_H, cy, badge_w, BADGE_HEIGHT)
        parts_width = max(parts_width, badge_w)
        cy += BADGE_HEIGHT + GAP
    if show_sender and not row.mine:
        bold = QFontMetrics(fonts.bold)
        name_w = min(bold.horizontalAdvance(row.sender_name) + 4, inner)
        result.sender = QRect(PAD_H, cy, name_w, bold.height())
        parts_width = max(parts_width, name_w)
        cy += bold.height() + 2
    if row.quote is not None:
        result.quote = quote_size(row.quote, fonts.small, fonts.small_bold, inner,
                                  labels.deleted_quote).translated(PAD_H, cy)  # fmt: skip
        parts_width = max(parts_width, result.quote.width())
        cy = result.quote.bottom() + 1 + GAP
    for attachment in message.attachments:
        card = _card(attachment, inner, cy, aspects.get(attachment.attachment_id))
        result.cards.append(card)
        parts_width = max(parts_width, card.rect.width())
        cy = card.rect.bottom() + 1 + GAP
    time_w = small.horizontalAdvance("00:00") + (TICKS_WIDTH + 4 if row.mine else 0)
    if message.edited_at is not None:
        time_w += small.horizontalAdvance(labels.edited) + 6
    if message.forwarded:
        time_w += small.horizontalAdvance(labels.forwarded) + 6
    meta_h = small.height()
    if message.body:
        layout, text_h, last_w = _text_layout(message.body, fonts.body, inner)
        result.text = layout
        result.text_origin = QPointF(PAD_H, cy)
        widest = int(text_width(layout) + 0.999)
        parts_width = max(parts_width, widest)
        cy += text_h
        if last_w + 12 + time_w <= inner:  # time fits beside the last line
            parts_width = max(parts_width, int(last_w) + 12 + time_w)
            meta_top = cy - meta_h
        else:
            meta_top = cy + 1
            cy += meta_h + 1
    elif result.cards:  # only files: the time goes into the last card's corner
        meta_top = result.cards[-1].rect.bottom() - meta_h - 5
        cy -= GAP
    else:
        meta_top = cy
        cy += meta_h
    parts_width = max(parts_width, time_w)
    cy = _acknowledgements(result, row, labels, fonts, inner, cy, parts_width)
    parts_width = max(parts_width, *(r.width() for r in result.ack_lines), 0)
    if result.ack_button.isValid():
        parts_width = max(parts_width, min(inner, 220))
    bubble_w = min(parts_width, inner) + 2 * PAD_H
    bubble_h = cy + PAD_V
    left = width - SIDE_MARGIN - bubble_w if row.mine else SIDE_MARGIN
    result.bubble = QRect(left, y, bubble_w, bubble_h)
    meta_right = bubble_w - PAD_H
    if result.cards and not message.body:
        meta_right = result.cards[-1].rect.right() + 1 - 8
    result.meta = QRect(meta_right - time_w, meta_top, time_w, meta_h)
    if result.ack_button.isValid():
        result.ack_button.setWidth(bubble_w - 2 * PAD_H)
    if result.quote.isValid():
        result.quote.setWidth(bubble_w - 2 * PAD_H)
    _to_row(result, left, y)
    result.height = y + bubble_h
    if row.reactions:
        top = result.height + CHIPS_TOP_GAP
        anchor = result.bubble.right() + 1 if row.mine else left
        result.chips = place_chips(row.reactions, fonts.body, anchor, top, row.mine)
        result.height = top + CHIP_HEIGHT
    return result


def _system(result: BubbleLayout, text: str, width: int, fonts: Fonts, y: int) -> BubbleLayout:
    wrap = max(min(width - 80, 560), 100)
    layout, text_h, _ = _text_layout(text, fonts.small, wrap)
    line_w = int(text_width(layout) + 0.999)
    y += 6
    pill = QRect((width - line_w) // 2 - 12, y, line_w + 24, text_h + 8)
    result.system = True
    result.bubble = pill
    result.text = layout
    result.text_origin = QPointF(pill.left() + 12, pill.top() + 4)
    result.height = pill.bottom() + 1 + 6
    return result


def _card(attachment: Attachment, inner: int, top: int, aspect: float | None) -> Card:
    """A thumbnail card shaped like its picture (once known), or a compact file row."""
    kind = attachment_kind(attachment)
    failed = attachment.state is AttachmentState.FAILED  # no body: nothing to preview
    if kind in PREVIEW_KINDS and not failed:
        full = min(PREVIEW.width(), inner)
        if not aspect or aspect <= 0:  # not decoded yet, or no picture: the default box
            w, h = full, full * PREVIEW.height() // PREVIEW.width()
        else:
            w, h = full, round(full / aspect)
            if h > PREVIEW_MAX_HEIGHT:  # portrait: as tall as allowed, narrower
                h = PREVIEW_MAX_HEIGHT
                w = max(min(round(h * aspect), full), min(CARD_MIN_WIDTH, full))
            h = max(h, PREVIEW_MIN_HEIGHT)
        preview = QRect(PAD_H, top, w, h)
        info = QRect(PAD_H, preview.bottom() + 1, w, CARD_INFO_HEIGHT)
        return Card(attachment, kind, QRect(PAD_H, top, w, h + CARD_INFO_HEIGHT), preview, info)
    # A study's card is wider: its line says how much of it has arrived (study_card.py).
    w = min(STUDY_CARD_WIDTH if attachment.mime_type == STUDY_MIME else FILE_CARD_WIDTH, inner)
    rect = QRect(PAD_H, top, w, FILE_CARD_HEIGHT)
    return Card(attachment, kind, rect, QRect(), rect.adjusted(FILE_CARD_HEIGHT, 0, 0, 0))


def _acknowledgements(
    result: BubbleLayout,
    row: MessageRow,
    labels: Labels,
    fonts: Fonts,
    inner: int,
    cy: int,
    parts_width: int,
) -> int:
    if row.needs_my_ack:
        cy += GAP + 2
        result.ack_button = QRect(PAD_H, cy, max(parts_width, 180), ACK_BUTTON_HEIGHT)
        return cy + ACK_BUTTON_HEIGHT
    if not row.message.urgent:
        return cy
    # The sender reads who confirmed (or that nobody has yet); a recipient reads her
    # own confirmation, so she knows her click counted.
    lines = labels.acknowledged or ((labels.waiting,) if row.mine else ())
    metrics = QFontMetrics(fonts.small)
    cy += 2
    for text in lines:
        w = min(metrics.horizontalAdvance(text) + 20, inner)
        result.ack_lines.append(QRect(PAD_H, cy, w, metrics.height()))
        cy += metrics.height() + 1
    return cy


def _to_row(result: BubbleLayout, left: int, top: int) -> None:
    """Parts were placed inside the bubble; move them to row coordinates."""
    rects = (result.badge, result.sender, result.meta, result.ack_button, result.quote)
    for rect in (*rects, *result.ack_lines):
        rect.translate(left, top)
    for card in result.cards:
        for rect in (card.rect, card.preview, card.info):
            rect.translate(left, top)
    result.text_origin += QPointF(left, top)


def bubble_rect_f(layout: BubbleLayout) -> QRectF:
    return QRectF(layout.bubble).adjusted(0.5, 0.5, -0.5, -0.5)
