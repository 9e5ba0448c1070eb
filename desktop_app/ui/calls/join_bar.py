"""The bar above a group chat while a group call runs there without this person:
"Group call: Anna Weber, Jonas Müller" and Join (which starts the same way as the header's
Call: ``CallController.place`` finds the running call and joins it).

The chat view adds it below its header and tells it the open conversation (``open``);
what runs comes from ``GroupCallController.running``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from desktop_app.ui.calls.group_controller import GroupCallController


class GroupJoinBar(QWidget):
    join_clicked = Signal(str)  # conversation id

    def __init__(self, group: GroupCallController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("groupCallBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setStyleSheet("QWidget#groupCallBar { background: #e6f4ea; }")
        self.group = group
        self.text = QLabel()
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.join_button = QPushButton(self.tr("Join"))
        self.join_button.setAccessibleName(self.tr("Join the group call"))
        self.join_button.clicked.connect(self._join)
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 6, 16, 6)
        row.addWidget(self.text, 1)
        row.addWidget(self.join_button)
        self.conversation: str | None = None
        group.running.connect(self._running)
        self.hide()

    def open(self, conversation_id: str | None) -> None:
        self.conversation = conversation_id
        who, inside = self.group.known.get(conversation_id or "", ([], False))
        self._show(who, inside)

    def _running(self, conversation_id: str, who: list[str], inside: bool) -> None:
        if conversation_id == self.conversation:
            self._show(who, inside)

    def _show(self, who: list[str], inside: bool) -> None:
        if not who or inside:
            self.hide()
            return
        self.text.setText(self.tr("Group call running: %1").replace("%1", ", ".join(who)))
        self.show()

    def _join(self) -> None:
        if self.conversation is not None:
            self.join_clicked.emit(self.conversation)
