"""Wires one unlocked main window to the directory panel and the people dialogs.

Kept apart from ``MainWindow`` (which only knows a chat pane and some panel) so the
window stays a layout, and from the controller (which only knows sessions).
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop_app.ui.context import UiContext
from desktop_app.ui.directory import (
    DirectoryPanel,
    MembersDialog,
    NewChatDialog,
    NewGroupDialog,
    open_conversation,
)
from desktop_app.ui.shell.main_window import MainWindow


class SessionActions:
    """Opens the dialogs the toolbar and the person card ask for."""

    def __init__(self, main: MainWindow, ctx: UiContext) -> None:
        self.main = main
        self.ctx = ctx
        self.dialog: QWidget | None = None  # the one open dialog, kept alive while shown
        main.new_chat_requested.connect(self.new_chat)
        main.new_group_requested.connect(self.new_group)
        main.members_requested.connect(self.members)
        if isinstance(main.directory, DirectoryPanel):
            main.directory.write_to.connect(self.write_to)
            main.directory.start_group.connect(self.start_group)
            main.directory.call_to.connect(self.call)

    def new_chat(self) -> None:
        dialog = NewChatDialog(self.ctx, self.main)
        dialog.started.connect(self.opened)
        self._show(dialog)

    def new_group(self, members: list[str] | None = None) -> None:
        dialog = NewGroupDialog(self.ctx, self.main, members=members)
        dialog.created.connect(self.opened)
        self._show(dialog)

    def start_group(self, members: list[str]) -> None:
        self.new_group(list(members))

    def members(self, conversation_id: str) -> None:
        dialog = MembersDialog(self.ctx, conversation_id, self.main)
        dialog.changed.connect(self.main.conversations.reload)
        self._show(dialog)

    def write_to(self, uid: str) -> None:
        open_conversation(self.ctx, uid, done=self.opened, error=self._error)

    def call(self, uid: str, name: str) -> None:
        if self.ctx.place_call is not None:
            self.ctx.place_call(uid, name)

    def opened(self, conversation_id: str) -> None:
        self.main.open_conversation(conversation_id, "")

    def _error(self, message: str) -> None:
        self.main.statusBar().showMessage(message, 10_000)

    def _show(self, dialog: QWidget) -> None:
        self.dialog = dialog
        dialog.show()
