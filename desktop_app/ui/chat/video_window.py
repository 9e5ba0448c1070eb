"""Plays a video clip from memory (issue 13): the decrypted bytes go into a QBuffer that
QMediaPlayer reads; nothing is written to disk. Frames arrive through a QVideoSink and
are painted by ``VideoSurface`` (QtMultimedia core only: the installer leaves out
QtMultimediaWidgets, so no QVideoWidget). Space plays/pauses, the slider seeks, Esc or
Ctrl+W closes; closing (also by the lock, via AttachmentOpener.close_all) stops the
player and drops the bytes. A clip Qt cannot decode shows one translated sentence
instead of a black window.
"""

from __future__ import annotations

from pathlib import PurePath

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, Qt, QUrl
from PySide6.QtGui import QCloseEvent, QImage, QKeySequence, QPainter, QPaintEvent, QShortcut
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer, QVideoFrame, QVideoSink
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSlider,
    QStackedLayout,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.video import looks_like_video
from desktop_app.ui import media_calls
from desktop_app.ui.chat.voice_card import duration_text
from desktop_app.ui.window_keys import own_window_keys

WINDOW_SIZE = QSize(800, 560)
State = QMediaPlayer.PlaybackState
Status = QMediaPlayer.MediaStatus


class VideoSurface(QWidget):
    """The current frame (or the poster until the first frame), centred, aspect kept."""

    def __init__(self, poster: QImage | None = None) -> None:
        super().__init__()
        self.image = poster if poster is not None else QImage()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 120)

    def show_frame(self, frame: QVideoFrame) -> None:
        image = frame.toImage()
        if not image.isNull():
            self.image = image
            self.update()

    def clear(self) -> None:
        self.image = QImage()
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.GlobalColor.black)
        if not self.image.isNull():
            size = self.image.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
            x, y = (self.width() - size.width()) / 2, (self.height() - size.height()) / 2
            target = QRectF(x, y, size.width(), size.height())
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(target, self.image)
        painter.end()


class VideoWindow(QWidget):
    def __init__(self, data: bytes, title: str, poster: QImage | None = None) -> None:
        super().__init__()
        self.setWindowTitle(f"{title} — WardLink")
        self.setAccessibleName(title)
        self.surface = VideoSurface(poster)
        self.message = QLabel()  # why the clip cannot be played (hidden while it can)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("background: black; color: white; font-size: 15px;")
        self.stack = QStackedLayout()
        self.stack.addWidget(self.surface)
        self.stack.addWidget(self.message)

        self.play_button = QToolButton()
        self.play_button.clicked.connect(self.toggle)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setAccessibleName(self.tr("Position"))
        self.slider.setRange(0, 0)
        self.slider.sliderMoved.connect(self.seek)
        self.time_label = QLabel()
        controls = QHBoxLayout()
        controls.addWidget(self.play_button)
        controls.addWidget(self.slider, 1)
        controls.addWidget(self.time_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 6)
        layout.addLayout(self.stack, 1)
        controls.setContentsMargins(8, 0, 8, 0)
        layout.addLayout(controls)

        self.player = QMediaPlayer(self)
        self.audio = QAudioOutput(self)
        self.player.setAudioOutput(self.audio)
        self.sink = QVideoSink(self)
        self.player.setVideoSink(self.sink)
        self.sink.videoFrameChanged.connect(self.surface.show_frame)
        self.player.errorOccurred.connect(lambda _error, _text: self.show_unplayable())
        self.player.mediaStatusChanged.connect(self._status)
        self.player.playbackStateChanged.connect(lambda _state: self._update_controls())
        self.player.durationChanged.connect(self._duration)
        self.player.positionChanged.connect(self._position)
        own_window_keys(self)
        QShortcut(QKeySequence(Qt.Key.Key_Space), self, self.toggle)

        self.buffer: QBuffer | None = QBuffer(self)
        self.buffer.setData(QByteArray(data))
        self.buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._update_controls()
        # Only MP4/MOV/WebM by their magic bytes reach FFmpeg: never its other demuxers
        # (playlists open further URLs). No media backend on this PC: the same sentence.
        if not looks_like_video(data) or not self.player.isAvailable():
            self.show_unplayable()
            return
        suffix = PurePath(title).suffix.lower() or ".mp4"  # a hint for the demuxer only
        self.player.setSourceDevice(self.buffer, QUrl(f"clip{suffix}"))

    @property
    def playing(self) -> bool:
        return self.player.playbackState() is State.PlayingState

    def toggle(self) -> None:
        if self.buffer is None or not self.play_button.isEnabled():
            return
        if self.playing:
            media_calls.pause(self.player)
        else:
            media_calls.play(self.player)

    def seek(self, position_ms: int) -> None:
        media_calls.set_position(self.player, position_ms)

    def show_unplayable(self) -> None:
        self.message.setText(self.tr("This video format cannot be played here."))
        self.stack.setCurrentWidget(self.message)
        media_calls.stop(self.player)
        self.play_button.setEnabled(False)
        self.slider.setEnabled(False)

    def _status(self, status: Status) -> None:
        if status is Status.InvalidMedia:
            self.show_unplayable()
        elif status is Status.EndOfMedia:
            self._update_controls()

    def _duration(self, duration_ms: int) -> None:
        self.slider.setRange(0, max(0, duration_ms))
        self._update_controls()

    def _position(self, position_ms: int) -> None:
        if not self.slider.isSliderDown():
            self.slider.setValue(position_ms)
        self._update_controls()

    def _update_controls(self) -> None:
        label = self.tr("Pause") if self.playing else self.tr("Play")
        self.play_button.setText("❚❚" if self.playing else "▶")
        self.play_button.setToolTip(label)
        self.play_button.setAccessibleName(label)
        self.time_label.setText(
            f"{duration_text(self.player.position())} / {duration_text(self.player.duration())}"
        )

    def release(self) -> None:
        """Stop and drop the clip from memory (closing and the lock): from the event loop,
        the buffer after the player let go of it (ui/media_calls.py)."""
        media_calls.stop_and_drop(self.player)
        if self.buffer is not None:
            self.buffer.deleteLater()
            self.buffer = None
        self.surface.clear()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.release()
        super().closeEvent(event)
