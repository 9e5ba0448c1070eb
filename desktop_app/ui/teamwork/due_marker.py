"""Marks the main window's "My tasks" when tasks of mine fell due while it was locked:
the summary popup may be missed at a busy ward PC, the toolbar keeps saying so until
"My tasks" (where the overdue ones are highlighted) is opened."""

from __future__ import annotations

from PySide6.QtCore import QObject, SignalInstance
from PySide6.QtGui import QAction


class DueMarker(QObject):
    def __init__(
        self, action: QAction, missed: SignalInstance, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.action = action
        self._plain = action.text()
        missed.connect(self.mark)
        action.triggered.connect(self.unmark)

    def mark(self, count: int) -> None:
        if count <= 0:
            return
        self.action.setText(self.tr("%1 (%n fell due)", "", count).replace("%1", self._plain))
        font = self.action.font()
        font.setBold(True)
        self.action.setFont(font)

    def unmark(self) -> None:
        self.action.setText(self._plain)
        font = self.action.font()
        font.setBold(False)
        self.action.setFont(font)
