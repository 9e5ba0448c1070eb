"""The strip above the composer's text while replying to or editing a message.

It names what the next Send does ("Reply to Dr. Weber: …", "Edit message") and has a
cancel button; Esc in the text does the same. The Composer owns it and the state.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from desktop_app.ui.literal_text import plain_label

SNIPPET_CHARS = 90
STYLE = """
QWidget#replyBar { background: #eef1f4; border-left: 3px solid #1d8ce0; border-radius: 6px; }
QLabel#replyTitle { color: #1d8ce0; font-weight: 600; }
QLabel#replySnippet { color: #4a5963; }
"""


class ReplyBar(QWidget):
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("replyBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setStyleSheet(STYLE)
        self.title = plain_label(QLabel())
        self.title.setObjectName("replyTitle")
        self.snippet = plain_label(QLabel())  # the colleague's words
        self.snippet.setObjectName("replySnippet")
        self.cancel_button = QToolButton()
        self.cancel_button.setText("✕")
        self.cancel_button.setAutoRaise(True)
        self.cancel_button.setToolTip(self.tr("Cancel (Esc)"))
        self.cancel_button.setAccessibleName(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancelled)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 4, 4, 4)
        row.setSpacing(8)
        row.addWidget(self.title)
        row.addWidget(self.snippet, 1)
        row.addWidget(self.cancel_button)
        self.hide()

    def show_reply(self, sender: str, snippet: str) -> None:
        self.title.setText(self.tr("Reply to %1").replace("%1", sender))
        self.snippet.setText(_short(snippet))
        self.show()

    def show_edit(self, original: str) -> None:
        self.title.setText(self.tr("Edit message"))
        self.snippet.setText(_short(original))
        self.show()


def _short(text: str) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= SNIPPET_CHARS else line[: SNIPPET_CHARS - 1] + "…"
