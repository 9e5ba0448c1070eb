"""Video in the call window (pytest-qt, real relay on 127.0.0.1, real aiortc on loopback).

Cameras are fakes (tests/ui/call_fakes.py: a solid colour while on), so "the other side
sees me" is the mean colour of the picture its window paints.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.call_fakes import dominant_hz, mean_colour
from tests.ui.test_calls import LOOPBACK, SCREEN_GREEN, WAIT, Phone, phone

__all__ = ["phone"]  # the fixture

RED, BLUE = (220, 30, 30), (30, 30, 220)


def _looks(view: Any, like: tuple[int, int, int]) -> bool:
    if not view.isVisible() or view.image.isNull():
        return False
    return all(abs(c - w) < 40 for c, w in zip(mean_colour(view.image), like, strict=True))


def _connect(qtbot: QtBot, anna: Phone, jonas: Phone) -> None:
    anna.calls.place("mueller.jonas", "Jonas Müller")
    qtbot.waitUntil(lambda: jonas.calls.window.face == "incoming", timeout=WAIT)
    qtbot.mouseClick(jonas.calls.window.accept_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: anna.calls.window.face == "active", timeout=WAIT)
    qtbot.waitUntil(lambda: jonas.calls.window.face == "active", timeout=WAIT)


def test_camera_on_shows_the_picture_on_the_other_side_and_off_turns_it_black(
    qtbot: QtBot, phone: Any
) -> None:
    anna = phone("weber.anna", 440.0, RED)
    jonas = phone("mueller.jonas", 880.0, BLUE)
    _connect(qtbot, anna, jonas)
    a, j = anna.calls.window, jonas.calls.window
    assert a.camera_button.isVisible() and a.camera_button.text() == "Camera on"
    assert j.camera_button.isVisible()
    assert not a.local_view.isVisible()  # the camera starts off
    picker = a.camera_choice  # "System default", then the PC's cameras
    assert picker.isVisible()
    assert [picker.itemText(i) for i in range(picker.count())][1:] == [
        "USB-Kamera",
        "Integrierte Kamera",
    ]
    picker.setCurrentIndex(2)
    picker.activated.emit(2)
    assert anna.camera.chosen == b"built-in"

    qtbot.mouseClick(a.camera_button, Qt.MouseButton.LeftButton)
    assert a.camera_button.text() == "Camera off" and anna.camera.started == 1
    qtbot.waitUntil(lambda: _looks(a.local_view, RED), timeout=WAIT)  # own preview
    qtbot.waitUntil(lambda: _looks(j.remote_view, RED), timeout=WAIT)  # through the call
    assert j.remote_view.width() > a.local_view.width()  # the peer large, oneself small

    qtbot.mouseClick(j.camera_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _looks(a.remote_view, BLUE), timeout=WAIT)

    qtbot.mouseClick(a.camera_button, Qt.MouseButton.LeftButton)  # off: black
    assert not a.local_view.isVisible()
    qtbot.waitUntil(lambda: _looks(j.remote_view, (0, 0, 0)), timeout=WAIT)

    qtbot.waitUntil(lambda: jonas.devices.speaker.seconds() > 1.5, timeout=WAIT)
    assert abs(dominant_hz(jonas.devices.speaker.samples()[24_000:]) - 440.0) < 5  # sound too
    a.hang_up_button.click()
    qtbot.waitUntil(lambda: j.face == "ended", timeout=WAIT)
    assert not j.remote_view.isVisible() and not a.remote_view.isVisible()


def test_no_camera_button_without_a_camera_or_when_policy_forbids_video(
    qtbot: QtBot, phone: Any
) -> None:
    anna = phone("weber.anna", 440.0, RED)
    jonas = phone("mueller.jonas", 880.0, BLUE, replace(LOOPBACK, video_allowed=False))
    lena = phone("schmidt.lena", 660.0)  # a PC without a camera
    _connect(qtbot, anna, jonas)
    assert anna.calls.window.camera_button.isVisible()
    assert not jonas.calls.window.camera_button.isVisible()  # policy: audio-only here
    qtbot.mouseClick(anna.calls.window.camera_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _looks(anna.calls.window.local_view, RED), timeout=WAIT)
    qtbot.waitUntil(lambda: jonas.devices.speaker.seconds() > 1.5, timeout=WAIT)
    assert not jonas.calls.window.remote_view.isVisible()  # Jonas's PC answered audio-only
    assert jonas.camera.started == 0
    anna.calls.hang_up()
    qtbot.waitUntil(lambda: jonas.calls.window.face == "ended", timeout=WAIT)
    qtbot.waitUntil(lambda: anna.calls.window.face == "ended", timeout=WAIT)

    lena.calls.place("weber.anna", "Anna Weber")
    qtbot.waitUntil(lambda: anna.calls.window.face == "incoming", timeout=WAIT)
    anna.calls.accept()
    qtbot.waitUntil(lambda: lena.calls.window.face == "active", timeout=WAIT)
    assert not lena.calls.window.camera_button.isVisible()  # no camera on Lena's PC
    assert not lena.calls.window.camera_choice.isVisible()
    lena.calls.hang_up()
    qtbot.waitUntil(lambda: anna.calls.window.face == "ended", timeout=WAIT)


def test_sharing_the_screen_replaces_the_camera_and_policy_can_forbid_it(
    qtbot: QtBot, phone: Any
) -> None:
    anna = phone("weber.anna", 440.0, RED)
    jonas = phone("mueller.jonas", 880.0, BLUE, replace(LOOPBACK, screen_share_allowed=False))
    _connect(qtbot, anna, jonas)
    a, j = anna.calls.window, jonas.calls.window
    assert a.share_button.isVisible() and a.share_button.text() == "Share screen"
    assert not j.share_button.isVisible() and j.camera_button.isVisible()  # policy
    assert not j.share_choice.isVisible()
    # What to share: the whole screen or one window (a PACS viewer), picked before or
    # while sharing; the list is made afresh when it opens.
    assert a.share_choice.isVisible()
    assert [a.share_choice.itemText(i) for i in range(a.share_choice.count())] == [
        "Whole screen",
        "PACS Viewer",
        "Monitor 3B",
    ]
    a.share_choice.setCurrentIndex(1)
    a.share_choice.activated.emit(1)
    assert anna.screen.chosen == b"PACS Viewer"
    a.share_choice.setCurrentIndex(0)
    a.share_choice.activated.emit(0)
    assert anna.screen.chosen == b""

    qtbot.mouseClick(a.camera_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _looks(j.remote_view, RED), timeout=WAIT)
    qtbot.mouseClick(a.share_button, Qt.MouseButton.LeftButton)  # the screen instead
    assert a.share_button.text() == "Stop sharing" and not a.camera_button.isChecked()
    qtbot.waitUntil(lambda: _looks(j.remote_view, SCREEN_GREEN), timeout=WAIT)
    qtbot.waitUntil(lambda: _looks(a.local_view, SCREEN_GREEN), timeout=WAIT)  # what goes out
    assert anna.camera.buffer.latest() is None  # the camera stopped

    qtbot.mouseClick(a.camera_button, Qt.MouseButton.LeftButton)  # and back
    assert not a.share_button.isChecked()
    qtbot.waitUntil(lambda: _looks(j.remote_view, RED), timeout=WAIT)
    qtbot.mouseClick(a.camera_button, Qt.MouseButton.LeftButton)  # nothing: black
    qtbot.waitUntil(lambda: _looks(j.remote_view, (0, 0, 0)), timeout=WAIT)
    a.hang_up_button.click()
    qtbot.waitUntil(lambda: j.face == "ended", timeout=WAIT)
