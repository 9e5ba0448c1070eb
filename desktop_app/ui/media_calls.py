"""QtMultimedia's slots called from the event loop, not straight from Python.

A call from Python holds the GIL for as long as it runs. The FFmpeg backend tears its
players down on threads of its own, and a torn-down part tells the QAudioOutput (created
in Python, so a PySide wrapper) that it disconnected while holding Qt's signal lock;
PySide then needs the GIL. A stop or source change from Python at that moment wants the
same lock while holding the GIL: both wait for ever (seen in CI: the chat froze when a
voice message was stopped). Queued, the slot runs from Qt's event loop, which has let
go of the GIL, so the backend's thread can take it and finish.

The one call that cannot be queued (``setSourceDevice``: a QIODevice* is no queueable
argument) is made on a fresh player only, before any of its threads exist.

The capture side (QCamera, QScreenCapture/QWindowCapture with their QMediaCaptureSession
and QVideoSink, all created in Python) has backend threads of its own that deliver
frames and tear down the same way, and QSoundEffect plays on the audio backend's thread:
their start, stop and play go the same way. QAudioSource and QAudioSink have no slots
to queue (a Python callable queued instead would hold the GIL again while it calls
``stop()``): they are retired with ``deleteLater``, whose destructor stops the device
from the event loop. The race cannot be provoked on purpose; the tests check that these
calls wait for the event loop.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Q_ARG, QMetaObject, QObject, Qt, QUrl
from PySide6.QtMultimedia import (
    QAudioSink,
    QAudioSource,
    QCamera,
    QMediaPlayer,
    QScreenCapture,
    QSoundEffect,
    QWindowCapture,
)

Capture = QCamera | QScreenCapture | QWindowCapture


def _queued(target: QObject, slot: str, *args: Any) -> None:
    # Any: the stubs type Q_ARG's result apart from what invokeMethod takes.
    if not QMetaObject.invokeMethod(target, slot, Qt.ConnectionType.QueuedConnection, *args):
        raise RuntimeError(f"{type(target).__name__}.{slot} could not be queued")


def play(player: QMediaPlayer) -> None:
    _queued(player, "play")


def pause(player: QMediaPlayer) -> None:
    _queued(player, "pause")


def set_rate(player: QMediaPlayer, rate: float) -> None:
    _queued(player, "setPlaybackRate", Q_ARG(float, rate))


def set_position(player: QMediaPlayer, position_ms: int) -> None:
    _queued(player, "setPosition", Q_ARG("qlonglong", position_ms))


def stop(player: QMediaPlayer) -> None:
    _queued(player, "stop")


def stop_and_drop(player: QMediaPlayer) -> None:
    """Stop and let go of the source (a device deleted with ``deleteLater`` after this
    call goes after the player let go of it: posted events keep their order)."""
    _queued(player, "stop")
    _queued(player, "setSource", Q_ARG(QUrl, QUrl()))


def retire(player: QMediaPlayer) -> None:
    """Stop, drop the source and delete the player with its children (its audio output,
    the buffer it read), each from the event loop, in this order."""
    stop_and_drop(player)
    player.deleteLater()


def start_capture(source: Capture) -> None:
    _queued(source, "start")


def retire_capture(source: Capture, *parts: QObject) -> None:
    """Stop ``source`` and delete it and ``parts`` (its session and video sink), each
    from the event loop, in this order."""
    _queued(source, "stop")
    for obj in (source, *parts):
        obj.deleteLater()


def play_effect(effect: QSoundEffect) -> None:
    _queued(effect, "play")


def retire_audio(device: QAudioSource | QAudioSink) -> None:
    """Stop and delete a microphone or speaker stream from the event loop (its
    destructor stops it; ``stop`` itself is no slot that could be queued)."""
    device.deleteLater()
