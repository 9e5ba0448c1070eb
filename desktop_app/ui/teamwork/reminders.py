"""Reminders: a task of mine falling due, an event starting soon, through the app's one
notification path. The text names only the conversation and the title: the popup may be
read by anyone at a shared ward PC.

What fell due while the PC was locked or the app closed comes at unlock as ONE summary
(services/reminder_log.py keeps, in the container, up to when this PC looked and what it
showed, so nothing is lost and nothing shown twice)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal

from desktop_app.services.live_teamwork import Reminder
from desktop_app.ui.context import UiContext
from desktop_app.ui.plural import counted
from desktop_app.ui.shell.urgent_alert import Notifier

CHECK_MS = 30_000  # how often due times are looked at
SUMMARY_NAMES = 5  # the summary names this many reminders, then says how many more


class Reminders(QObject):
    missed = Signal(int)  # at unlock: how many of my tasks fell due while locked or closed

    def __init__(self, ctx: UiContext, notify: Notifier, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._notify = notify
        self._since = datetime.now().astimezone()
        self._shown: set[str] = set()  # also in the container, once the service recorded it
        self.caught_up = False  # the unlock's look at what fell due meanwhile is done
        self.timer = QTimer(self, interval=CHECK_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        ctx.bridge.call(ctx.client.teamwork.missed_reminders, done=self._summarize)

    def check(self) -> None:
        self.ctx.bridge.call(self.ctx.client.teamwork.due_reminders, self._since, done=self._show)

    def _found(self, answer: object) -> list[Reminder]:
        """The new reminders of a service answer, recorded as shown (in memory and in the
        container); none when locked meanwhile: then the next unlock catches them up."""
        if not isinstance(answer, tuple) or len(answer) != 2 or not self.timer.isActive():
            return []
        found, until = answer
        if not isinstance(until, datetime) or not isinstance(found, list):
            return []
        new = [r for r in found if isinstance(r, Reminder) and r.key not in self._shown]
        self._shown.update(r.key for r in new)
        self._since = max(self._since, until)
        self.ctx.bridge.call(self.ctx.client.teamwork.shown, new, until)
        return new

    def _summarize(self, answer: object) -> None:
        found = self._found(answer)
        self.caught_up = True
        if not found:
            return
        names = "; ".join(f"{r.conversation_title}: {r.title}" for r in found[:SUMMARY_NAMES])
        if len(found) > SUMMARY_NAMES:
            names += " " + self.tr("(+%n more)", "", len(found) - SUMMARY_NAMES)
        self._notify(
            self.tr("WardLink reminder"),
            counted(
                len(found),
                self.tr("1 reminder fell due while WardLink was locked or closed:"),
                self.tr("%n reminders fell due while WardLink was locked or closed:"),
            )
            + " "
            + names,
        )
        self.missed.emit(sum(1 for r in found if not r.event))

    def _show(self, answer: object) -> None:
        for reminder in self._found(answer):
            text = self.tr("%1: %2 starts soon") if reminder.event else self.tr("%1: %2 is due now")
            self._notify(
                self.tr("WardLink reminder"),
                text.replace("%1", reminder.conversation_title).replace("%2", reminder.title),
            )

    def stop(self) -> None:
        self.timer.stop()
