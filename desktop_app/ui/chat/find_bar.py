"""Find in the open conversation (Ctrl+F): a bar above the composer (issue 13).

Typing asks the container's FTS index (services/search.py, limited to this
conversation; attachment file names too) for the matches, newest first, and shows
"3 of 12". Enter or ▲ goes to the next older match, Shift+Enter or ▼ to the next newer
one; each jump goes through ``ChatView.jump_to_message`` (older pages load as needed)
and the bubble delegate highlights the typed words. Esc closes the bar.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence, QShortcut, QTextCharFormat, QTextLayout
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from desktop_app.services.search import MAX_RESULTS, SearchResult

if TYPE_CHECKING:
    from desktop_app.ui.chat.view import ChatView

FIND_SHORTCUT: Final = QKeySequence.StandardKey.Find  # Ctrl+F
SEARCH_DELAY_MS: Final = 200  # wait for a pause in typing before asking the index
MAX_TERMS: Final = 8  # as the storage's search terms
HIGHLIGHT: Final = QColor("#ffe066")
_WORD = re.compile(r"\w+", re.UNICODE)


def fold(text: str) -> str:
    """Case and diacritics folded as the FTS5 unicode61 tokenizer does ("Ü" finds "u")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def find_terms(text: str) -> tuple[str, ...]:
    """The typed words, folded: each matches the start of a word, as in the index."""
    return tuple(fold(w) for w in _WORD.findall(text)[:MAX_TERMS])


def match_spans(text: str, terms: tuple[str, ...]) -> list[tuple[int, int]]:
    """(start, length) of each word of ``text`` that starts with one of ``terms``; the
    whole word is marked, as the search results' snippets do."""
    if not terms:
        return []
    return [
        (m.start(), m.end() - m.start())
        for m in _WORD.finditer(text)
        if any(fold(m.group()).startswith(t) for t in terms)
    ]


def highlight_ranges(text: str, terms: tuple[str, ...]) -> list[QTextLayout.FormatRange]:
    """Selections for ``QTextLayout.draw``: a marker behind every found word."""
    ranges = []
    for start, length in match_spans(text, terms):
        selection = QTextLayout.FormatRange()
        selection.start, selection.length = start, length
        fmt = QTextCharFormat()
        fmt.setBackground(HIGHLIGHT)
        selection.format = fmt
        ranges.append(selection)
    return ranges


class FindBar(QWidget):
    """The bar itself; ``attach`` puts it into a ChatView with its shortcut."""

    def __init__(self, view: ChatView) -> None:
        super().__init__(view)
        self.setObjectName("findBar")
        self.view = view
        self.results: list[SearchResult] = []
        self.current = -1  # index into results (0 = newest); -1 = none shown yet
        self._asked = ""  # the text the last answer belongs to

        self.field = QLineEdit()
        self.field.setPlaceholderText(self.tr("Find in conversation"))
        self.field.setAccessibleName(self.tr("Find in conversation"))
        self.field.setClearButtonEnabled(True)
        self.count = QLabel()
        self.count.setMinimumWidth(90)
        self.older_button = _button("▲")
        self.older_button.setToolTip(self.tr("Older match (Enter)"))
        self.newer_button = _button("▼")
        self.newer_button.setToolTip(self.tr("Newer match (Shift+Enter)"))
        self.close_button = _button("✕")
        self.close_button.setToolTip(self.tr("Close (Esc)"))
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        for widget in (self.field, self.count, self.older_button, self.newer_button):
            row.addWidget(widget)
        row.addWidget(self.close_button)

        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._search)
        self.field.textChanged.connect(self._typed)
        self.field.installEventFilter(self)
        self.older_button.clicked.connect(self.older)
        self.newer_button.clicked.connect(self.newer)
        self.close_button.clicked.connect(self.close_bar)
        view.model.modelReset.connect(self._reset)
        self._conversation = view.conversation
        self.hide()

    @classmethod
    def attach(cls, view: ChatView) -> FindBar:
        """Above the composer, opened by Ctrl+F anywhere in the chat."""
        bar = cls(view)
        layout = view.layout()
        assert isinstance(layout, QBoxLayout)
        layout.insertWidget(layout.indexOf(view.composer), bar)
        shortcut = QShortcut(QKeySequence(FIND_SHORTCUT), view)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(bar.open_bar)
        return bar

    # ---- opening and closing ---------------------------------------------------------

    def open_bar(self) -> None:
        if self.view.conversation is None:
            return
        self._conversation = self.view.conversation
        self.show()
        self.field.setFocus()
        self.field.selectAll()

    def close_bar(self) -> None:
        self._timer.stop()
        self.hide()
        self.results, self.current, self._asked = [], -1, ""
        self.field.blockSignals(True)
        self.field.clear()
        self.field.blockSignals(False)
        self.count.clear()
        self._highlight(())
        if self.view.conversation is not None:
            self.view.composer.editor.setFocus()

    def _reset(self) -> None:
        """Another conversation opened (or the lock cleared the chat): start over."""
        if self.view.conversation != self._conversation:
            self.close_bar()

    # ---- searching -------------------------------------------------------------------

    def _typed(self, text: str) -> None:
        if text.strip():
            self._timer.start()
        else:
            self._timer.stop()
            self.results, self.current, self._asked = [], -1, ""
            self.count.clear()
            self._highlight(())

    def _search(self) -> None:
        text, conversation = self.field.text().strip(), self.view.conversation
        if not text or conversation is None:
            return
        client = self.view.ctx.client

        def found(results: object) -> None:
            if text != self.field.text().strip() or self.view.conversation != conversation:
                return  # typed on, or another chat opened: a newer search decides
            if not isinstance(results, list):
                return
            self.results, self.current, self._asked = results, -1, text
            self._highlight(find_terms(text))
            if results:
                self._go(0)
            else:
                self.count.setText(self.tr("No matches"))

        self.view.ctx.bridge.call(
            client.search_messages, text, str(conversation), MAX_RESULTS, done=found,
            error=self.view.show_error,
        )  # fmt: skip

    # ---- moving between matches ------------------------------------------------------

    def older(self) -> None:
        """The next match up the chat (Enter)."""
        if self._pending():
            return
        if self.results:
            self._go((self.current + 1) % len(self.results))

    def newer(self) -> None:
        """The next match down the chat (Shift+Enter)."""
        if self._pending():
            return
        if self.results:
            self._go((self.current - 1) % len(self.results))

    def _pending(self) -> bool:
        """Enter before the index answered: search now; the answer jumps to the newest."""
        if self.field.text().strip() and self.field.text().strip() != self._asked:
            self._timer.stop()
            self._search()
            return True
        return False

    def _go(self, position: int) -> None:
        self.current = position
        total = (
            f"{len(self.results)}+" if len(self.results) >= MAX_RESULTS else str(len(self.results))
        )
        self.count.setText(
            self.tr("%1 of %2").replace("%1", str(position + 1)).replace("%2", total)
        )
        self.view.jump_to_message(self.results[position].message.message_id)

    def _highlight(self, terms: tuple[str, ...]) -> None:
        self.view.delegate.find_terms = terms
        self.view.list.viewport().update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (
            watched is self.field
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
        ):
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                    self.newer()
                else:
                    self.older()
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
        return super().eventFilter(watched, event)


def _button(text: str) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    return button
