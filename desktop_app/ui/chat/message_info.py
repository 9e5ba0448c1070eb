""" "Message info" for one of my messages (issue 13): each member with the time the
message was delivered to them, read and (urgent) acknowledged, or "not yet".

The services work out the states (``LiveClient.message_info``, services/message_info.py);
this dialog only lays them out. With receipts off (policy or the person's choice) the
delivered/read columns are left out and a note says why; acknowledgements of urgent
messages are always shown, because they are always sent.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.live_views import MessageRow
from desktop_app.services.message_info import MessageInfo
from desktop_app.ui.chat.formatting import clock_text, day_label, local_time
from desktop_app.ui.guarded_label import guard_item_copies

if TYPE_CHECKING:
    from desktop_app.ui.chat.view import ChatView


def when(moment: datetime | None, today: date | None = None) -> str:
    """ "14:02", "Yesterday 14:02", or "not yet"."""
    if moment is None:
        return QCoreApplication.translate("MessageInfoDialog", "not yet")
    day = local_time(moment).date()
    today = today or date.today()
    if day == today:
        return clock_text(moment)
    return f"{day_label(day, today)} {clock_text(moment)}"


class MessageInfoDialog(QDialog):
    def __init__(self, info: MessageInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Message info"))
        self.setMinimumSize(460, 280)
        headers = [self.tr("Member")]
        if info.receipts_shown:
            headers += [self.tr("Delivered"), self.tr("Read")]
        if info.urgent:
            headers.append(self.tr("Acknowledged"))
        self.table = QTableWidget(len(info.members), len(headers))
        self.table.setAccessibleName(self.tr("Members and what they received"))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for r, member in enumerate(info.members):
            cells = [member.name]
            if info.receipts_shown:
                cells += [when(member.delivered_at), when(member.read_at)]
            if info.urgent:
                cells.append(when(member.acknowledged_at))
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Sent %1").replace("%1", when(info.sent_at))))
        layout.addWidget(self.table, 1)
        self.note = QLabel()
        self.note.setWordWrap(True)
        if not info.receipts_shown:
            self.note.setText(
                self.tr(
                    "Delivery and read receipts are switched off, so WardLink cannot show "
                    "who received or read this message."
                )
                + (
                    " " + self.tr("Acknowledgements of urgent messages are always shown.")
                    if info.urgent
                    else ""
                )
            )
        else:
            self.note.hide()
        layout.addWidget(self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def cells(self) -> list[list[str]]:
        """The table's text, row by row (tests and screen-reader checks)."""
        return [
            [
                item.text() if (item := self.table.item(r, c)) is not None else ""
                for c in range(self.table.columnCount())
            ]
            for r in range(self.table.rowCount())
        ]


def show_message_info(view: ChatView, row: MessageRow) -> None:
    """Ask the services for the row's receipts and open the dialog (a child of the view,
    found again with ``view.findChild(MessageInfoDialog)``)."""

    def done(info: object) -> None:
        if isinstance(info, MessageInfo):
            for old in view.findChildren(MessageInfoDialog):
                old.deleteLater()
            dialog = MessageInfoDialog(info, view)
            guard_item_copies(dialog.table, view.ctx.copy_rule)
            dialog.open()

    view.ctx.bridge.call(
        view.ctx.client.message_info, str(row.message_id), done=done, error=view.show_error
    )
