"""A popup for a new message while WardLink is not the active window: the sender only.

A popup on a shared ward PC is read by whoever stands in front of it, so it names the
sender and never shows content. One popup per batch of arrivals; none for my own
messages, for urgent ones (they have their own banner and alarm: ui/shell/urgent_alert.py),
or for muted conversations unless the message mentions me (``MessageRow.notify``,
services/mentions). None while WardLink is the active window, or locked (no main window).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from desktop_app.services.live_views import MessageRow
from desktop_app.ui.shell.urgent_alert import Notifier


class MessagePopups(QObject):
    def __init__(
        self, main: Callable[[], QWidget | None], notify: Notifier, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._main = main
        self._notify = notify

    def arrived(self, rows: object) -> None:
        """``ServiceEvents.messages``: the rows that came in."""
        main = self._main()
        if main is None or main.isActiveWindow():
            return
        for row in rows if isinstance(rows, tuple) else ():
            if (
                isinstance(row, MessageRow)
                and not row.mine
                and not row.message.urgent
                and row.notify
            ):
                self._notify(
                    self.tr("WardLink"),
                    self.tr("New message from {name}").format(name=row.sender_name),
                )
                return
