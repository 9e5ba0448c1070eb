"""Plain-text editors whose copies go through the session's clipboard guard.

Qt's own copy of a selection (Ctrl+C, Ctrl+X, the context menu, a drag into another
program) puts the text on the system clipboard directly. On a shared ward PC that copy
outlived the lock: the next person pasted a patient's lab values or the draft a
colleague had typed, and Windows kept them in the clipboard history. Here the copy is
marked and remembered by the session's ClipboardGuard (cleared on lock and switch user,
kept out of the history), and policy ``copy_allowed: false`` switches it off as it does
for message text (Copy and Cut refused, the text stays where it is).
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QContextMenuEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QPlainTextEdit, QWidget

from desktop_app.ui.clipboard_guard import CopyRule

STATUS_MS = 5_000
_COPY_KEYS = (QKeySequence.StandardKey.Copy, QKeySequence.StandardKey.Cut)
_COPY_ACTIONS = ("edit-copy", "edit-cut")


class GuardedCopyEdit(QPlainTextEdit):
    """``copy_rule`` None: Qt's plain copy (the stand-alone viewer of a file already on
    disk, a composer outside a session)."""

    def __init__(self, rule: CopyRule | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.copy_rule = rule

    @property
    def copy_refused(self) -> bool:
        return self.copy_rule is not None and not self.copy_rule.allowed

    def createMimeDataFromSelection(self) -> QMimeData:  # noqa: N802 (Qt override)
        text = self.textCursor().selection().toPlainText()
        if self.copy_rule is None:
            mime = QMimeData()
            mime.setText(text)
            return mime
        if not self.copy_rule.allowed:
            return QMimeData()  # a drag carries nothing
        return self.copy_rule.guard.marked(text)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if self.copy_refused and any(event.matches(k) for k in _COPY_KEYS):
            event.accept()  # the clipboard keeps what it held, the text stays
            self._say_switched_off()
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 (Qt override)
        menu = self.createStandardContextMenu(event.pos())
        if self.copy_refused:
            for action in menu.actions():
                if action.objectName() == "edit-copy":
                    action.setEnabled(False)
                    action.setText(self.tr("Copy (switched off by policy)"))
                elif action.objectName() == "edit-cut":
                    action.setEnabled(False)
                    action.setText(self.tr("Cut (switched off by policy)"))
        menu.exec(event.globalPos())
        menu.deleteLater()

    def _say_switched_off(self) -> None:
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(
                self.tr("Copying is switched off by your IT department."), STATUS_MS
            )
