"""Urgent messages: a red banner that stays, and a notification repeated until answered.

The banner lists the oldest unacknowledged urgent message with "Open" and "Acknowledge";
every ``REPEAT_MS`` the notifier (tray, taskbar) and the urgent sound (ui/sounds.py, the
same as the locked PC's alarm) fire again while anything is waiting.
While the session is locked the banner is gone and notifications carry no content.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QPushButton, QWidget

from desktop_app.services.live_views import MessageRow
from desktop_app.ui.literal_text import plain_label
from desktop_app.ui.lock.alarm import beep_burst
from desktop_app.ui.sounds import URGENT, SoundPlayer

REPEAT_MS = 60_000

Notifier = Callable[[str, str], None]  # title, text


class UrgentBanner(QWidget):
    acknowledge = Signal(str)  # message id
    open_message = Signal(str, str)  # conversation id, message id: shown, not the bottom
    # The banner hid while its button had the keyboard: the window says where it goes
    # (Qt would pass it to the next widget, the conversation search, text selected).
    focus_released = Signal()

    def __init__(
        self,
        notify: Notifier,
        repeat_ms: int = REPEAT_MS,
        parent: QWidget | None = None,
        *,
        sound: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._notify = notify
        self.sound = sound if sound is not None else SoundPlayer(URGENT, beep_burst, self)
        self._waiting: dict[str, MessageRow] = {}
        self.setAutoFillBackground(True)
        self.setStyleSheet(
            "UrgentBanner, QLabel { background: #b3261e; color: white; font-weight: bold; }"
        )
        self.text = plain_label(QLabel())  # holds the colleague's words
        self.text.setWordWrap(True)
        self.open_button = QPushButton(self.tr("Open"))
        self.ack_button = QPushButton(self.tr("Acknowledge"))
        self.ack_button.setAccessibleName(self.tr("Acknowledge urgent message"))
        self.open_button.clicked.connect(self._open)
        self.ack_button.clicked.connect(self._ack)
        layout = QHBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.open_button)
        layout.addWidget(self.ack_button)
        self._timer = QTimer(self)
        self._timer.setInterval(repeat_ms)
        self._timer.timeout.connect(self._remind)
        self.hide()

    def waiting(self) -> list[MessageRow]:
        return list(self._waiting.values())

    def add(self, row: object) -> None:
        assert isinstance(row, MessageRow)
        if not row.needs_my_ack:
            self.settled(row)
            return
        fresh = row.message_id not in self._waiting
        self._waiting[row.message_id] = row
        self._refresh()
        if fresh:
            self._remind()
        if not self._timer.isActive():
            self._timer.start()

    def settled(self, row: MessageRow) -> None:
        if self._waiting.pop(row.message_id, None) is not None:
            self._refresh()

    def update_rows(self, rows: object) -> None:
        for row in rows if isinstance(rows, tuple) else ():
            if isinstance(row, MessageRow) and row.message_id in self._waiting:
                self.add(row)

    def keep_only(self, rows: object) -> None:
        """The urgent messages still waiting in the container (``waiting_urgent``): any
        other is forgotten, its text included, e.g. once its conversation was deleted,
        or retention or the disappearing-messages timer purged it (docs/privacy.md)."""
        current = [r for r in rows if isinstance(r, MessageRow)] if isinstance(rows, list) else []
        kept = {r.message_id for r in current}
        for message_id in [m for m in self._waiting if m not in kept]:
            del self._waiting[message_id]
        self._refresh()
        for row in current:
            self.add(row)

    def clear(self) -> None:
        self._waiting.clear()
        self._refresh()

    def _current(self) -> MessageRow | None:
        if not self._waiting:
            return None
        return min(self._waiting.values(), key=lambda r: r.message.sent_at)

    def _refresh(self) -> None:
        row = self._current()
        if row is None:
            self._timer.stop()
            self.text.clear()  # hidden is not gone: the label held the colleague's words
            focused = QApplication.focusWidget()
            had_focus = focused is not None and self.isAncestorOf(focused)
            self.hide()
            if had_focus:
                self.focus_released.emit()
            return
        more = len(self._waiting) - 1
        text = self.tr("URGENT from {name}: {text}").format(
            name=row.sender_name, text=row.message.body[:200]
        )
        if more:
            text += "  " + self.tr("(+{n} more)").format(n=more)
        self.text.setText(text)
        self.show()

    def _remind(self) -> None:
        row = self._current()
        if row is not None:
            self.sound()
            self._notify(
                self.tr("Urgent message"),
                self.tr("{name} needs your acknowledgement.").format(name=row.sender_name),
            )

    def _open(self) -> None:
        row = self._current()
        if row is not None:
            self.open_message.emit(row.message.conversation_id, row.message_id)

    def _ack(self) -> None:
        row = self._current()
        if row is not None:
            self.acknowledge.emit(row.message_id)
