"""One line above the composer: what went wrong, what was done, how far a file is."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget

from desktop_app.ui.chat.icons import icon
from desktop_app.ui.literal_text import plain_label

INFO_TIMEOUT_MS = 6000


class StatusLine(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chatStatus")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.label = plain_label(QLabel())  # may name a colleague's file
        self.label.setWordWrap(True)
        self.label.setAccessibleName(self.tr("Chat status"))
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(180)
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(6)
        self.progress.setAccessibleName(self.tr("Transfer progress"))
        self.progress.hide()
        self.close_button = QToolButton()
        self.close_button.setIcon(icon("close"))
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(self.tr("Dismiss"))
        self.close_button.setAccessibleName(self.tr("Dismiss message"))
        self.close_button.clicked.connect(self.clear)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 4, 8, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.close_button)
        self._timer = QTimer(self, singleShot=True, interval=INFO_TIMEOUT_MS)
        self._timer.timeout.connect(self._info_expired)
        self._error = False
        self.hide()

    def text(self) -> str:
        return self.label.text()

    def is_error(self) -> bool:
        return self._error and self.isVisibleTo(self.parentWidget() or self)

    def show_error(self, message: str) -> None:
        """Stays until dismissed or the next successful action."""
        self._timer.stop()
        self._error = True
        self._show(message, "#fdecea", "#a50e0e")

    def show_info(self, message: str) -> None:
        self._error = False
        self._show(message, "#e8f4fd", "#174ea6")
        self._timer.start()

    def show_progress(self, done: int, total: int, message: str | None = None) -> None:
        if message is not None:
            self._error = False
            self._show(message, "#e8f4fd", "#174ea6")
        self.progress.setRange(0, max(total, 0))
        self.progress.setValue(min(done, total) if total > 0 else 0)
        self.progress.show()

    def hide_progress(self) -> None:
        self.progress.hide()
        if not self._error and not self._timer.isActive():
            self.clear()

    def _show(self, message: str, background: str, colour: str) -> None:
        self.label.setText(message)
        self.setStyleSheet(
            f"QWidget#chatStatus {{ background: {background}; }} QLabel {{ color: {colour}; }}"
        )
        self.show()

    def _info_expired(self) -> None:
        if not self._error and not self.progress.isVisible():
            self.clear()

    def clear(self) -> None:
        self._timer.stop()
        self._error = False
        self.label.clear()
        self.progress.hide()
        self.hide()
