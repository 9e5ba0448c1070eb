"""Paints messages as bubbles: mine on the right in green, others on the left in white.

Everything is measured once per (row version, width) by ``layout.lay_out`` and cached,
so scrolling repaints without re-wrapping text. Clicks on the acknowledge button or on
an attachment card become signals; the view decides what they do. The cards inside a
bubble are painted by card_paint.py; the colours both use are in palette.py.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPen,
    QTextLayout,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
)

from desktop_app.services.live_views import MessageRow, ReactionChip
from desktop_app.ui.chat import model as roles
from desktop_app.ui.chat.card_paint import paint_card
from desktop_app.ui.chat.extras import paint_chips, paint_quote
from desktop_app.ui.chat.find_bar import highlight_ranges
from desktop_app.ui.chat.formatting import clock_text
from desktop_app.ui.chat.icons import paint_state
from desktop_app.ui.chat.layout import BubbleLayout, Card, Fonts, Labels, lay_out
from desktop_app.ui.chat.palette import (
    ACKED,
    DAY_PILL,
    FOCUS,
    MENTION,
    MENTION_TINT,
    META,
    MINE,
    SHADOW,
    SYSTEM_PILL,
    SYSTEM_TEXT,
    TEXT,
    THEIRS,
    URGENT,
    URGENT_TINT,
    WAITING,
    name_colour,
)
from desktop_app.ui.chat.previews import ThumbnailCache
from desktop_app.ui.chat.study_card import StudyProgressBook
from desktop_app.ui.literal_text import literal

Index = QModelIndex | QPersistentModelIndex
MAX_LAYOUTS = 800  # full layouts kept (several screens full); heights are kept for all
RADIUS = 10.0


class BubbleDelegate(QStyledItemDelegate):
    acknowledge_clicked = Signal(str)  # message id
    quote_clicked = Signal(str)  # id of the message a reply quotes
    reaction_clicked = Signal(str, str)  # message id, emoji of the chip
    attachment_clicked = Signal(object)  # Attachment

    def __init__(
        self,
        thumbnails: ThumbnailCache,
        parent: QObject | None = None,
        studies: StudyProgressBook | None = None,
    ) -> None:
        super().__init__(parent)
        self.thumbnails = thumbnails
        self.studies = studies or StudyProgressBook()  # downloading studies' progress
        # Heights of every loaded row at the current width (Qt asks for all of them on
        # each relayout); full layouts only for the rows recently painted or clicked.
        self._heights: dict[Any, int] = {}
        self._heights_width = 0
        self._layouts: OrderedDict[tuple[Any, int], BubbleLayout] = OrderedDict()
        self.fonts = Fonts.from_font(QFont())
        self.playing = ""  # the voice message playing now (its id), set by the VoicePlayer
        self.speed = 1.0
        self.find_terms: tuple[str, ...] = ()  # words the find bar marks in the bubbles

    # ---- layout ----------------------------------------------------------------------

    def set_font(self, font: QFont) -> None:
        """The list's font (the view calls this at start and on every font change)."""
        self.fonts = Fonts.from_font(font)
        self.clear()

    def labels(self, row: MessageRow) -> Labels:
        acknowledged = tuple(
            (
                self.tr("Acknowledged by you · %1").replace("%1", clock_text(ack.at))
                if ack.mine
                else self.tr("Acknowledged by %1 · %2")
                .replace("%1", ack.name)
                .replace("%2", clock_text(ack.at))
            )
            for ack in row.acknowledged_by
        )
        return Labels(
            urgent=self.tr("URGENT"),
            acknowledge=self.tr("Acknowledge"),
            waiting=self.tr("Not acknowledged yet"),
            acknowledged=acknowledged,
            edited=self.tr("edited"),
            forwarded=self.tr("Forwarded"),
            deleted_quote=self.tr("deleted message"),
        )

    def layout_for(self, index: Index, width: int) -> BubbleLayout:
        key = index.data(roles.LAYOUT_KEY)
        found = self._layouts.get((key, width))
        if found is not None:
            self._layouts.move_to_end((key, width))
            return found
        row = index.data(roles.ROW)
        assert isinstance(row, MessageRow)
        aspects: dict[str, float] = {}
        for attachment in row.message.attachments:
            preview = self.thumbnails.peek(attachment.attachment_id)
            if preview is not None and preview.aspect:
                aspects[attachment.attachment_id] = preview.aspect
        layout = lay_out(
            row,
            width,
            self.fonts,
            self.labels(row),
            day=index.data(roles.DAY),
            show_sender=bool(index.data(roles.SHOW_SENDER)),
            aspects=aspects,
        )
        self._layouts[(key, width)] = layout
        while len(self._layouts) > MAX_LAYOUTS:
            self._layouts.popitem(last=False)
        if width == self._heights_width:
            self._heights[key] = layout.height
        return layout

    def clear(self) -> None:
        self._layouts.clear()
        self._heights.clear()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        width = option.rect.width()
        if width <= 0:  # Qt sometimes asks without a rect: answer for the current width
            width = self._heights_width or 400
        width = max(width, 200)
        if width != self._heights_width:
            self._heights.clear()
            self._heights_width = width
        height = self._heights.get(index.data(roles.LAYOUT_KEY))
        if height is None:
            height = self.layout_for(index, width).height
        return QSize(width, height)

    # ---- painting --------------------------------------------------------------------

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        rect: QRect = option.rect
        layout = self.layout_for(index, rect.width())
        row = index.data(roles.ROW)
        assert isinstance(row, MessageRow)
        fonts = self.fonts
        painter.save()
        painter.translate(rect.topLeft())
        # Nothing a row paints leaves it: a colleague's stacked combining marks ("Zalgo",
        # a few thousand in one letter) were drawn across the rows above and beside.
        painter.setClipRect(QRect(QPoint(0, 0), rect.size()), Qt.ClipOperation.IntersectClip)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        if layout.day.isValid():
            self._pill(painter, layout.day, DAY_PILL)
            painter.setFont(fonts.small)
            painter.setPen(META)
            painter.drawText(layout.day, Qt.AlignmentFlag.AlignCenter, index.data(roles.DAY))
        if layout.system:
            self._pill(painter, layout.bubble, SYSTEM_PILL)
            painter.setPen(SYSTEM_TEXT)
            assert layout.text is not None
            _draw_inside(painter, layout.text, layout.text_origin, layout.bubble)
        else:
            focused = bool(option.state & QStyle.StateFlag.State_HasFocus)
            self._bubble(painter, layout, row, fonts, focused)
            transfers = index.data(roles.TRANSFERS) or {}
            for card in layout.cards:
                progress = transfers.get(card.attachment.attachment_id)
                paint_card(
                    painter, card, row, fonts, progress, thumbnails=self.thumbnails,
                    studies=self.studies, playing=self.playing, speed=self.speed,
                )  # fmt: skip
            self._meta(painter, layout, row, fonts)  # after the cards: it may sit on one
            self._acknowledgement(painter, layout, row, fonts)
            if layout.quote.isValid() and row.quote is not None:
                colour = name_colour(row.quote.sender_uid)
                quote_fonts = (fonts.small, fonts.small_bold)
                paint_quote(painter, layout.quote, row.quote, quote_fonts, colour, row.mine,
                            self.tr("deleted message"))  # fmt: skip
            if layout.chips:
                paint_chips(painter, layout.chips, fonts.body)
        painter.restore()

    def _pill(self, painter: QPainter, rect: QRect, colour: QColor) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        r = QRectF(rect)
        painter.drawRoundedRect(r, r.height() / 2, r.height() / 2)

    def _bubble(
        self, painter: QPainter, layout: BubbleLayout, row: MessageRow, fonts: Fonts, focused: bool
    ) -> None:
        message = row.message
        shape = QRectF(layout.bubble)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(SHADOW)
        painter.drawRoundedRect(shape.translated(0, 1), RADIUS, RADIUS)
        tint = URGENT_TINT if message.urgent else MENTION_TINT if row.mentions_me else THEIRS
        painter.setBrush(MINE if row.mine else tint)
        if message.urgent:
            painter.setPen(QPen(URGENT, 1.6))
        elif row.mentions_me and not row.mine:
            painter.setPen(QPen(MENTION, 1.6))
        elif focused:
            painter.setPen(QPen(FOCUS, 2))
        painter.drawRoundedRect(shape.adjusted(0.5, 0.5, -0.5, -0.5), RADIUS, RADIUS)
        if focused and message.urgent:
            painter.setPen(QPen(FOCUS, 2, Qt.PenStyle.DotLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(shape.adjusted(-3, -3, 3, 3), RADIUS + 2, RADIUS + 2)
        if layout.badge.isValid():
            self._pill(painter, layout.badge, URGENT)
            painter.setFont(fonts.badge)
            painter.setPen(QColor("white"))
            painter.drawText(layout.badge, Qt.AlignmentFlag.AlignCenter, self.tr("URGENT"))
        if layout.sender.isValid():
            painter.setFont(fonts.bold)
            painter.setPen(name_colour(message.sender_uid))
            metrics = QFontMetrics(fonts.bold)
            name = metrics.elidedText(
                row.sender_name, Qt.TextElideMode.ElideRight, layout.sender.width()
            )
            painter.drawText(layout.sender, Qt.AlignmentFlag.AlignLeft, name)
        if layout.text is not None:
            painter.setPen(TEXT)
            marks = highlight_ranges(layout.text.text(), self.find_terms)  # the find bar's
            _draw_inside(painter, layout.text, layout.text_origin, layout.bubble, marks)

    def _meta(self, painter: QPainter, layout: BubbleLayout, row: MessageRow, fonts: Fonts) -> None:
        painter.setFont(fonts.small)
        painter.setPen(META)
        meta = layout.meta
        time_rect = QRect(meta)
        if row.mine:
            ticks = QRectF(meta.right() - 17, meta.top() + 1, 18, meta.height() - 2)
            paint_state(painter, ticks, row.message.state)
            time_rect.setRight(meta.right() - 21)
        time = clock_text(row.message.sent_at)
        if row.message.edited_at is not None:
            time = f"{self.tr('edited')}  {time}"
        if row.message.forwarded:
            time = f"{self.tr('Forwarded')}  {time}"
        painter.drawText(
            time_rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), time
        )

    def _acknowledgement(
        self, painter: QPainter, layout: BubbleLayout, row: MessageRow, fonts: Fonts
    ) -> None:
        if layout.ack_button.isValid():
            button = QRectF(layout.ack_button)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(URGENT)
            painter.drawRoundedRect(button, 8, 8)
            painter.setFont(fonts.bold)
            painter.setPen(QColor("white"))
            painter.drawText(button, Qt.AlignmentFlag.AlignCenter, self.tr("Acknowledge"))
        labels = self.labels(row)
        lines = labels.acknowledged or (labels.waiting,)
        for text, rect in zip(lines, layout.ack_lines, strict=False):
            colour = ACKED if labels.acknowledged else WAITING
            painter.setFont(fonts.small)
            painter.setPen(QPen(colour, 1.6))
            if labels.acknowledged:
                mark = QPainterPath()
                h = rect.height()
                mark.moveTo(rect.left() + 2, rect.top() + h * 0.55)
                mark.lineTo(rect.left() + 6, rect.top() + h * 0.8)
                mark.lineTo(rect.left() + 13, rect.top() + h * 0.25)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawPath(mark)
            else:
                painter.drawEllipse(QRectF(rect.left() + 3, rect.top() + 3, 9, rect.height() - 6))
            metrics = QFontMetrics(fonts.small)
            painter.drawText(
                rect.adjusted(18, 0, 0, 0),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                metrics.elidedText(text, Qt.TextElideMode.ElideRight, rect.width() - 18),
            )

    # ---- clicks ----------------------------------------------------------------------

    def hit(
        self, index: Index, option_rect: QRect, pos: QPoint
    ) -> Card | ReactionChip | str | None:
        """What is under ``pos`` (view coordinates): a Card, a ReactionChip, "ack",
        "quote", "bubble" or None."""
        layout = self.layout_for(index, option_rect.width())
        x, y = pos.x() - option_rect.left(), pos.y() - option_rect.top()
        if layout.ack_button.contains(x, y):
            return "ack"
        if layout.quote.contains(x, y):
            return "quote"
        chip = layout.chip_at(x, y)
        if chip is not None:
            return chip
        card = layout.card_at(x, y)
        if card is not None:
            return card
        return "bubble" if layout.bubble.contains(x, y) else None

    def editorEvent(  # noqa: N802
        self, event: QEvent, model: Any, option: QStyleOptionViewItem, index: Index
    ) -> bool:
        if event.type() != QEvent.Type.MouseButtonRelease or not isinstance(event, QMouseEvent):
            return False
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        target = self.hit(index, option.rect, event.position().toPoint())
        if target == "ack":
            self.acknowledge_clicked.emit(str(index.data(roles.MESSAGE_ID)))
            return True
        if isinstance(target, Card):
            self.attachment_clicked.emit(target.attachment)
            return True
        row = index.data(roles.ROW)
        if target == "quote" and isinstance(row, MessageRow) and row.quote is not None:
            self.quote_clicked.emit(str(row.quote.message_id))
            return True
        if isinstance(target, ReactionChip):
            self.reaction_clicked.emit(str(index.data(roles.MESSAGE_ID)), target.emoji)
            return True
        return False

    def helpEvent(  # noqa: N802
        self, event: QHelpEvent, view: QAbstractItemView, option: QStyleOptionViewItem, index: Index
    ) -> bool:
        """A reaction chip's tooltip names who reacted."""
        if event is not None and index.isValid():
            target = self.hit(index, option.rect, event.pos())
            if isinstance(target, ReactionChip):
                QToolTip.showText(event.globalPos(), literal(", ".join(target.names)), view)
                return True
        return super().helpEvent(event, view, option, index)


def _draw_inside(
    painter: QPainter,
    text: QTextLayout,
    origin: QPointF,
    bubble: QRect,
    marks: list[QTextLayout.FormatRange] | None = None,
) -> None:
    """Draw ``text`` clipped to its bubble: a QTextLayout draws wherever its glyphs go,
    and a letter carrying thousands of combining marks goes far above, below and beside
    its line (wider than any bubble, it cannot be wrapped)."""
    painter.save()
    painter.setClipRect(bubble, Qt.ClipOperation.IntersectClip)
    text.draw(painter, origin, marks or [])
    painter.restore()
