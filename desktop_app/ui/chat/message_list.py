"""The scrolling list of bubbles: bottom-anchored, pages older messages in at the top.

A chat list is read from the bottom: new messages stick to the bottom while the person
is there, and an older page put on top must not move what they are looking at. Both
need the scroll position fixed *after* Qt laid the new rows out, so this view lays
out at once (``doItemsLayout``) and then restores the distance from the bottom.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QFrame, QListView, QWidget

from desktop_app.services.live_views import ReactionChip
from desktop_app.ui.chat.delegate import BubbleDelegate
from desktop_app.ui.chat.layout import Card
from desktop_app.ui.chat.model import TRANSFERS, MessageModel

TOP_ZONE = 48  # px from the top at which the next older page is asked for
BOTTOM_SLACK = 24  # px from the bottom that still counts as "at the bottom"
SCROLL_STEP = 24
BOTTOM_MARGIN = 10  # air between the newest bubble and the composer


class MessageList(QListView):
    activated_by_key = Signal(QModelIndex)  # Enter on a message
    copy_requested = Signal(QModelIndex)  # Ctrl+C on a message

    def __init__(
        self, model: MessageModel, delegate: BubbleDelegate, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.setObjectName("messageList")
        self.setModel(model)
        self.setItemDelegate(delegate)
        delegate.set_font(self.font())
        self._model = model
        self._delegate = delegate
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setUniformItemSizes(False)
        self.setMouseTracking(True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.verticalScrollBar().setSingleStep(SCROLL_STEP)
        self._keep_from_bottom: int | None = None
        self._top_margin = 0
        self._bottom_room = 0  # room under the bubbles for the "↓" button (unread.py)
        self.setViewportMargins(0, 0, 0, BOTTOM_MARGIN)
        self._relayout = QTimer(self, singleShot=True, interval=0)
        self._relayout.timeout.connect(self._after_relayout)
        self._stick = True  # follow new messages at the bottom
        model.rowsAboutToBeInserted.connect(self._before_insert)
        model.rowsInserted.connect(self._after_insert)
        model.modelReset.connect(self._after_reset)
        model.dataChanged.connect(self._row_changed)
        self.verticalScrollBar().valueChanged.connect(self._scrolled)

    # ---- anchoring -------------------------------------------------------------------

    def at_bottom(self) -> bool:
        bar = self.verticalScrollBar()
        return bar.value() >= bar.maximum() - BOTTOM_SLACK

    def scroll_to_end(self) -> None:
        self.doItemsLayout()
        self._anchor_bottom()
        self.verticalScrollBar().setValue(self.verticalScrollBar().maximum())
        self._stick = True

    def _anchor_bottom(self) -> None:
        """A short conversation sits at the bottom, next to the composer, not at the top."""
        bottom = BOTTOM_MARGIN + self._bottom_room
        available = self.maximumViewportSize().height() + self._top_margin + bottom
        margin = max(0, available - self.contentsSize().height() - bottom)
        if margin != self._top_margin:
            self._top_margin = margin
            self.setViewportMargins(0, margin, 0, bottom)

    def set_bottom_room(self, height: int) -> None:
        """Keep ``height`` px under the bubbles free (the list's own strip, outside the
        viewport): a button placed there covers no bubble's time or state."""
        if height != self._bottom_room:
            self._bottom_room = height
            self.setViewportMargins(0, self._top_margin, 0, BOTTOM_MARGIN + height)

    def _before_insert(self, parent: QModelIndex, first: int, last: int) -> None:
        bar = self.verticalScrollBar()
        if self._model.appending_newer:  # below a window around a jump target: stay put
            self._keep_from_bottom = None
            self._stick = False
        elif first == 0 and self._model.rowCount() > 0:
            self._keep_from_bottom = bar.maximum() - bar.value()  # an older page on top
        else:
            self._keep_from_bottom = None
            self._stick = self.at_bottom()

    def _after_insert(self, parent: QModelIndex, first: int, last: int) -> None:
        self.doItemsLayout()
        self._anchor_bottom()
        bar = self.verticalScrollBar()
        if self._keep_from_bottom is not None:
            bar.setValue(bar.maximum() - self._keep_from_bottom)
            self._keep_from_bottom = None
        elif self._stick:
            bar.setValue(bar.maximum())

    def _after_reset(self) -> None:
        self._stick = True
        self._keep_from_bottom = None
        self.doItemsLayout()
        self._anchor_bottom()

    def _row_changed(self, top: QModelIndex, bottom: QModelIndex, roles: list[int]) -> None:
        # A changed row may have grown (acknowledged by …, a system line): lay out again,
        # later and once for a burst of changes. Progress bars do not change sizes.
        if roles == [TRANSFERS]:
            return
        if self.at_bottom():
            self._stick = True
        self.scheduleDelayedItemsLayout()
        self._relayout.start()

    def _after_relayout(self) -> None:
        self.executeDelayedItemsLayout()
        self._anchor_bottom()
        if self._stick:
            self.verticalScrollBar().setValue(self.verticalScrollBar().maximum())

    def _scrolled(self, value: int) -> None:
        self._stick = self.at_bottom()
        self.check_top()
        if self._stick and self._model.has_newer():  # the bottom of a window: newer page
            self._model.load_newer()

    def check_top(self) -> None:
        """Ask for the next older page while the top of the list is in sight."""
        bar = self.verticalScrollBar()
        near_top = bar.value() <= TOP_ZONE
        self._model.set_top_visible(near_top)
        if near_top and self._model.canFetchMore(QModelIndex()):
            self._model.fetchMore(QModelIndex())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        stick = self.at_bottom()
        super().resizeEvent(event)
        self.doItemsLayout()
        self._anchor_bottom()
        if stick:
            self.verticalScrollBar().setValue(self.verticalScrollBar().maximum())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._delegate.set_font(self.font())
            self.scheduleDelayedItemsLayout()

    # ---- input -----------------------------------------------------------------------

    def hit(self, pos: QPoint) -> tuple[QModelIndex, Card | ReactionChip | str | None]:
        index = self.indexAt(pos)
        if not index.isValid():
            return index, None
        return index, self._delegate.hit(index, self.visualRect(index), pos)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        _, target = self.hit(event.position().toPoint())
        clickable = target == "ack" or isinstance(target, Card)
        self.viewport().setCursor(
            Qt.CursorShape.PointingHandCursor if clickable else Qt.CursorShape.ArrowCursor
        )
        super().mouseMoveEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        index = self.currentIndex()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and index.isValid():
            self.activated_by_key.emit(index)
            return
        if event.matches(QKeySequence.StandardKey.Copy) and index.isValid():
            self.copy_requested.emit(index)
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusInEvent(event)
        if not self.currentIndex().isValid() and self._model.rowCount() > 0:
            last = self._model.index(self._model.rowCount() - 1)
            self.setCurrentIndex(last)  # Tab into the list lands on the newest message
