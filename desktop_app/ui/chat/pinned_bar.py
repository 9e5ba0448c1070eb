"""The pinned bar under the chat's header: up to three pinned messages (sender and first
line); clicking one scrolls to it (loading older pages if it is far back).

It reloads the pins from the services whenever the open conversation's messages change
(a pin or unpin, mine or someone else's, arrives as a changed message row), so a pin
made on another PC appears without reopening the chat. Pin and unpin themselves go
through ``pin`` (the message menu calls it).
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from desktop_app.domain.ids import ConversationId, MessageId
from desktop_app.services.live_views import MessageRow, PinnedRow
from desktop_app.storage.sql_message_events import MAX_PINS_SHOWN
from desktop_app.ui.context import UiContext

if TYPE_CHECKING:
    from collections.abc import Sequence

MAX_SNIPPET_CHARS = 80  # per line of the bar; the full text is in the tooltip
STYLE = """
QWidget#pinnedBar { background: #fffbe6; border-bottom: 1px solid #e8dfb0; }
QPushButton#pinnedMessage { text-align: left; border: none; padding: 3px 16px;
                            color: #3b4a54; background: transparent; }
QPushButton#pinnedMessage:hover { background: #fff3c4; }
"""


class PinnedBar(QWidget):
    jump_requested = Signal(str)  # message id
    failed = Signal(str)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("pinnedBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setStyleSheet(STYLE)
        self.setAccessibleName(self.tr("Pinned messages"))
        self._conversation: ConversationId | None = None
        self._generation = 0
        self.pins: tuple[PinnedRow, ...] = ()
        self.buttons: list[QPushButton] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 2, 0, 2)
        self._layout.setSpacing(0)
        self.hide()
        ctx.events.messages.connect(self._on_messages)

    @property
    def ids(self) -> frozenset[MessageId]:
        return frozenset(p.message_id for p in self.pins)

    @property
    def full(self) -> bool:
        """No further pin until one is removed (the services refuse a fourth)."""
        return len(self.pins) >= MAX_PINS_SHOWN

    def open(self, conversation: ConversationId) -> None:
        self._conversation = conversation
        self._show(())
        self.reload()

    def clear(self) -> None:
        """Forget the pins shown (the lock and a purged conversation call this)."""
        self._conversation = None
        self._generation += 1
        self._show(())

    def reload(self) -> None:
        cid = self._conversation
        if cid is None:
            return
        self._generation += 1
        generation = self._generation

        def loaded(pins: object) -> None:
            if generation == self._generation and isinstance(pins, list):
                self._show(tuple(p for p in pins if isinstance(p, PinnedRow)))

        self.ctx.bridge.call(self.ctx.client.pinned, cid, done=loaded, error=self.failed.emit)

    def pin(self, message_id: MessageId, pinned: bool) -> None:
        """Pin (or unpin) a message for everyone in the conversation."""
        client = self.ctx.client
        self.ctx.bridge.submit(
            lambda: client.pin(message_id, pinned),
            done=lambda _row: self.reload(),
            error=self.failed.emit,
        )

    def _on_messages(self, rows: object) -> None:
        cid = self._conversation
        if cid is None or not isinstance(rows, tuple):
            return
        if any(isinstance(r, MessageRow) and r.message.conversation_id == cid for r in rows):
            self.reload()

    def _show(self, pins: Sequence[PinnedRow]) -> None:
        self.pins = tuple(pins)
        for button in self.buttons:
            self._layout.removeWidget(button)
            button.deleteLater()
        self.buttons = []
        for pin in self.pins:
            snippet = pin.snippet.replace("\n", " ")
            if len(snippet) > MAX_SNIPPET_CHARS:
                snippet = snippet[: MAX_SNIPPET_CHARS - 1] + "…"
            button = QPushButton(f"📌 {pin.sender_name}: {snippet}")
            button.setObjectName("pinnedMessage")
            button.setFlat(True)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setToolTip(self.tr("Show this pinned message"))
            button.setAccessibleName(
                self.tr("Pinned message from %1: %2")
                .replace("%1", pin.sender_name)
                .replace("%2", pin.snippet)
            )
            button.clicked.connect(partial(self.jump_requested.emit, str(pin.message_id)))
            self._layout.addWidget(button)
            self.buttons.append(button)
        self.setVisible(bool(self.pins))
