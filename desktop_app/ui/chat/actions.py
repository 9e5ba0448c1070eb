"""Reply, react, edit, delete for everyone, edit history and jumping to a quoted message.

The ChatView owns one ``MessageActions``; the message menu, the bubble's clicks and the
composer call it. Everything goes to the services through the bridge; the changed row
comes back (and through the ``messages`` event on the other PCs) and is merged.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QAbstractItemView, QMessageBox

from desktop_app.domain.ids import ConversationId, MessageId
from desktop_app.services.live_views import MessagePageRows, MessageRow
from desktop_app.storage.sql_messages import PageCursor
from desktop_app.ui.chat.forward_dialog import ForwardDialog
from desktop_app.ui.chat.history import EditHistory
from desktop_app.ui.guarded_label import guard_item_copies

if TYPE_CHECKING:
    from desktop_app.ui.chat.view import ChatView


class MessageActions(QObject):
    def __init__(self, view: ChatView) -> None:
        super().__init__(view)
        self.view = view
        self._jump_to: MessageId | None = None
        self._around = False  # the page around the target was asked for
        self.history: EditHistory | None = None
        self.forward_dialog: ForwardDialog | None = None
        view.model.page_loaded.connect(self._continue_jump)
        view.model.fetch_newer = self._fetch_newer
        # Sending from a window around a jump target: back to the newest, where it shows.
        view.composer.send_requested.connect(self._back_to_newest)
        view.composer.voice_recorded.connect(self._back_to_newest)

    # ---- reply and edit go through the composer --------------------------------------

    def reply(self, row: MessageRow) -> None:
        snippet = row.message.body or ", ".join(a.file_name for a in row.message.attachments)
        self.view.composer.start_reply(row.message_id, row.sender_name, snippet)

    def start_edit(self, row: MessageRow) -> None:
        self.view.composer.start_edit(row.message_id, row.message.body)

    def edit(self, message_id: str, text: str) -> None:
        client = self.view.ctx.client
        mid = MessageId(message_id)
        self.view.ctx.bridge.submit(
            lambda: client.edit(mid, text), done=self._merge, error=self._failed
        )

    # ---- reactions -------------------------------------------------------------------

    def react(self, row: MessageRow, emoji: str) -> None:
        """Choose ``emoji``; choosing my current one again (or clicking my chip) removes it."""
        mine = next((c.emoji for c in row.reactions if c.mine), None)
        chosen = None if mine == emoji else emoji
        client, mid = self.view.ctx.client, row.message_id
        self.view.ctx.bridge.submit(
            lambda: client.react(mid, chosen), done=self._merge, error=self._failed
        )

    def chip_clicked(self, message_id: str, emoji: str) -> None:
        index = self.view.model.index_of(MessageId(message_id))
        row = self.view.model.row_at(index.row()) if index.isValid() else None
        if row is not None:
            self.react(row, emoji)

    # ---- forward ---------------------------------------------------------------------

    def forward(self, row: MessageRow) -> None:
        """Choose a conversation, then copy the message (and its files) into it."""
        client, mid = self.view.ctx.client, row.message_id

        def chosen(cid: str, title: str) -> None:
            self.view.ctx.bridge.submit(
                lambda: client.forward(mid, cid),
                done=lambda _row: self.view.show_info(
                    self.tr("Forwarded to %1").replace("%1", title)
                ),
                error=self._failed,
            )

        def listed(rows: object) -> None:
            if not isinstance(rows, list):
                return
            dialog = ForwardDialog(rows, self.view)
            dialog.chosen.connect(chosen)
            dialog.considered.connect(  # a big group's room key while the person picks
                lambda cid: self.view.ctx.bridge.submit(lambda: client.about_to_send(cid))
            )
            self.forward_dialog = dialog  # for tests and so it is not collected while open
            dialog.open()

        self.view.ctx.bridge.call(client.conversations, done=listed, error=self._failed)

    # ---- delete for everyone ---------------------------------------------------------

    def delete_for_everyone(self, row: MessageRow) -> None:
        answer = QMessageBox.question(
            self.view,
            self.tr("Delete for everyone"),
            self.tr(
                "Delete this message for everyone? It is removed from every PC in this "
                "conversation, with its attachments, and cannot be restored. "
                "Everyone sees that you deleted a message."
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        client, mid = self.view.ctx.client, row.message_id
        self.view.ctx.bridge.submit(
            lambda: client.delete_for_everyone(mid), done=self._merge, error=self._failed
        )

    # ---- edit history ----------------------------------------------------------------

    def show_history(self, row: MessageRow) -> None:
        client, mid = self.view.ctx.client, row.message_id

        def done(versions: object) -> None:
            if isinstance(versions, list):
                dialog = EditHistory(versions, self.view)
                guard_item_copies(dialog.list, self.view.ctx.copy_rule)  # message text
                self.history = dialog  # for tests and so it is not collected while open
                dialog.open()

        self.view.ctx.bridge.call(client.versions, mid, done=done, error=self._failed)

    # ---- jumping to the quoted message -----------------------------------------------

    def jump(self, message_id: str) -> None:
        """Scroll to the quoted message (or a search hit); when it is not loaded, the chat
        shows a page around it (newer pages load as the person scrolls down)."""
        self._jump_to, self._around = MessageId(message_id), False
        self.view.unread.cancel()  # the person chose where to look; the opening scroll yields
        self._continue_jump()

    def _continue_jump(self, _older: bool = True) -> None:
        target = self._jump_to
        if target is None:
            return
        model, lst = self.view.model, self.view.list
        index = model.index_of(target)
        if index.isValid():
            self._jump_to = None
            lst.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
            lst.setCurrentIndex(index)
            return
        if model.is_loading():
            return  # the page on its way calls back
        if self._around or model.conversation is None:
            self._jump_to = None
            self.view.show_info(self.tr("The quoted message is no longer on this PC."))
            return
        self._around = True
        model.open_around(target, self._fetch_around)

    def _back_to_newest(self, *_sent: object) -> None:
        if self.view.model.has_newer():
            self.view.model.reload()

    def _fetch_around(
        self,
        cid: ConversationId,
        mid: MessageId,
        limit: int,
        done: Callable[[MessagePageRows | None], None],
        error: Callable[[str], None],
    ) -> None:
        def arrived(page: object) -> None:
            done(page if isinstance(page, MessagePageRows) else None)

        client = self.view.ctx.client
        self.view.ctx.bridge.call(client.page_around, cid, mid, limit, done=arrived, error=error)

    def _fetch_newer(
        self,
        cid: ConversationId,
        cursor: PageCursor | None,
        limit: int,
        done: Callable[[MessagePageRows], None],
        error: Callable[[str], None],
    ) -> None:
        def arrived(page: object) -> None:
            assert isinstance(page, MessagePageRows)
            done(page)

        client = self.view.ctx.client
        self.view.ctx.bridge.call(client.page_newer, cid, cursor, limit, done=arrived, error=error)

    # ---- results ---------------------------------------------------------------------

    def _merge(self, row: object) -> None:
        if isinstance(row, MessageRow):
            self.view.model.upsert((row,))

    def _failed(self, message: str) -> None:
        self.view.show_error(message)
