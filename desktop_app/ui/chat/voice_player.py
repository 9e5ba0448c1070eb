"""Plays voice messages from memory (issue 13): the decrypted Ogg Opus bytes go into a
QBuffer for QMediaPlayer; never into a file. Click plays or pauses; the speed is 1×,
1.5× or 2×; when one ends, the next voice message below it plays."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QUrl, Signal
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer

from desktop_app.domain.model import Attachment
from desktop_app.ui.chat.formatting import AttachmentKind, attachment_kind

if TYPE_CHECKING:
    from desktop_app.ui.chat.view import ChatView

SPEEDS = (1.0, 1.5, 2.0)


class VoicePlayer(QObject):
    changed = Signal()  # what plays, or the speed, changed: repaint the bubbles
    failed = Signal(str)

    def __init__(self, view: ChatView) -> None:
        super().__init__(view)
        self.view = view
        self.player = QMediaPlayer(self)
        self.output = QAudioOutput(self)
        self.player.setAudioOutput(self.output)
        self.buffer: QBuffer | None = None
        self.message_id = ""  # playing or paused
        self.speed = SPEEDS[0]
        self.player.mediaStatusChanged.connect(self._status)
        self.player.errorOccurred.connect(self._player_failed)
        self.player.playbackStateChanged.connect(lambda _s: self.changed.emit())

    @property
    def playing(self) -> bool:
        return self.player.playbackState() is QMediaPlayer.PlaybackState.PlayingState

    def toggle(self, message_id: str, attachment: Attachment) -> None:
        """Play this voice message (or pause/resume it if it is the current one)."""
        if message_id == self.message_id and self.buffer is not None:
            if self.playing:
                self.player.pause()
            else:
                self.player.play()
            return
        self.stop()
        self.message_id = message_id
        client = self.view.ctx.client

        def loaded(data: object) -> None:
            if message_id != self.message_id or not isinstance(data, bytes):
                return
            self.buffer = QBuffer(self)
            self.buffer.setData(QByteArray(data))
            self.buffer.open(QIODevice.OpenModeFlag.ReadOnly)
            self.player.setSourceDevice(self.buffer, QUrl("voice.opus"))
            self.player.setPlaybackRate(self.speed)
            self.player.play()
            self.changed.emit()

        self.view.ctx.bridge.call(
            client.attachment_bytes, attachment.attachment_id, done=loaded,
            error=self.failed.emit,
        )  # fmt: skip

    def set_speed(self, speed: float) -> None:
        """1×, 1.5× or 2× for this and the following voice messages."""
        self.speed = speed
        self.player.setPlaybackRate(speed)
        self.changed.emit()

    def stop(self) -> None:
        """Stop and drop the audio from memory (the lock and switching chats call this)."""
        self.player.stop()
        self.player.setSource(QUrl())  # drops the device too
        if self.buffer is not None:
            self.buffer.close()
            self.buffer.setData(QByteArray())
            self.buffer.deleteLater()
            self.buffer = None
        self.message_id = ""
        self.changed.emit()

    def _player_failed(self, _error: QMediaPlayer.Error, text: str) -> None:
        """The multimedia backend's words (English) only in brackets, for IT."""
        self.failed.emit(
            self.tr("This voice message cannot be played on this PC. (%1)").replace("%1", text)
        )

    def _status(self, status: QMediaPlayer.MediaStatus) -> None:
        if status is not QMediaPlayer.MediaStatus.EndOfMedia:
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
