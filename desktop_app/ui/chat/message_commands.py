"""What a chat's messages answer to: acknowledge, delete, download again, copy, the
context menu and Enter. Kept apart from ChatView, which lays the chat out and loads it;
strings keep the "ChatView" translation context they were written in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QModelIndex, QPoint
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop_app.domain.ids import MessageId
from desktop_app.domain.model import Attachment, AttachmentState, MessageKind
from desktop_app.services.live_views import MessageRow
from desktop_app.ui.chat import model as roles
from desktop_app.ui.chat.menu import message_menu

if TYPE_CHECKING:
    from desktop_app.ui.chat.view import ChatView


def chain_tab_order(*widgets: QWidget) -> None:
    """Tab moves through ``widgets`` in turn and from the last back to the first."""
    for first, second in zip(widgets, (*widgets[1:], widgets[0]), strict=True):
        QWidget.setTabOrder(first, second)


class MessageCommands:
    """The actions on one chat's messages, for the view's bubbles, keys and menu."""

    def __init__(self, view: ChatView) -> None:
        self.view = view

    def acknowledge(self, message_id: MessageId) -> None:
        """Confirm an urgent message (the bubble's button, its menu, or Enter)."""

        def done(row: object) -> None:
            if isinstance(row, MessageRow):
                self.view.model.upsert((row,))

        self.view.ctx.bridge.submit(
            lambda: self.view.ctx.client.acknowledge(message_id),
            done=done,
            error=self.view.show_error,
        )

    def delete_message(self, message_id: MessageId) -> None:
        """Delete a message from this PC after asking; it is purged, not hidden."""
        answer = QMessageBox.question(
            self.view,
            QCoreApplication.translate("ChatView", "Delete message"),
            QCoreApplication.translate(
                "ChatView",
                "Delete this message and its attachments from this PC? "
                "It cannot be restored. Other people keep their copy.",
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        shown = [r for r in self.view.model.rows() if r.message_id == message_id]
        previews = [a.attachment_id for r in shown for a in r.message.attachments]

        def deleted(_: object) -> None:
            self.view.model.reload()  # the row is gone at once, so nothing asks again ...
            self.view.thumbnails.forget(previews)  # ... for the pictures decoded for it

        self.view.ctx.bridge.submit(
            lambda: self.view.ctx.client.delete_message(message_id),
            done=deleted,
            error=self.view.show_error,
        )

    def retry_download(self, attachment: Attachment) -> None:
        """Fetch a failed attachment again; the card updates with the outcome."""

        def done(row: object) -> None:
            if not isinstance(row, MessageRow):
                return
            self.view.model.upsert((row,))
            again = {a.attachment_id: a for a in row.message.attachments}
            now = again.get(attachment.attachment_id)
            if now is not None and now.state is AttachmentState.FAILED:
                text = QCoreApplication.translate(
                    "ChatView",
                    "%1 could not be downloaded again; ask the sender to send it once more. (%2)",
                )  # %2: the services' English reason, for IT
                self.view.show_error(text.replace("%2", now.failure).replace("%1", now.file_name))

        message_id, attachment_id = attachment.message_id, attachment.attachment_id
        self.view.ctx.bridge.submit(
            lambda: self.view.ctx.client.refetch_attachment(message_id, attachment_id),
            done=done,
            error=self.view.show_error,
        )

    def activate(self, index: QModelIndex) -> None:
        row = index.data(roles.ROW)
        if not isinstance(row, MessageRow):
            return
        if row.needs_my_ack:
            self.acknowledge(row.message_id)
        elif row.message.attachments:
            self.view.open_attachment(row.message.attachments[0])

    def reply_to_current(self) -> None:
        row = self.view.list.currentIndex().data(roles.ROW)
        if isinstance(row, MessageRow) and row.message.kind is MessageKind.TEXT:
            self.view.message_actions.reply(row)

    def copy(self, index: QModelIndex) -> None:
        text = index.data(roles.TEXT)
        if not text:
            return
        if not self.view.ctx.copy_allowed:
            self.view.show_info(
                QCoreApplication.translate(
                    "ChatView", "Copying is switched off by your IT department."
                )
            )
            return
        self.view.ctx.clipboard.copy(text)
        self.view.show_info(QCoreApplication.translate("ChatView", "Text copied."))

    def context_menu(self, pos: QPoint) -> None:
        index, target = self.view.list.hit(pos)
        if not index.isValid():
            index = self.view.list.currentIndex()
            pos = self.view.list.visualRect(index).center()
        if not index.isValid():
            return
        menu = message_menu(self.view, index, target)
        menu.exec(self.view.list.viewport().mapToGlobal(pos))
