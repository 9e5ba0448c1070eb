"""QMediaPlayer's slots called from the event loop, not straight from Python.

A call from Python holds the GIL for as long as it runs. The FFmpeg backend tears its
players down on threads of its own, and a torn-down part tells the QAudioOutput (created
in Python, so a PySide wrapper) that it disconnected while holding Qt's signal lock;
PySide then needs the GIL. A stop or source change from Python at that moment wants the
same lock while holding the GIL: both wait for ever (seen in CI: the chat froze when a
voice message was stopped). Queued, the slot runs from Qt's event loop, which has let
go of the GIL, so the backend's thread can take it and finish.

The one call that cannot be queued (``setSourceDevice``: a QIODevice* is no queueable
argument) is made on a fresh player only, before any of its threads exist.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Q_ARG, QMetaObject, Qt, QUrl
from PySide6.QtMultimedia import QMediaPlayer


def _queued(player: QMediaPlayer, slot: str, *args: Any) -> None:
    # Any: the stubs type Q_ARG's result apart from what invokeMethod takes.
    if not QMetaObject.invokeMethod(player, slot, Qt.ConnectionType.QueuedConnection, *args):
        raise RuntimeError(f"QMediaPlayer.{slot} could not be queued")


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
