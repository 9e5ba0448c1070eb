"""Reminders: a task of mine falling due, an event starting soon, through the app's one
notification path. The text names only the conversation and the title: the popup may be
read by anyone at a shared ward PC."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QObject, QTimer

from desktop_app.services.live_teamwork import Reminder
from desktop_app.ui.context import UiContext
from desktop_app.ui.shell.urgent_alert import Notifier

CHECK_MS = 30_000  # how often due times are looked at


class Reminders(QObject):
    def __init__(self, ctx: UiContext, notify: Notifier, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._notify = notify
        self._since = datetime.now().astimezone()
        self._shown: set[str] = set()
        self.timer = QTimer(self, interval=CHECK_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def check(self) -> None:
        until = datetime.now().astimezone()
        since, self._since = self._since, until
        self.ctx.bridge.call(self.ctx.client.teamwork.reminders, since, until, done=self._show)

    def _show(self, found: object) -> None:
        for reminder in found if isinstance(found, list) else []:
            if not isinstance(reminder, Reminder) or reminder.key in self._shown:
                continue
            self._shown.add(reminder.key)
            text = self.tr("%1: %2 starts soon") if reminder.event else self.tr("%1: %2 is due now")
            self._notify(
                self.tr("WardLink reminder"),
                text.replace("%1", reminder.conversation_title).replace("%2", reminder.title),
            )

    def stop(self) -> None:
        self.timer.stop()
