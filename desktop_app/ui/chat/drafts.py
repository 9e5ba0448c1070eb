"""Keeps each conversation's unsent text in the container, so it survives locks and restarts.

The lock deletes every view (``ChatView.clear``), so a draft held only by the composer was
lost at each lock. ``DraftKeeper`` saves the open conversation's text a moment after typing
pauses, when another conversation is opened and when the view is cleared (before the lock
stops the client: bridge calls run in order), and puts it back when the conversation is
opened again. Only text is kept: chosen files and pasted pictures stay in memory.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from desktop_app.domain.ids import ConversationId
from desktop_app.ui.chat.composer import Composer
from desktop_app.ui.context import UiContext

SAVE_DELAY_MS = 800  # after the last key: a crash loses at most this much typing


class DraftKeeper(QObject):
    def __init__(self, ctx: UiContext, composer: Composer, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.composer = composer
        self._conversation: ConversationId | None = None
        self._generation = 0
        self._restoring = False
        self._saved = ""
        self._timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self._timer.timeout.connect(self.save_now)
        composer.editor.textChanged.connect(self._changed)

    def open(self, conversation: ConversationId) -> None:
        """``conversation`` is now in the composer: load its stored draft unless one shows."""
        self._timer.stop()
        self._generation += 1
        self._conversation = conversation
        self._saved = self.composer.editor.toPlainText()
        if self._saved.strip():
            return  # kept in memory since the switch (with its files): it is the newest
        generation = self._generation

        def loaded(text: object) -> None:
            if generation != self._generation or not isinstance(text, str) or not text:
                return
            editor = self.composer.editor
            if editor.toPlainText().strip():
                return  # typed meanwhile
            self._restoring = True
            editor.setPlainText(text)
            editor.moveCursor(editor.textCursor().MoveOperation.End)
            self._restoring = False
            self._saved = text

        self.ctx.bridge.call(self.ctx.client.draft, conversation, done=loaded)

    def leave(self) -> None:
        """Save now and stop following the composer (switching conversations, the lock)."""
        self.save_now()
        self.drop()

    def drop(self) -> None:
        """Stop following without saving (the conversation was deleted from this PC)."""
        self._timer.stop()
        self._generation += 1
        self._conversation = None

    def save(self, conversation: ConversationId, text: str) -> None:
        """Keep the text of a conversation that is not open (a send that failed)."""
        self.ctx.bridge.call(self.ctx.client.save_draft, conversation, text)

    def save_now(self) -> None:
        self._timer.stop()
        cid = self._conversation
        text = self.composer.draft_text()
        if cid is None or text == self._saved:
            return
        self._saved = text
        self.save(cid, text)

    def _changed(self) -> None:
        if self._conversation is not None and not self._restoring:
            self._timer.start()
