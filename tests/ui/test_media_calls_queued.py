"""Starting, stopping and retiring QtMultimedia objects waits for the event loop
(ui/media_calls.py): nothing has happened when the call returns, it has once Qt's loop
ran. The deadlock this avoids (a backend thread tearing down, needing the GIL, while
Python waits in a direct call for a lock that thread holds) cannot be provoked on
purpose; what can be checked is that the calls are queued, not made from Python."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtMultimedia import QAudioSource, QScreenCapture, QVideoSink
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app.ui import media_calls
from desktop_app.ui.calls.devices import call_format


def _alive(*objs: QObject) -> bool:
    """Whether Qt has not deleted these yet (a QVideoSink's ``destroyed`` never reaches
    Python, so the wrapper is asked)."""
    return all(shiboken6.isValid(obj) for obj in objs)


def test_a_capture_starts_and_retires_from_the_event_loop(qtbot: QtBot, qapp: QApplication) -> None:
    capture = QScreenCapture()
    capture.setScreen(qapp.primaryScreen())
    sink = QVideoSink()
    media_calls.start_capture(capture)
    assert not capture.isActive()  # not yet: queued
    qtbot.waitUntil(capture.isActive)
    media_calls.retire_capture(capture, sink)
    assert _alive(capture, sink) and capture.isActive()  # not yet: queued
    qtbot.waitUntil(lambda: not _alive(capture) and not _alive(sink))


def test_a_microphone_stream_is_stopped_by_the_event_loop(qtbot: QtBot) -> None:
    source = QAudioSource(call_format())
    media_calls.retire_audio(source)
    assert _alive(source)  # its destructor, which stops it, has not run from Python
    qtbot.waitUntil(lambda: not _alive(source))
