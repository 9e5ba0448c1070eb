""" "Anna is typing…" under the chat title (issue 13; services/typing.py).

The live client announces who types where (``ServiceEvents.typing`` with a
``TypingNow``); this label shows it for the open conversation and hides itself when the
indication expires (``expires_s``) unless a newer one renews it, or at once when the
services say nobody types any more (their message arrived).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QWidget

from desktop_app.services.typing import SEND_INTERVAL_S, TypingNow
from desktop_app.ui.literal_text import plain_label


class TypingLabel(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        plain_label(self)  # colleagues' names
        self.setObjectName("chatTyping")
        self.setStyleSheet("color: #1d8ce0; font-style: italic;")
        self._conversation: str | None = None
        self._expire = QTimer(self, singleShot=True)
        self._expire.timeout.connect(self.clear_typing)
        self.hide()

    def set_conversation(self, conversation: str | None) -> None:
        """Another chat is open: what was shown belonged to the previous one."""
        self._conversation = conversation
        self.clear_typing()

    def on_typing(self, event: object) -> None:
        if not isinstance(event, TypingNow) or event.conversation != self._conversation:
            return
        if not event.names:
            self.clear_typing()
            return
        self.setText(self.describe(event.names))
        self.setAccessibleName(self.text())
        self.show()
        self._expire.start(int(event.expires_s * 1000))

    def clear_typing(self) -> None:
        self._expire.stop()
        self.clear()
        self.hide()

    def describe(self, names: tuple[str, ...]) -> str:
        if len(names) == 1:
            return self.tr("%1 is typing…").replace("%1", names[0])
        if len(names) == 2:
            return self.tr("%1 and %2 are typing…").replace("%1", names[0]).replace("%2", names[1])
        return self.tr("Several people are typing…")


class TypingSignal(QObject):
    """Watches the composer's real keystrokes (not a restored draft) and calls
    ``send(conversation)`` at most every ``SEND_INTERVAL_S`` (the services check again)."""

    def __init__(
        self,
        editor: QWidget,
        conversation: Callable[[], str | None],
        send: Callable[[str], object],
    ) -> None:
        super().__init__(editor)
        self._conversation = conversation
        self._send = send
        self._last: tuple[str, float] | None = None
        editor.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.text().strip()
        ):
            self.typed()
        return False

    def typed(self) -> None:
        cid = self._conversation()
        now = time.monotonic()
        if cid is None:
            return
        if (
            self._last is not None
            and self._last[0] == cid
            and now - self._last[1] < SEND_INTERVAL_S
        ):
            return
        self._last = (cid, now)
        self._send(cid)

    def reset(self) -> None:
        """A message went out: the next keystroke signals again."""
        self._last = None
