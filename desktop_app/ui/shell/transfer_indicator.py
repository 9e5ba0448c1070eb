"""A small progress bar in the status bar while files go up or come down.

Received files are fetched and checked before their message is shown, so this is where
a download is visible; uploads also show on their card in the chat.
"""

from __future__ import annotations

from PySide6.QtWidgets import QProgressBar, QWidget

from desktop_app.services.live_views import Transfer


class TransferIndicator(QProgressBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._running: dict[str, tuple[int, int]] = {}
        self.setRange(0, 1000)
        self.setMaximumWidth(220)
        self.setTextVisible(True)
        self.setAccessibleName(self.tr("File transfer"))
        self.hide()

    def update_transfer(self, transfer: object) -> None:
        if not isinstance(transfer, Transfer):
            return
        if transfer.total <= 0 or transfer.done >= transfer.total:
            self._running.pop(transfer.attachment_id, None)
        else:
            self._running[transfer.attachment_id] = (transfer.done, transfer.total)
        if not self._running:
            self.hide()
            return
        done = sum(d for d, _ in self._running.values())
        total = sum(t for _, t in self._running.values())
        self.setValue(int(1000 * done / total))
        self.setFormat(self.tr("Files: %p %"))
        self.show()

    def clear(self) -> None:
        self._running.clear()
        self.hide()
