"""Plays voice messages from memory (issue 13): the decrypted Ogg Opus bytes go into a
QBuffer for QMediaPlayer; never into a file. Click plays or pauses; the speed is 1×,
1.5× or 2×; when one ends, the next voice message below it plays."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QUrl, Signal
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer

from desktop_app.domain.model import Attachment
from desktop_app.ui import media_calls
from desktop_app.ui.chat.formatting import AttachmentKind, attachment_kind

if TYPE_CHECKING:
    from desktop_app.ui.chat.view import ChatView

SPEEDS = (1.0, 1.5, 2.0)


class VoicePlayer(QObject):
    """One QMediaPlayer per voice message played, driven through ui/media_calls.py:
    set up while it is fresh, then only queued calls, and retired (stopped, deleted
    from the event loop) when it ends or another is played."""

    changed = Signal()  # what plays, or the speed, changed: repaint the bubbles
    failed = Signal(str)

    def __init__(self, view: ChatView) -> None:
        super().__init__(view)
        self.view = view
        self.player: QMediaPlayer | None = None
        self.buffer: QBuffer | None = None
        self.message_id = ""  # playing or paused
        self.speed = SPEEDS[0]

    @property
    def playing(self) -> bool:
        player = self.player
        return player is not None and (
            player.playbackState() is QMediaPlayer.PlaybackState.PlayingState
        )

    def toggle(self, message_id: str, attachment: Attachment) -> None:
        """Play this voice message (or pause/resume it if it is the current one)."""
        if message_id == self.message_id and self.player is not None:
            if self.playing:
                media_calls.pause(self.player)
            else:
                media_calls.play(self.player)
            return
        self.stop()
        self.message_id = message_id
        client = self.view.ctx.client

        def loaded(data: object) -> None:
            if message_id != self.message_id or not isinstance(data, bytes):
                return
            self._start(data)

        self.view.ctx.bridge.call(
            client.attachment_bytes, attachment.attachment_id, done=loaded,
            error=self.failed.emit,
        )  # fmt: skip

    def _start(self, data: bytes) -> None:
        """A fresh player (no threads of its own yet) with its output and the buffer as
        children, so they go with it."""
        player = QMediaPlayer(self)
        player.setAudioOutput(QAudioOutput(player))
        buffer = QBuffer(player)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        # Told with the player they come from: a retired one's late news is ignored
        # (a disconnect from here could meet the backend's teardown: media_calls.py).
        player.mediaStatusChanged.connect(lambda status: self._status(player, status))
        player.errorOccurred.connect(lambda _e, text: self._player_failed(player, text))
        player.playbackStateChanged.connect(lambda _s: self.changed.emit())
        player.setSourceDevice(buffer, QUrl("voice.opus"))
        self.player, self.buffer = player, buffer
        media_calls.set_rate(player, self.speed)
        media_calls.play(player)
        self.changed.emit()

    def set_speed(self, speed: float) -> None:
        """1×, 1.5× or 2× for this and the following voice messages."""
        self.speed = speed
        if self.player is not None:
            media_calls.set_rate(self.player, speed)
        self.changed.emit()

    def stop(self) -> None:
        """Stop and drop the audio from memory (the lock and switching chats call this):
        the player goes with its buffer once the event loop has stopped it."""
        if self.player is not None:
            media_calls.retire(self.player)
        self.player, self.buffer = None, None
        self.message_id = ""
        self.changed.emit()

    def _player_failed(self, player: QMediaPlayer, text: str) -> None:
        """The multimedia backend's words (English) only in brackets, for IT."""
        if player is not self.player:
            return
        self.failed.emit(
            self.tr("This voice message cannot be played on this PC. (%1)").replace("%1", text)
        )

    def _status(self, player: QMediaPlayer, status: QMediaPlayer.MediaStatus) -> None:
        if player is not self.player or status is not QMediaPlayer.MediaStatus.EndOfMedia:
            return
        finished = self.message_id
        self.stop()
        after = self.next_after(finished)
        if after is not None:
            self.toggle(*after)

    def next_after(self, message_id: str) -> tuple[str, Attachment] | None:
        """The voice message below this one in the chat (played when this one ends)."""
        rows = self.view.model.rows()
        ids = [str(r.message_id) for r in rows]
        if message_id not in ids:
            return None
        for row in rows[ids.index(message_id) + 1 :]:
            for attachment in row.message.attachments:
                if row.voice is not None and attachment_kind(attachment) is AttachmentKind.VOICE:
                    return str(row.message_id), attachment
        return None
