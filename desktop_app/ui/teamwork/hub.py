"""Opens the teamwork windows (one per conversation and kind) and keeps the reminders.

The main window owns one hub; the chat asks it for a conversation's tasks or calendar
(header buttons) and for "Make task" from a message.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from desktop_app.ui.context import UiContext
from desktop_app.ui.shell.urgent_alert import Notifier
from desktop_app.ui.teamwork.calendar_window import CalendarWindow
from desktop_app.ui.teamwork.files_window import FilesWindow
from desktop_app.ui.teamwork.handover import HandoverWindow
from desktop_app.ui.teamwork.reminders import Reminders
from desktop_app.ui.teamwork.tasks_window import TasksWindow
from desktop_app.ui.viewers.placement import place_on_screen

MY_TASKS = ""  # the key of "My tasks" among the task windows


class TeamworkHub(QObject):
    open_message = Signal(str, str)  # conversation id, message id

    def __init__(self, ctx: UiContext, notify: Notifier, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.window = parent
        self.tasks: dict[str, TasksWindow] = {}
        self.calendars: dict[str, CalendarWindow] = {}
        self.handovers: dict[str, HandoverWindow] = {}
        self.files: dict[str, FilesWindow] = {}
        self.reminders = Reminders(ctx, notify, self)

    def show_tasks(self, conversation: str, title: str = "") -> TasksWindow:
        window = self.tasks.get(conversation)
        if window is None:
            window = TasksWindow(self.ctx, conversation, title, self.window)
            window.open_message.connect(self.open_message)
            window.handover_requested.connect(lambda cid: self.show_handover(cid, title))
            self.tasks[conversation] = window
            place_on_screen(window, window.size(), self.window)  # over the main window
        window.show()
        window.raise_()
        return window

    def show_my_tasks(self) -> TasksWindow:
        return self.show_tasks(MY_TASKS)

    def make_task(self, conversation: str, title: str, message_id: str, text: str) -> None:
        """ "Make task" on a message: the new-task dialog, titled from the message."""
        window = self.show_tasks(conversation, title)
        window.add(" ".join(text.split())[:120], message_id)

    def show_calendar(self, conversation: str, title: str = "") -> CalendarWindow:
        window = self.calendars.get(conversation)
        if window is None:
            window = CalendarWindow(self.ctx, conversation, title, self.window)
            self.calendars[conversation] = window
            place_on_screen(window, window.size(), self.window)
        window.show()
        window.raise_()
        return window

    def show_files(self, conversation: str, title: str = "") -> FilesWindow:
        window = self.files.get(conversation)
        if window is None:
            window = FilesWindow(self.ctx, conversation, title, self.window)
            self.files[conversation] = window
            place_on_screen(window, window.size(), self.window)
        window.show()
        window.raise_()
        return window

    def show_handover(self, conversation: str, title: str = "") -> HandoverWindow:
        old = self.handovers.pop(conversation, None)
        if old is not None:
            old.close()
        window = HandoverWindow(self.ctx, conversation, title, self.window)
        self.handovers[conversation] = window
        place_on_screen(window, window.size(), self.window)
        window.show()
        return window

    def clear(self) -> None:
        """Close every window (the lock: nothing decrypted stays on screen)."""
        self.reminders.stop()
        for files in self.files.values():
            files.opener.close_all()  # the documents it opened in viewers
        for group in (self.tasks, self.calendars, self.handovers, self.files):
            for window in group.values():
                window.close()
                window.deleteLater()
            group.clear()  # type: ignore[attr-defined]
