"""What reaches the lock screen while the app is locked: how many new messages came
(ids only), "URGENT from <name>" with the alarm, and a call ringing in. Never content:
only the sender's name leaves a row."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from desktop_app.services.live_views import MessageRow
from desktop_app.ui.lock.alarm import UrgentAlarm
from desktop_app.ui.lock.lock_screen import LockScreen


class LockScreenFeed(QObject):
    """``screen`` gives the lock screen showing now, or None (unlocked, or no lock)."""

    def __init__(
        self,
        screen: Callable[[], LockScreen | None],
        alarm: UrgentAlarm,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._screen = screen
        self._alarm = alarm

    def count(self, rows: object) -> None:
        """The lock screen counts new messages from others (ids only, no content)."""
        screen = self._screen()
        if screen is None or not isinstance(rows, tuple):
            return
        for row in rows:
            if isinstance(row, MessageRow) and not row.mine:
                screen.count_waiting(row.message.message_id)

    def urgent(self, row: object) -> None:
        screen = self._screen()
        if screen is None or not isinstance(row, MessageRow):
            return
        screen.show_urgent(row.sender_name)
        self._alarm.start()

    def call(self, text: str) -> None:
        screen = self._screen()
        if screen is not None:
            screen.show_call(text)
