"""Frames for the image viewer: decoded in the DecodeWorker process, played as cine.

FrameFeed turns DecodeWorker futures into a Qt signal delivered on the GUI thread
(the future's callback runs on the worker's relay thread; a queued signal crosses to
the GUI thread), and drops answers for frames the user has already left. Without a
worker (headless rendering, tests) it decodes in-process, synchronously.

CineBar plays at a chosen frame rate and asks for the next DECODE_AHEAD frames every
time a frame is shown, so the worker stays ahead of playback; a tick that finds the
next frame not yet decoded waits instead of piling up requests.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from concurrent.futures import Future

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSlider, QSpinBox, QToolButton, QWidget

from desktop_app.medical.display import DEFAULT_MAX_SIZE, prepare
from desktop_app.medical.errors import MedicalError
from desktop_app.medical.geometry import pixel_spacing
from desktop_app.medical.loading import DicomSource, LoadedImage, load_image
from desktop_app.medical.pixels import decode_frame
from desktop_app.medical.worker import DecodedFrame, DecodeWorker
from desktop_app.ui.viewers.medical_text import medical_error_text

DECODE_AHEAD = 4
DEFAULT_FPS = 10


class FrameFeed(QObject):
    """Asks for frames and emits `frame_ready(DecodedFrame)` / `failed(str)` on the GUI thread."""

    frame_ready = Signal(object)
    failed = Signal(str)
    _delivered = Signal(object, int)  # (Future, frame) from any thread -> GUI thread

    def __init__(
        self,
        source: DicomSource,
        worker: DecodeWorker | None,
        parent: QObject | None = None,
        max_size: int = DEFAULT_MAX_SIZE,
    ) -> None:
        super().__init__(parent)
        self.source = source
        self.worker = worker
        self.max_size = max_size  # of in-process decodes; a worker has its own
        self.wanted = -1
        self._local: LoadedImage | None = None
        self._delivered.connect(self._on_delivered, Qt.ConnectionType.QueuedConnection)

    def request(self, frame: int) -> None:
        """Show `frame` as soon as it is decoded; earlier, unanswered requests are dropped."""
        self.wanted = frame
        if self.worker is None:
            self._decode_here(frame)
            return
        future = self.worker.decode(self.source, frame)

        def delivered(done: Future[DecodedFrame]) -> None:
            # RuntimeError: the viewer was closed (its C++ object deleted) while decoding.
            with contextlib.suppress(RuntimeError):
                self._delivered.emit(done, frame)

        future.add_done_callback(delivered)

    def decode_ahead(self, start: int, frames: int) -> None:
        if self.worker is not None and frames > 1:
            self.worker.decode_ahead(self.source, start, min(DECODE_AHEAD, frames - 1), frames)

    def is_ready(self, frame: int) -> bool:
        if self.worker is None:
            return True
        return self.worker.decode(self.source, frame).done()

    def _decode_here(self, frame: int) -> None:
        try:
            if self._local is None:
                self._local = load_image(self.source)
            img = self._local
            pixels = decode_frame(img, frame)
            decoded = DecodedFrame(
                prepare(img, pixels, self.max_size, frame),
                frame,
                img.header.frames,
                pixel_spacing(img.dataset),
            )
        except MedicalError as exc:
            self.failed.emit(medical_error_text(exc))
            return
        self.frame_ready.emit(decoded)

    def _on_delivered(self, future: Future[DecodedFrame], frame: int) -> None:
        if frame != self.wanted:
            return
        exc = future.exception()
        if exc is not None:
            self.failed.emit(
                medical_error_text(exc, self.tr("This picture could not be decoded; try again."))
            )
            return
        self.frame_ready.emit(future.result())


class CineBar(QWidget):
    """Play/pause, frame slider and frame rate; emits `frame_chosen(int)`."""

    frame_chosen = Signal(int)

    def __init__(self, frames: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.frames = max(frames, 1)
        self.play_button = QToolButton()
        self.play_button.setText(self.tr("Play"))
        self.play_button.setCheckable(True)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, self.frames - 1)
        self.position = QLabel()
        self.fps = QSpinBox()
        self.fps.setRange(1, 60)
        self.fps.setValue(DEFAULT_FPS)
        self.fps.setSuffix(" fps")
        self.timer = QTimer(self)
        # Asked before each tick whether the next frame is decoded (None: always ready).
        self.ready: Callable[[int], bool] | None = None
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 0, 4, 0)
        for widget in (self.play_button, self.slider, self.position, self.fps):
            row.addWidget(widget)
        row.setStretchFactor(self.slider, 1)
        self.play_button.toggled.connect(self._play_toggled)
        self.slider.valueChanged.connect(self._slider_moved)
        self.fps.valueChanged.connect(lambda _: self._apply_rate())
        self.timer.timeout.connect(self._tick)
        self._show_position(0)
        self.setVisible(self.frames > 1)

    @property
    def current(self) -> int:
        return self.slider.value()

    def set_current(self, frame: int) -> None:
        self.slider.setValue(frame % self.frames)

    def step(self, delta: int = 1) -> None:
        self.set_current(self.current + delta)

    def _tick(self) -> None:
        upcoming = (self.current + 1) % self.frames
        if self.ready is None or self.ready(upcoming):
            self.set_current(upcoming)

    def playing(self) -> bool:
        return self.timer.isActive()

    def _apply_rate(self) -> None:
        self.timer.setInterval(max(1, round(1000 / self.fps.value())))

    def _play_toggled(self, on: bool) -> None:
        self.play_button.setText(self.tr("Pause") if on else self.tr("Play"))
        if on:
            self._apply_rate()
            self.timer.start()
        else:
            self.timer.stop()

    def _slider_moved(self, value: int) -> None:
        self._show_position(value)
        self.frame_chosen.emit(value)

    def _show_position(self, value: int) -> None:
        self.position.setText(f"{value + 1}/{self.frames}")
