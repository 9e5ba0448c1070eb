"""Screen sharing in a call: the primary screen, grabbed ``SCREEN_FPS`` times a second
and scaled to at most ``SCREEN_MAX_WIDTH`` (a PACS image or a monitor curve must stay
readable, a LAN carries it easily), into the same kind of ``FrameBuffer`` the camera
fills (a ``PictureSource``, ui/calls/camera.py), so the call sends it instead of the
camera without renegotiating. WardLink's own windows may appear black in it when policy
``block_screen_capture`` hides them.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QGuiApplication

from desktop_app.services.call_camera import SCREEN_FPS, FrameBuffer
from desktop_app.ui.calls.camera import image_to_rgb

SCREEN_MAX_WIDTH: Final = 1280


class QtScreen(QObject):
    """The primary screen as a picture source (grabbed only while sharing)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.buffer = FrameBuffer()
        self._timer = QTimer(self)
        self._timer.setInterval(1000 // SCREEN_FPS)
        self._timer.timeout.connect(self.grab)

    def available(self) -> bool:
        return bool(QGuiApplication.screens())

    def start(self) -> None:
        if not self._timer.isActive():
            self.grab()
            self._timer.start()

    def grab(self) -> None:
        if not QGuiApplication.screens():
            return  # the last screen went away (a remote session ended)
        image = QGuiApplication.primaryScreen().grabWindow(0).toImage()
        if not image.isNull() and image.width() >= 2 and image.height() >= 2:
            self.buffer.show(image_to_rgb(image, SCREEN_MAX_WIDTH))

    def stop(self) -> None:
        self._timer.stop()
        self.buffer.clear()
