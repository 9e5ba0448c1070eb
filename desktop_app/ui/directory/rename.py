"""Rename a group: its admin types the new name; every member's list and header follow.

The change runs through the bridge (``LiveClient.rename_group``: the group's next state,
sent like a membership change, with the line "Anna renamed the group to ..."). The
dialog stays open while it runs and shows a failure inline, with the typed name kept.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop_app.ui.context import UiContext
from desktop_app.ui.directory.dialogs import TITLE_MAX_LENGTH, error_label, plain_button


class RenameGroupDialog(QDialog):
    renamed = Signal(str)  # the name as typed (the services clean it before sending)

    def __init__(
        self, ctx: UiContext, conversation_id: str, title: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.conversation_id = conversation_id
        self._current = title
        self.setWindowTitle(self.tr("Rename group"))
        self.setAccessibleName(self.tr("Rename group"))
        label = QLabel(self.tr("Group name"), self)
        self.title = QLineEdit(title, self)  # a QLineEdit shows the name literally
        self.title.setAccessibleName(self.tr("New group name"))
        self.title.setMaxLength(TITLE_MAX_LENGTH)
        self.title.selectAll()
        label.setBuddy(self.title)
        self.error = error_label(self)
        self.status = QLabel(self)
        self.status.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        cancel = plain_button(self.tr("Cancel"), self)
        cancel.clicked.connect(self.reject)
        self.rename_button = plain_button(self.tr("Rename"), self)
        self.rename_button.clicked.connect(self.rename)
        self.title.textChanged.connect(self._update)
        self.title.returnPressed.connect(self.rename)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.rename_button)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.title)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.resize(self.fontMetrics().averageCharWidth() * 60, self.sizeHint().height())
        self._update()
        self.title.setFocus()

    def _new_title(self) -> str:
        """The typed name, or "" when there is nothing to send (empty or unchanged)."""
        text = self.title.text().strip()
        return text if text and text != self._current else ""

    def _update(self) -> None:
        self.rename_button.setEnabled(bool(self._new_title()))

    def rename(self) -> None:
        title = self._new_title()
        if not title or not self.title.isEnabled():
            return
        client, cid = self._ctx.client, self.conversation_id

        async def run() -> bool:
            return await client.rename_group(cid, title)

        self.error.hide()
        self.status.setText(self.tr("Renaming…"))
        self._set_busy(True)
        self._ctx.bridge.submit(run, done=lambda _renamed: self._renamed(title), error=self._failed)

    def _renamed(self, title: str) -> None:
        self.renamed.emit(title)
        self.accept()

    def _failed(self, message: str) -> None:
        self._set_busy(False)
        self.status.clear()
        self.error.setText(message)
        self.error.show()
        self.title.setFocus()

    def _set_busy(self, busy: bool) -> None:
        self.title.setEnabled(not busy)
        self.rename_button.setEnabled(not busy and bool(self._new_title()))
