"""Opening a chat at the first unread message, and the two floating buttons.

A chat with unread messages opens with "N unread messages" above the oldest unread one
and scrolled there (top of the list), not at the bottom: what came in while the person
was away is read from its start. Older pages are loaded when it is far back. While the
list is scrolled away, buttons lead back: "Jump to the first unread message" (as long as that
message is out of sight), in a strip under the list, where it covers no message (floating
over the list, its width hid the text of the bubbles under it); and a small round "↓" to
the newest message in the list's bottom right corner, as messengers have it. The list keeps
a strip of the button's height free under its bubbles while the "↓" shows and the button
sits in it: floating over the bubbles, it covered the time and ticks of the last one.

The services count unread messages per conversation (``first_unread``); the view asks
before it marks the chat read, and the bridge runs the two calls in that order. A reply of
mine in the chat ends both the divider and its button (the model drops the divider).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.ids import ConversationId, MessageId
from desktop_app.services.live_views import FirstUnread
from desktop_app.ui.chat.message_list import BOTTOM_MARGIN

if TYPE_CHECKING:
    from desktop_app.ui.chat.view import ChatView

JUMP_PAGE = 500  # messages per older page while looking for the first unread one
MAX_JUMP_PAGES = 40  # then stay where we are (20 000 messages back)
BUTTON_MARGIN = 12  # px from the list's right edge
BUTTON_GAP = 2  # px above and below the "↓" in the strip the list keeps free for it
STYLE = (
    "QToolButton { background: white; border: 1px solid #d5dbe1; border-radius: 14px;"
    " padding: 4px 10px; color: #1d8ce0; }"
)
BAR_STYLE = "QWidget#unreadBar { background: #eef5fc; border-top: 1px solid #d5dbe1; }"


class UnreadJump(QObject):
    def __init__(self, view: ChatView) -> None:
        super().__init__(view)
        self.view = view
        self.first: FirstUnread | None = None
        self._pending = False  # scroll to the first unread once its row is loaded
        self._moved = False  # the person jumped elsewhere before the answer came
        self._pages = 0
        self._generation = 0
        viewport = view.list.viewport()
        self.bar = QWidget()  # under the list: the way back to the first unread message
        self.bar.setObjectName("unreadBar")
        self.bar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.bar.setStyleSheet(BAR_STYLE)
        self.first_button = QToolButton()
        self.first_button.setText(self.tr("Jump to the first unread message"))
        self.first_button.clicked.connect(self.jump_to_first)
        self.newest_button = QToolButton(view.list)  # in the list's strip, not on bubbles
        self.newest_button.setText("↓")
        self.newest_button.setToolTip(self.tr("Jump to the newest message"))
        self.newest_button.setAccessibleName(self.tr("Jump to the newest message"))
        self.newest_button.clicked.connect(self.jump_to_newest)
        for button in (self.first_button, self.newest_button):
            button.setStyleSheet(STYLE)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.hide()
        row = QHBoxLayout(self.bar)
        row.setContentsMargins(BUTTON_MARGIN, 4, BUTTON_MARGIN, 4)
        row.addWidget(self.first_button)
        row.addStretch(1)
        self.bar.hide()
        layout = view.layout()
        if isinstance(layout, QHBoxLayout | QVBoxLayout):
            layout.insertWidget(layout.indexOf(view.list) + 1, self.bar)
        viewport.installEventFilter(self)
        view.list.verticalScrollBar().valueChanged.connect(self.update_buttons)
        view.list.verticalScrollBar().rangeChanged.connect(self.update_buttons)
        view.model.page_loaded.connect(self._continue)
        view.model.divider_dropped.connect(self.clear)  # answered: no way back to it

    def open(self, conversation: ConversationId) -> None:
        """Ask where the first unread message is (before the chat is marked read)."""
        self.clear()
        generation = self._generation
        client = self.view.ctx.client

        def found(first: object) -> None:
            if generation != self._generation or not isinstance(first, FirstUnread):
                return
            self.first = first
            if first.count == 1:
                label = self.tr("1 unread message")
            else:
                label = self.tr("%1 unread messages").replace("%1", str(first.count))
            self.view.model.set_divider(first.message_id, label)
            if not self._moved:
                self.jump_to_first()
            self.update_buttons()

        self.view.ctx.bridge.call(client.first_unread, conversation, done=found)

    def clear(self) -> None:
        self._generation += 1
        self.first, self._pending, self._moved = None, False, False
        self.update_buttons()

    def cancel(self) -> None:
        """Stop looking for the first unread one (a jump elsewhere came first); its
        divider still shows, and its button leads there."""
        self._pending, self._moved = False, True

    def jump_to_first(self) -> None:
        if self.first is not None:
            self._pending, self._pages = True, 0
            self._continue()

    def jump_to_newest(self) -> None:
        self.cancel()
        self.view.list.scroll_to_end()
        self.update_buttons()

    def _continue(self, _older: bool = True) -> None:
        first, model = self.first, self.view.model
        if not self._pending or first is None:
            return
        index = model.index_of(first.message_id)
        if index.isValid():
            self._pending = False
            lst = self.view.list
            lst.doItemsLayout()
            lst.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtTop)
            lst.setCurrentIndex(index)
            self.update_buttons()
            return
        if model.is_loading():
            return  # the page on its way calls back
        self._pages += 1
        if self._pages > MAX_JUMP_PAGES or not model.load_older(JUMP_PAGE):
            self._pending = False

    def first_in_sight(self) -> bool:
        first = self.first
        if first is None:
            return True
        index = self.view.model.index_of(MessageId(first.message_id))
        if not index.isValid():
            return False
        lst = self.view.list
        return lst.viewport().rect().intersects(lst.visualRect(index))

    def update_buttons(self) -> None:
        lst = self.view.list
        has_rows = self.view.model.rowCount() > 0
        newest = has_rows and not lst.at_bottom()
        room = self.newest_button.sizeHint().height() + 2 * BUTTON_GAP if newest else 0
        lst.set_bottom_room(room)  # before showing: its scroll range may change with it
        self.newest_button.setVisible(newest and not lst.at_bottom())
        first = has_rows and not self.first_in_sight()
        self.first_button.setVisible(first)
        self.bar.setVisible(first)
        self._place()

    def _place(self) -> None:
        """In the strip under the viewport (list coordinates), at its right."""
        lst = self.view.list
        rect = lst.viewport().geometry()
        button = self.newest_button
        if button.isVisible():
            button.adjustSize()
            button.move(
                rect.right() - BUTTON_MARGIN - button.width(),
                rect.bottom() + 1 + BUTTON_GAP + BOTTOM_MARGIN // 2,
            )
            button.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize:
            self._place()
        return False
