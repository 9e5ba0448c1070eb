"""Every text field's copies go through the clipboard guard: one application event filter.

A QLineEdit, QTextEdit or QPlainTextEdit copies its selection (Ctrl+C, Ctrl+X, its
context menu, a drag) to the system clipboard directly. WardLink has many: the
conversation and message search, find-in-chat, the task and calendar event dialogs
(pre-filled with a colleague's title and notes), the group's name, the files window,
the viewers' find boxes, the questions of an input dialog. Their copies outlived the
lock for the next person to paste and went into Windows' clipboard history. Rather than
a subclass in every dialog (and every future one), the app controller installs this
filter once on the application: such a field's Copy and Cut put the text on the
clipboard through the guard (marked, cleared at lock, switch user and quit) or are
refused by policy ``copy_allowed: false``, as message text is.

Left as they are: fields that copy through the guard themselves (``GuardedCopyEdit``:
the composer, the viewers), fields showing a passphrase or PIN (any echo mode but
Normal: Qt copies nothing from them), fields with a menu of their own (a context menu
policy other than the default), and a spin box's or date field's inner line edit.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import (
    QAction,
    QClipboard,
    QContextMenuEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
)
from PySide6.QtWidgets import QAbstractSpinBox, QLineEdit, QMenu, QPlainTextEdit, QTextEdit

from desktop_app.ui.clipboard_guard import CopyRule
from desktop_app.ui.guarded_copy import GuardedCopyEdit
from desktop_app.ui.guarded_label import copy_through

TextField = QLineEdit | QTextEdit | QPlainTextEdit

_WATCHED = (
    QEvent.Type.KeyPress,
    QEvent.Type.ContextMenu,
    QEvent.Type.MouseButtonPress,
)


def guarded_field(watched: QObject) -> TextField | None:
    """The text field whose copies the filter takes over, for an event sent to ``watched``
    (the field, or a text edit's viewport, which gets its mouse events); None: not one."""
    field: QObject | None = watched
    if not isinstance(field, (QLineEdit, QTextEdit, QPlainTextEdit)):
        parent = watched.parent()
        if not isinstance(parent, (QTextEdit, QPlainTextEdit)) or parent.viewport() is not watched:
            return None
        field = parent
    if isinstance(field, GuardedCopyEdit):
        return None  # its own rule (the composer, the viewers)
    if isinstance(field, QLineEdit) and (
        field.echoMode() != QLineEdit.EchoMode.Normal
        or isinstance(field.parent(), QAbstractSpinBox)
    ):
        return None
    assert isinstance(field, (QLineEdit, QTextEdit, QPlainTextEdit))
    return field


def selected_text(field: TextField) -> str:
    if isinstance(field, QLineEdit):
        return field.selectedText()
    return field.textCursor().selection().toPlainText()


class FieldCopyGuard(QObject):
    """Made by the app controller, installed on the application until ``detach``.

    With ``copy_allowed: false`` it also keeps the X11 / Wayland primary selection empty
    of what WardLink's widgets select (a middle click would paste it elsewhere)."""

    def __init__(self, rule: CopyRule, app: QCoreApplication) -> None:
        super().__init__(app)
        self.rule = rule
        self._app = app
        app.installEventFilter(self)
        self._selection_watched: QClipboard | None = None
        if not rule.allowed:
            clipboard = rule.guard.clipboard
            if clipboard.supportsSelection():
                clipboard.selectionChanged.connect(self._drop_own_selection)
                self._selection_watched = clipboard

    def detach(self) -> None:
        """Off the application (tests build one controller after another in one app)."""
        self._app.removeEventFilter(self)
        if self._selection_watched is not None:
            self._selection_watched.selectionChanged.disconnect(self._drop_own_selection)
            self._selection_watched = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        kind = event.type()
        if kind not in _WATCHED:
            return False
        field = guarded_field(watched)
        if field is None:
            return False
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return self._key(field, event)
        if kind == QEvent.Type.ContextMenu and isinstance(event, QContextMenuEvent):
            if field.contextMenuPolicy() != Qt.ContextMenuPolicy.DefaultContextMenu:
                return False
            menu = self.context_menu(field)
            menu.exec(event.globalPos())
            menu.deleteLater()
            return True
        if kind == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
            self._no_drag(field, event)
        return False

    def copy(self, field: TextField) -> None:
        copy_through(self.rule, selected_text(field), field)

    def cut(self, field: TextField) -> None:
        text = selected_text(field)
        if not text or field.isReadOnly():
            return  # as Qt: a read-only field's Cut does nothing
        copy_through(self.rule, text, field)
        if not self.rule.allowed:
            return  # a refused cut deletes nothing
        if isinstance(field, QLineEdit):
            field.del_()
        else:
            cursor = field.textCursor()
            cursor.removeSelectedText()
            field.setTextCursor(cursor)

    def context_menu(self, field: TextField) -> QMenu:
        """Qt's own menu of the field, its Copy and Cut replaced by ones through the guard."""
        menu = field.createStandardContextMenu()
        refused = not self.rule.allowed
        for old in menu.actions():
            name = old.objectName()
            if name == "edit-copy":
                handler, label = self.copy, self.tr("Copy (switched off by policy)")
            elif name == "edit-cut":
                handler, label = self.cut, self.tr("Cut (switched off by policy)")
            else:
                continue
            new = QAction(label if refused else old.text(), menu)
            new.setObjectName(name)
            new.setShortcut(old.shortcut())
            new.setEnabled(old.isEnabled() and not refused)
            new.triggered.connect(lambda _=False, act=handler: act(field))
            menu.insertAction(old, new)
            menu.removeAction(old)
        return menu

    def _key(self, field: TextField, event: QKeyEvent) -> bool:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy(field)
        elif event.matches(QKeySequence.StandardKey.Cut):
            self.cut(field)
        else:
            return False
        event.accept()
        return True

    def _no_drag(self, field: TextField, event: QMouseEvent) -> None:
        """A press on the selection would start a drag of it into another program, past
        the guard: the press starts a new selection instead (as on a guarded label)."""
        if event.button() != Qt.MouseButton.LeftButton or (
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            return
        if isinstance(field, QLineEdit):
            if field.dragEnabled() and field.hasSelectedText():
                field.deselect()
            return
        cursor = field.textCursor()
        if cursor.hasSelection():
            cursor.clearSelection()
            field.setTextCursor(cursor)

    def _drop_own_selection(self) -> None:
        clipboard = self._selection_watched
        if clipboard is not None and clipboard.ownsSelection():
            clipboard.clear(QClipboard.Mode.Selection)
