"""@mention autocomplete in a group's composer (issue 13).

Typing "@" and the start of a name offers the group's members and the functional
accounts (e.g. the doctor on duty); choosing one writes "@Name " and remembers its uid.
When the message is sent, the composer passes the uids whose "@Name" is still in the
text (services/mentions.py checks them again on every receiving PC).
"""

from __future__ import annotations

import re

from PySide6.QtCore import QObject, QStringListModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QCompleter, QPlainTextEdit

from desktop_app.services.live_convo import Mentionable

MAX_PREFIX = 40  # characters after "@" still looked up
_TRIGGER = re.compile(r"(?:^|\s)@([^\s@]{0,%d})$" % MAX_PREFIX)  # noqa: UP031


class MentionCompleter(QObject):
    def __init__(self, editor: QPlainTextEdit, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self._candidates: list[Mentionable] = []
        self._chosen: dict[str, str] = {}  # "@Name" → uid
        self._names = QStringListModel(self)
        self.completer = QCompleter(self._names, self)
        self.completer.setWidget(editor)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer.activated.connect(self.insert)
        editor.textChanged.connect(self._typed)

    @property
    def candidates(self) -> tuple[Mentionable, ...]:
        return tuple(self._candidates)

    @property
    def popup_visible(self) -> bool:
        return self._popup().isVisible()

    def _popup(self) -> QAbstractItemView:
        popup = self.completer.popup()
        assert popup is not None  # QCompleter always makes one
        return popup

    def set_candidates(self, candidates: list[Mentionable]) -> None:
        """The open conversation's members and roles; empty for a 1:1 chat (no popup)."""
        self._candidates = candidates
        self._chosen.clear()
        self._names.setStringList([self._label(c) for c in candidates])

    def mentions(self, text: str) -> tuple[str, ...]:
        """The uids chosen from the popup whose "@Name" is still in ``text``."""
        return tuple(dict.fromkeys(uid for tag, uid in self._chosen.items() if tag in text))

    def forget(self) -> None:
        self._chosen.clear()
        self._popup().hide()

    def insert(self, label: str) -> None:
        """Replace the typed "@prefix" with "@Name " and remember who it is."""
        found = next((c for c in self._candidates if self._label(c) == label), None)
        if found is None:
            return
        cursor = self.editor.textCursor()
        before = cursor.block().text()[: cursor.positionInBlock()]
        match = _TRIGGER.search(before)
        typed = len(match.group(1)) + 1 if match else 0
        cursor.movePosition(cursor.MoveOperation.Left, cursor.MoveMode.KeepAnchor, typed)
        tag = f"@{found.name}"
        cursor.insertText(tag + " ")
        self.editor.setTextCursor(cursor)
        self._chosen[tag] = found.uid
        self._popup().hide()

    def _typed(self) -> None:
        if not self._candidates:
            return
        cursor = self.editor.textCursor()
        before = cursor.block().text()[: cursor.positionInBlock()]
        match = _TRIGGER.search(before)
        if match is None:
            self._popup().hide()
            return
        self.completer.setCompletionPrefix(match.group(1))
        if self.completer.completionCount() == 0:
            self._popup().hide()
            return
        rect = self.editor.cursorRect()
        rect.setWidth(
            self._popup().sizeHintForColumn(0)
            + self._popup().verticalScrollBar().sizeHint().width()
        )
        self.completer.complete(rect)

    def _label(self, candidate: Mentionable) -> str:
        """What the popup lists: a role is marked so it is not taken for a person."""
        if candidate.function:
            return self.tr("%1 (role)").replace("%1", candidate.name)
        return candidate.name
