"""The two sounds a ward PC makes: the urgent alarm and the call ring (resources/sounds).

Played with QSoundEffect (QtMultimedia, shipped with the app) so they sound the same on
every PC and do not depend on the desktop's bell, which many Linux desktops keep silent.
Where QtMultimedia or the sound device is missing, the system beep pattern stands in,
so an urgent message still makes noise. tools/make_sounds.py writes the files.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QUrl

from desktop_app.resource_files import resources_dir

URGENT = "urgent.wav"
RING = "ring.wav"

Player = Callable[[], None]


def sound_file(name: str) -> Path:
    return resources_dir() / "sounds" / name


class SoundPlayer(QObject):
    """Plays one sound file; ``fallback`` when the file cannot be played here."""

    def __init__(self, name: str, fallback: Player, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.fallback = fallback
        self.effect: object | None = None
        try:
            from PySide6.QtMultimedia import QSoundEffect
        except ImportError:
            return
        path = sound_file(name)
        if not path.is_file():
            return
        effect = QSoundEffect(self)
        effect.setSource(QUrl.fromLocalFile(str(path)))
        effect.setVolume(1.0)
        self.effect = effect

    def __call__(self) -> None:
        from PySide6.QtMultimedia import QSoundEffect

        from desktop_app.ui import media_calls  # imports QtMultimedia, which may be missing

        effect = self.effect
        if isinstance(effect, QSoundEffect) and effect.status() != QSoundEffect.Status.Error:
            media_calls.play_effect(effect)  # from the event loop: ui/media_calls.py
        else:
            self.fallback()
