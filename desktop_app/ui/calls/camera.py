"""The camera of a call, behind a small interface so tests need no hardware.

``CameraDevices.buffer`` is the ``FrameBuffer`` (services/call_camera.py) the call's
``CameraTrack`` reads and the window's preview paints; ``start()``/``stop()`` switch the
capture (the camera's light) on and off. The real one is QtMultimedia's default camera
(QCamera + QMediaCaptureSession + QVideoSink, never QtMultimediaWidgets: the installer
drops it); each frame becomes packed RGB, at most ``CAPTURE_MAX_WIDTH`` wide. Tests pass
a solid-colour fake (tests/ui/call_fakes.py).
"""

from __future__ import annotations

from typing import Final, Protocol

import numpy as np
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QImage
from PySide6.QtMultimedia import (
    QCamera,
    QMediaCaptureSession,
    QMediaDevices,
    QVideoFrame,
    QVideoSink,
)

from desktop_app.services.call_camera import FrameBuffer, RgbFrame
from desktop_app.ui import media_calls
from desktop_app.ui.calls.devices import Choice

CAPTURE_MAX_WIDTH: Final = 640  # 640x480 is plenty for a face or a monitor on a LAN call


class PictureSource(Protocol):
    """A camera or the screen: ``start`` fills ``buffer`` until ``stop``."""

    buffer: FrameBuffer

    def available(self) -> bool:
        """Whether there is one (no camera: the button stays hidden)."""

    def start(self) -> None: ...

    def stop(self) -> None: ...


class CameraDevices(PictureSource, Protocol):
    def cameras(self) -> list[Choice]: ...

    def choose(self, camera: bytes) -> None:
        """Use this camera from now on (also while on); b"": the system default."""


def image_to_rgb(image: QImage, max_width: int = CAPTURE_MAX_WIDTH) -> RgbFrame:
    """A QImage as packed RGB24, scaled down to ``max_width`` (aspect kept)."""
    if image.width() > max_width:
        image = image.scaledToWidth(max_width, Qt.TransformationMode.SmoothTransformation)
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    width, height = image.width() // 2 * 2, image.height() // 2 * 2  # VP8 wants even sizes
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), -1)
    pixels = rows[:height, : width * 3]
    return RgbFrame(width, height, pixels.tobytes())


def rgb_to_image(frame: RgbFrame) -> QImage:
    """A frame as a QImage that owns its pixels (the frame may go)."""
    image = QImage(
        frame.data, frame.width, frame.height, frame.width * 3, QImage.Format.Format_RGB888
    )
    return image.copy()


class QtCamera(QObject):
    """The PC's default camera, captured only while the call has "Camera on"."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.buffer = FrameBuffer()
        self._camera: QCamera | None = None
        self._session: QMediaCaptureSession | None = None
        self._sink: QVideoSink | None = None
        self._chosen = b""

    def available(self) -> bool:
        return bool(QMediaDevices.videoInputs())

    def cameras(self) -> list[Choice]:
        return [(bytes(d.id().data()), d.description()) for d in QMediaDevices.videoInputs()]

    def choose(self, camera: bytes) -> None:
        self._chosen = camera
        if self._camera is not None:  # on: switch now
            self.stop()
            self.start()

    def start(self) -> None:
        if self._camera is not None or not self.available():
            return
        inputs = {bytes(d.id().data()): d for d in QMediaDevices.videoInputs()}
        device = inputs.get(self._chosen, QMediaDevices.defaultVideoInput())
        self._camera = QCamera(device, self)
        # The largest format up to CAPTURE_MAX_WIDTH: no 1080p frames to scale down 30
        # times a second in the GUI thread.
        small = [f for f in device.videoFormats() if f.resolution().width() <= CAPTURE_MAX_WIDTH]
        if small:
            best = max(small, key=lambda f: (f.resolution().width(), f.maxFrameRate()))
            self._camera.setCameraFormat(best)
        self._session = QMediaCaptureSession(self)
        self._sink = QVideoSink(self)
        self._session.setCamera(self._camera)
        self._session.setVideoSink(self._sink)
        self._sink.videoFrameChanged.connect(self._frame)
        media_calls.start_capture(self._camera)  # from the event loop: ui/media_calls.py

    def _frame(self, frame: QVideoFrame) -> None:
        image = frame.toImage()
        if not image.isNull():
            self.buffer.show(image_to_rgb(image))

    def stop(self) -> None:
        if self._camera is not None:
            parts = [p for p in (self._session, self._sink) if p is not None]
            media_calls.retire_capture(self._camera, *parts)
        self._camera = self._session = self._sink = None
        self.buffer.clear()
