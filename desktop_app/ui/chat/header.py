"""The chat's header: title, subtitle (members, retention, disappearing messages), who is
typing, and the Call, Tasks, Calendar and Files buttons.

It only shows and signals; ChatView decides what the buttons do for the open
conversation. Call stays hidden until the members are known to be two.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from desktop_app.ui.chat.elided_label import ElidedLabel
from desktop_app.ui.chat.typing_label import TypingLabel


class ChatHeader(QWidget):
    call_clicked = Signal()
    tasks_clicked = Signal()
    calendar_clicked = Signal()
    files_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chatHeader")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.title_label = ElidedLabel(16)  # cut with "…" before the list is squeezed
        self.title_label.setObjectName("chatTitle")
        self.subtitle_label = ElidedLabel(8)
        self.subtitle_label.setObjectName("chatSubtitle")
        self.typing_label = TypingLabel()  # "Anna is typing…" (policy typing_indicator)
        self.call_button = QPushButton(self.tr("Call"))
        self.call_button.setObjectName("callButton")
        self.call_button.setAccessibleName(self.tr("Call this person"))
        self.call_button.clicked.connect(self.call_clicked)
        self.call_button.hide()
        self.tasks_button = QPushButton(self.tr("Tasks"))
        self.tasks_button.clicked.connect(self.tasks_clicked)
        self.calendar_button = QPushButton(self.tr("Calendar"))
        self.calendar_button.clicked.connect(self.calendar_clicked)
        self.files_button = QPushButton(self.tr("Files"))
        self.files_button.clicked.connect(self.files_clicked)
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.title_label)
        titles.addWidget(self.subtitle_label)
        titles.addWidget(self.typing_label)
        head = QHBoxLayout(self)
        head.setContentsMargins(16, 8, 16, 8)
        head.addLayout(titles, 1)
        head.addWidget(self.call_button)
        head.addWidget(self.tasks_button)
        head.addWidget(self.calendar_button)
        head.addWidget(self.files_button)
        self.hide()

    def title(self) -> str:
        return self.title_label.text()

    def clear(self) -> None:
        self.title_label.clear()
        self.subtitle_label.clear()
        self.typing_label.set_conversation(None)
        self.hide()
