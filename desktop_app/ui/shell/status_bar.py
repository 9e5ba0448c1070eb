"""The main window's status bar: the connection state always, confirmations beside it.

QStatusBar.showMessage covers the bar's ordinary widgets for as long as the message
shows, so "Connected"/"Offline" vanished for ten seconds after each confirmation or
error ("No microphone", "Copying is switched off"): a person could not tell whether the
ward PC was online just then. Here a message goes into its own label to the right of
the connection line, cut with "…" when long, and clears after its timeout as before.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QStatusBar, QWidget

from desktop_app.ui.chat.elided_label import ElidedLabel

NOTICE_LEAST_CHARS = 12  # the narrowest the confirmation gets before the window must grow


class ShellStatusBar(QStatusBar):
    def __init__(self, connection: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.connection = connection
        self.notice = ElidedLabel(NOTICE_LEAST_CHARS)
        self.notice.setObjectName("statusNotice")
        self.notice.setStyleSheet("QLabel#statusNotice { padding-left: 16px; }")
        self.addWidget(connection)
        self.addWidget(self.notice, 1)
        self._expiry = QTimer(self, singleShot=True)
        self._expiry.timeout.connect(self.clearMessage)

    def showMessage(self, message: str, timeout: int | None = 0) -> None:  # noqa: N802 (Qt slot)
        """Beside the connection state, not over it; gone after ``timeout`` ms (0: stays)."""
        self.notice.setText(message)
        self.notice.setAccessibleName(message)
        if timeout is not None and timeout > 0:
            self._expiry.start(timeout)
        else:
            self._expiry.stop()

    def clearMessage(self) -> None:  # noqa: N802 (Qt slot)
        self._expiry.stop()
        self.notice.clear()
        self.notice.setToolTip("")

    def currentMessage(self) -> str:  # noqa: N802 (Qt override)
        return self.notice.text()
