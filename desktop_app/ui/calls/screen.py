"""Screen or window sharing in a call: the primary screen, grabbed ``SCREEN_FPS`` times a
second, or one window of another program (a PACS viewer, a monitor's web page) through
QtMultimedia's window capture; either scaled to at most ``SCREEN_MAX_WIDTH`` (a PACS
image or a monitor curve must stay readable, a LAN carries it easily) into the same kind
of ``FrameBuffer`` the camera fills (a ``PictureSource``, ui/calls/camera.py), so the
call sends it instead of the camera without renegotiating. WardLink's own windows may
appear black in it when policy ``block_screen_capture`` hides them.

Which windows can be shared is the platform's answer (``QWindowCapture``: Windows and
X11 with the compositor's help; elsewhere only the whole screen is offered). A target
is named by its description; a window that closed meanwhile falls back to nothing
shared, never to the whole screen.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Final, Protocol

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtMultimedia import (
    QCapturableWindow,
    QMediaCaptureSession,
    QVideoFrame,
    QVideoSink,
    QWindowCapture,
)

from desktop_app.services.call_camera import SCREEN_FPS, FrameBuffer
from desktop_app.ui import media_calls
from desktop_app.ui.calls.camera import PictureSource, image_to_rgb
from desktop_app.ui.calls.devices import Choice

SCREEN_MAX_WIDTH: Final = 1280
WHOLE_SCREEN: Final = b""  # the target id of the primary screen

WindowLister = Callable[[], list[QCapturableWindow]]


class ShareSource(PictureSource, Protocol):
    """The screen or a window: ``targets`` lists them, ``choose`` picks one."""

    def targets(self) -> list[Choice]: ...

    def choose(self, target: bytes) -> None: ...


class QtScreen(QObject):
    """The primary screen or one window as a picture source (grabbed only while sharing)."""

    def __init__(self, parent: QObject | None = None, windows: WindowLister | None = None) -> None:
        super().__init__(parent)
        self.buffer = FrameBuffer()
        self._windows = windows or QWindowCapture.capturableWindows
        self._target = WHOLE_SCREEN
        self._timer = QTimer(self)
        self._timer.setInterval(1000 // SCREEN_FPS)
        self._timer.timeout.connect(self.grab)
        self._capture: QWindowCapture | None = None
        self._session: QMediaCaptureSession | None = None
        self._sink: QVideoSink | None = None
        self._last_frame = 0.0

    def available(self) -> bool:
        return bool(QGuiApplication.screens())

    def targets(self) -> list[Choice]:
        """What can be shared now: the whole screen first, then each window by name."""
        names = [w.description() for w in self._windows() if w.isValid() and w.description()]
        return [(WHOLE_SCREEN, ""), *((n.encode("utf-8"), n) for n in dict.fromkeys(names))]

    def choose(self, target: bytes) -> None:
        """Share ``target`` from now on (also while sharing)."""
        sharing = self.sharing()
        self.stop()
        self._target = target
        if sharing:
            self.start()

    def sharing(self) -> bool:
        return self._timer.isActive() or self._capture is not None

    def start(self) -> None:
        if self.sharing():
            return
        if self._target == WHOLE_SCREEN:
            self.grab()
            self._timer.start()
            return
        name = self._target.decode("utf-8", "replace")
        window = next((w for w in self._windows() if w.description() == name), None)
        if window is None:
            return  # it closed: share nothing rather than something else
        self._capture = QWindowCapture(self)
        self._session = QMediaCaptureSession(self)
        self._sink = QVideoSink(self)
        self._session.setWindowCapture(self._capture)
        self._session.setVideoSink(self._sink)
        self._sink.videoFrameChanged.connect(self.frame)
        self._capture.setWindow(window)
        media_calls.start_capture(self._capture)  # from the event loop: ui/media_calls.py

    def grab(self) -> None:
        if not QGuiApplication.screens():
            return  # the last screen went away (a remote session ended)
        image = QGuiApplication.primaryScreen().grabWindow(0).toImage()
        if not image.isNull() and image.width() >= 2 and image.height() >= 2:
            self.buffer.show(image_to_rgb(image, SCREEN_MAX_WIDTH))

    def frame(self, frame: QVideoFrame) -> None:
        """A captured window's picture, at most SCREEN_FPS a second."""
        now = time.monotonic()
        if now - self._last_frame < 1 / SCREEN_FPS:
            return
        image = frame.toImage()
        if not image.isNull() and image.width() >= 2 and image.height() >= 2:
            self._last_frame = now
            self.buffer.show(image_to_rgb(image, SCREEN_MAX_WIDTH))

    def stop(self) -> None:
        self._timer.stop()
        if self._capture is not None:
            parts = [p for p in (self._session, self._sink) if p is not None]
            media_calls.retire_capture(self._capture, *parts)
        self._capture = self._session = self._sink = None
        self._last_frame = 0.0
        self.buffer.clear()
