"""Selectable labels and item views whose copies go through the session's clipboard guard.

A QLabel with selectable text, and every list, tree or table (QAbstractItemView copies
the current item's text on Ctrl+C), put text on the system clipboard directly: past the
guard that keeps WardLink's copies out of Windows' clipboard history, clears them at the
lock, and honours policy ``copy_allowed: false`` (ui/guarded_copy.py does the same for
text editors). A colleague's phone number or a patient's name in a task title is no
less private than a message.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QContextMenuEvent, QKeyEvent, QKeySequence, QMouseEvent
from PySide6.QtWidgets import QAbstractItemView, QLabel, QMainWindow, QMenu, QWidget

from desktop_app.ui.clipboard_guard import CopyRule

STATUS_MS = 5_000


def copy_through(rule: CopyRule, text: str, widget: QWidget) -> None:
    """Copy ``text`` as the rule allows; say so in the window's status bar if refused."""
    if rule.allowed:
        if text:
            rule.guard.copy(text)
        return
    window = widget.window()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(
            QCoreApplication.translate(
                "GuardedLabel", "Copying is switched off by your IT department."
            ),
            STATUS_MS,
        )


class GuardedLabel(QLabel):
    """Plain text the person can select with the mouse and copy (Ctrl+C, context menu)
    through ``copy_rule``; None: Qt's plain copy (no session, e.g. a stand-alone card)."""

    def __init__(
        self, text: str = "", parent: QWidget | None = None, rule: CopyRule | None = None
    ) -> None:
        super().__init__(text, parent)
        self.copy_rule = rule
        self.setTextFormat(Qt.TextFormat.PlainText)  # peer text, shown literally
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def copy_selection(self) -> None:
        if self.copy_rule is not None:
            copy_through(self.copy_rule, self.selectedText(), self)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if self.copy_rule is not None and event.matches(QKeySequence.StandardKey.Copy):
            event.accept()
            self.copy_selection()
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        # Pressing on a selection would start a drag of it into another program, past
        # the guard; a press starts a new selection instead.
        if self.copy_rule is not None and self.hasSelectedText():
            self.setSelection(0, 0)
        super().mousePressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 (Qt override)
        if self.copy_rule is None:
            super().contextMenuEvent(event)
            return
        menu = self.context_menu()
        menu.exec(event.globalPos())
        menu.deleteLater()

    def context_menu(self) -> QMenu:
        """Copy and Select All, as Qt's own label menu offers, but through the guard."""
        menu = QMenu(self)
        refused = self.copy_rule is not None and not self.copy_rule.allowed
        copy = menu.addAction(
            self.tr("Copy (switched off by policy)") if refused else self.tr("Copy")
        )
        copy.setObjectName("edit-copy")
        copy.setEnabled(not refused and self.hasSelectedText())
        copy.triggered.connect(self.copy_selection)
        select_all = menu.addAction(self.tr("Select All"))
        select_all.setObjectName("select-all")
        select_all.triggered.connect(lambda: self.setSelection(0, len(self.text())))
        return menu


class ItemCopyGuard(QObject):
    """Installed on a list, tree or table: Ctrl+C copies the current item's text through
    the guard instead of Qt's plain copy."""

    def __init__(self, view: QAbstractItemView, rule: CopyRule) -> None:
        super().__init__(view)
        self._view = view
        self.rule = rule
        view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if (
            watched is self._view
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.Copy)
        ):
            index = self._view.currentIndex()
            text = index.data(Qt.ItemDataRole.DisplayRole) if index.isValid() else None
            copy_through(self.rule, str(text) if text is not None else "", self._view)
            event.accept()
            return True
        return super().eventFilter(watched, event)


def guard_item_copies(view: QAbstractItemView, rule: CopyRule | None) -> None:
    """Route the view's Ctrl+C through ``rule``; None leaves Qt's copy (no session)."""
    if rule is not None:
        ItemCopyGuard(view, rule)
