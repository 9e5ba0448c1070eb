"""Sending from the composer: text, files, urgent messages, replies, voice messages.

Shown in the chat once the services stored them (the returned rows), so what the list
shows is what the container holds. A send that fails gives the draft back: to the
composer when its conversation is still open, else to that conversation's kept draft.
A lock in between (``ChatView.generation`` grew) drops the answer and the draft with
everything else shown. Upload progress shows in the status line until the message is
in the list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from desktop_app.services.live_views import MessageRow, Transfer
from desktop_app.ui.chat.composer import Draft
from desktop_app.ui.chat.study_caption import study_caption

if TYPE_CHECKING:
    from desktop_app.ui.chat.view import ChatView


class Sender(QObject):
    def __init__(self, view: ChatView) -> None:
        super().__init__(view)
        self.view = view
        self.sending = 0  # sends under way (their upload progress shows in the status line)
        view.composer.send_requested.connect(self.send)
        view.composer.voice_recorded.connect(self.send_voice)
        view.ctx.events.transfer.connect(self.on_transfer)

    def send_voice(self, pcm: bytes, rate: int) -> None:
        view = self.view
        cid = view.conversation
        if cid is None:
            return
        client, generation = view.ctx.client, view.generation

        def done(row: object) -> None:
            if generation == view.generation and isinstance(row, MessageRow):
                view.model.upsert((row,))
                if cid == view.conversation:
                    view.list.scroll_to_end()

        view.ctx.bridge.submit(
            lambda: client.send_voice(cid, pcm, rate),
            done=done,
            error=lambda message: view.show_error(self.tr("Not sent: %1").replace("%1", message)),
        )

    def on_transfer(self, transfer: object) -> None:
        view = self.view
        if not isinstance(transfer, Transfer):
            return
        shown = view.model.set_transfer(transfer.attachment_id, transfer.done, transfer.total)
        if not shown and self.sending:  # our upload, before its message is in the list
            view.status.show_progress(transfer.done, transfer.total)

    def send(self, draft: Draft) -> None:
        view = self.view
        cid = view.conversation
        if cid is None:
            return
        client = view.ctx.client
        generation = view.generation
        files, text = list(draft.files), draft.text
        view.status.clear()
        self.sending += 1
        view.typing.reset()
        if files:
            names = ", ".join(p.name for p in files)
            view.status.show_progress(0, 0, self.tr("Sending %1 …").replace("%1", names))

        async def files_with(caption: str) -> object:
            return await client.send_files(cid, files, caption, describe_study=study_caption)

        async def send() -> object:
            named, escalate = draft.mentions, draft.escalate_to
            if (draft.reply_to is not None or named) and text:  # text first; files follow
                sent = await client.send_text(cid, text, urgent=draft.urgent,
                                              reply_to=draft.reply_to, mentions=named,
                                              escalate_to=escalate)  # fmt: skip
                return await files_with("") if files else sent
            if draft.urgent and text:
                sent = await client.send_text(cid, text, urgent=True, escalate_to=escalate)
                return await files_with("") if files else sent
            if files:
                return await files_with(text)
            return await client.send_text(cid, text, urgent=draft.urgent, escalate_to=escalate)

        def done(result: object) -> None:
            self.sending -= 1
            if generation != view.generation:
                return
            view.status.hide_progress()
            rows = result if isinstance(result, list) else [result]
            view.model.upsert(r for r in rows if isinstance(r, MessageRow))
            if cid == view.conversation:
                view.list.scroll_to_end()

        def failed(message: str) -> None:
            self.sending -= 1
            if generation != view.generation:
                return  # locked meanwhile: the draft (pasted pictures too) is dropped
            view.status.hide_progress()
            if cid == view.conversation:
                view.composer.restore(draft)
            else:
                view.keep_draft(cid, draft)
            view.show_error(self.tr("Not sent: %1").replace("%1", message))

        view.ctx.bridge.submit(send, done=done, error=failed)
