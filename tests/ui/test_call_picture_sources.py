"""The real picture sources of a call on a PC without a camera (offscreen Qt)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QImage
from PySide6.QtMultimedia import QMediaDevices
from pytestqt.qtbot import QtBot

from desktop_app.ui.calls.camera import QtCamera, image_to_rgb, rgb_to_image
from desktop_app.ui.calls.screen import SCREEN_MAX_WIDTH, QtScreen


def test_screen_grabs_into_the_buffer_scaled_and_stops(qtbot: QtBot) -> None:
    screen = QtScreen()
    assert screen.available()
    screen.start()
    qtbot.waitUntil(lambda: screen.buffer.count >= 2, timeout=5_000)  # the timer grabs again
    frame = screen.buffer.latest()
    assert frame is not None and 2 <= frame.width <= SCREEN_MAX_WIDTH
    assert len(frame.data) == frame.width * frame.height * 3
    screen.stop()
    assert screen.buffer.latest() is None


def test_camera_availability_follows_qt_and_stop_clears(qtbot: QtBot) -> None:
    camera = QtCamera()
    assert camera.available() == bool(QMediaDevices.videoInputs())  # none on CI
    camera.start()  # without a camera: nothing happens, no error
    camera.stop()
    assert camera.buffer.latest() is None


def test_image_round_trip_keeps_colour_even_size_and_width_limit() -> None:
    image = QImage(1921, 1081, QImage.Format.Format_ARGB32)
    image.fill(QColor(200, 40, 10))
    frame = image_to_rgb(image, 640)
    assert frame.width == 640 and frame.height % 2 == 0 and frame.height in (358, 360)
    assert frame.data[:3] == bytes((200, 40, 10))
    back = rgb_to_image(frame)
    assert (back.width(), back.height()) == (frame.width, frame.height)
    assert back.pixelColor(5, 5) == QColor(200, 40, 10)
