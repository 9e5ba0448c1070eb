"""The real picture sources of a call on a PC without a camera (offscreen Qt)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QImage
from PySide6.QtMultimedia import QMediaDevices, QVideoFrame
from pytestqt.qtbot import QtBot

from desktop_app.ui.calls.camera import QtCamera, image_to_rgb, rgb_to_image
from desktop_app.ui.calls.screen import SCREEN_MAX_WIDTH, WHOLE_SCREEN, QtScreen


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


class _Window:
    """A QCapturableWindow as the platform lists it (Xvfb and offscreen list none)."""

    def __init__(self, name: str, valid: bool = True) -> None:
        self.name, self.valid = name, valid

    def description(self) -> str:
        return self.name

    def isValid(self) -> bool:  # noqa: N802 (Qt's name)
        return self.valid


def test_screen_offers_the_whole_screen_and_each_window_once(qtbot: QtBot) -> None:
    windows = [_Window("PACS Viewer"), _Window("Monitor 3B"), _Window("PACS Viewer")]
    windows.append(_Window("gone", valid=False))
    screen = QtScreen(windows=lambda: windows)  # type: ignore[arg-type,return-value]
    assert screen.targets() == [
        (WHOLE_SCREEN, ""),
        (b"PACS Viewer", "PACS Viewer"),
        (b"Monitor 3B", "Monitor 3B"),
    ]


def test_a_shared_window_that_closed_shares_nothing_not_the_screen(qtbot: QtBot) -> None:
    windows: list[_Window] = []
    screen = QtScreen(windows=lambda: windows)  # type: ignore[arg-type,return-value]
    screen.choose(b"PACS Viewer")
    screen.start()
    assert not screen.sharing() and screen.buffer.latest() is None
    screen.choose(WHOLE_SCREEN)  # back to the screen: grabs at once
    screen.start()
    assert screen.sharing() and screen.buffer.latest() is not None
    screen.stop()


def test_a_window_capture_frame_goes_into_the_buffer_at_most_screen_fps(qtbot: QtBot) -> None:
    screen = QtScreen(windows=lambda: [])
    image = QImage(1600, 900, QImage.Format.Format_RGB32)
    image.fill(QColor(30, 200, 30))
    screen.frame(QVideoFrame(image))
    frame = screen.buffer.latest()
    assert frame is not None and frame.width == SCREEN_MAX_WIDTH
    assert frame.data[:3] == bytes((30, 200, 30))
    screen.frame(QVideoFrame(image))  # right after: dropped (SCREEN_FPS)
    assert screen.buffer.count == 1
