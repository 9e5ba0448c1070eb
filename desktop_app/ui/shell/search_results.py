"""Messages found across all conversations, under the conversation list while searching
(issue 13): where, who, when and the words around the match; a click opens the
conversation at that message. The services search (services/search.py) the FTS index
and attachment file names."""

from __future__ import annotations

import html
from datetime import date, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from desktop_app.domain.marked_text import MarkedText
from desktop_app.services.search import SearchResult
from desktop_app.ui import dates
from desktop_app.ui.chat.formatting import day_label

MID_ROLE = Qt.ItemDataRole.UserRole
CID_ROLE = Qt.ItemDataRole.UserRole + 1
TITLE_ROLE = Qt.ItemDataRole.UserRole + 2


def snippet_html(snippet: MarkedText) -> str:
    """The snippet as HTML: the matches in bold, every word of it escaped (it is the
    colleague's text, brackets and tags included, as written)."""
    return "".join(
        f"<b>{html.escape(piece)}</b>" if hit else html.escape(piece)
        for piece, hit in snippet.pieces()
    )


class SearchResults(QWidget):
    chosen = Signal(str, str, str)  # conversation id, its title, message id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(self.tr("Messages"))
        self.heading.setObjectName("searchHeading")
        self.heading.setContentsMargins(12, 6, 12, 2)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Search results"))
        self.list.setWordWrap(True)
        self.list.itemActivated.connect(self._choose)
        self.list.itemClicked.connect(self._choose)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)
        self.hide()

    def show_results(self, results: list[SearchResult]) -> None:
        self.list.clear()
        for r in results:
            where = f"{r.conversation_title} · {r.sender_name} · {_when(r)}"
            shown = f"📎 {r.file_name}" if r.file_name else r.snippet.text
            item = QListWidgetItem()
            item.setData(MID_ROLE, str(r.message.message_id))
            item.setData(CID_ROLE, str(r.message.conversation_id))
            item.setData(TITLE_ROLE, r.conversation_title)
            item.setData(
                Qt.ItemDataRole.AccessibleTextRole,
                f"{where}: {shown}",
            )
            label = QLabel(
                f"<span style='color:#5f6b73'>{html.escape(where)}</span><br>"
                + (html.escape(shown) if r.file_name else snippet_html(r.snippet))
            )
            label.setWordWrap(True)
            label.setContentsMargins(12, 4, 12, 4)
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            item.setSizeHint(label.sizeHint())
            self.list.addItem(item)
            self.list.setItemWidget(item, label)
        self.heading.setText(self.tr("Messages") if results else self.tr("No messages found"))
        self.show()

    def clear(self) -> None:
        self.list.clear()
        self.hide()

    def _choose(self, item: QListWidgetItem) -> None:
        self.chosen.emit(item.data(CID_ROLE), item.data(TITLE_ROLE), item.data(MID_ROLE))


def _when(result: SearchResult) -> str:
    return when_text(result.message.sent_at)


def when_text(moment: datetime, today: date | None = None) -> str:
    """As the chat's day separators say it: "Today 21:06", "Yesterday 19:45", the
    weekday within a week; beyond that the short date ("27.11.26 19:45")."""
    today = today or date.today()
    day = moment.astimezone().date()
    if 0 <= (today - day).days < 7:
        return f"{day_label(day, today)} {dates.clock(moment)}"
    return dates.date_and_clock(moment)
