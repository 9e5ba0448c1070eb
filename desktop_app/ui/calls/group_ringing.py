"""The ringing window of a group call: "<Name> starts a group call in <Group>" with
Accept and Decline. Keyboard as for a 1:1 call: Enter accepts, Esc declines (key events
of this window only, never from a PIN typed into the lock screen)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QFont, QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class GroupRingWindow(QWidget):
    accept_clicked = Signal()
    decline_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.WindowStaysOnTopHint)
        self.setObjectName("groupRingWindow")
        self.setMinimumWidth(360)
        self.text = QLabel()
        font = QFont(self.text.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.text.setFont(font)
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.accept_button = QPushButton(self.tr("Accept"))
        self.accept_button.setStyleSheet("background: #1e8e3e; color: white; padding: 8px 18px;")
        self.accept_button.setAccessibleName(self.tr("Join the group call"))
        self.decline_button = QPushButton(self.tr("Decline"))
        self.decline_button.setStyleSheet("background: #c5221f; color: white; padding: 8px 18px;")
        self.decline_button.setAccessibleName(self.tr("Decline the group call"))
        self.accept_button.clicked.connect(self.accept_clicked)
        self.decline_button.clicked.connect(self.decline_clicked)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.decline_button)
        buttons.addWidget(self.accept_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(self.text)
        layout.addLayout(buttons)
        self.ringing = False

    def ring(self, starter: str, group_name: str) -> None:
        self.text.setText(
            self.tr("%1 starts a group call in %2").replace("%1", starter).replace("%2", group_name)
        )
        self.setWindowTitle(group_name)
        self.ringing = True
        self.accept_button.setDefault(True)
        self.accept_button.setFocus()

    def stop(self) -> None:
        self.ringing = False
        self.hide()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        if self.ringing:
            self.decline_clicked.emit()
        super().closeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        if not self.ringing:
            super().keyPressEvent(event)
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.accept_clicked.emit()
        elif event.key() == Qt.Key.Key_Escape:
            self.decline_clicked.emit()
        else:
            super().keyPressEvent(event)
