"""'Show edit history': every version of an edited message with its time, oldest first.

Clinical statements must stay traceable, so receivers can always see what a message
said before it was edited.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QListWidget, QVBoxLayout, QWidget

from desktop_app.ui.chat.formatting import clock_text, local_time


class EditHistory(QDialog):
    def __init__(self, versions: list[tuple[str, datetime]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit history"))
        self.setObjectName("editHistory")
        self.list = QListWidget()
        self.list.setWordWrap(True)
        last = len(versions) - 1
        for i, (text, at) in enumerate(versions):
            day = QLocale().toString(_qdate(local_time(at)), QLocale.FormatType.ShortFormat)
            when = f"{day} {clock_text(at)}"
            label = (
                self.tr("Original")
                if i == 0
                else self.tr("Current")
                if i == last
                else self.tr("Edit %1").replace("%1", str(i))
            )
            self.list.addItem(f"{label} · {when}\n{text}")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.resize(420, 320)


def _qdate(moment: datetime) -> QDate:
    return QDate(moment.year, moment.month, moment.day)
