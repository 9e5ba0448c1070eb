"""The urgent alarm of a locked ward PC: a distinct pattern that repeats until stopped.

The sound is resources/sounds/urgent.wav (three short rising beeps, ui/sounds.py), with
the system bell as a burst (``BURST_BEEPS`` beeps ``BURST_GAP_MS`` apart) where it cannot
be played; either comes every ``REPEAT_MS``, unlike the single sound of an ordinary
notification, and keeps going until someone unlocks (or switches user). The player is
injectable: tests count the plays instead of listening; the call ring uses the same
class with its own sound.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from desktop_app.ui.sounds import URGENT, SoundPlayer

REPEAT_MS = 4_000  # one burst every 4 s: hard to miss, not a constant drone
BURST_BEEPS = 3
BURST_GAP_MS = 180

Player = Callable[[], None]


def beep_burst() -> None:
    """Three system beeps in quick succession (the first at once)."""
    QApplication.beep()
    for n in range(1, BURST_BEEPS):
        QTimer.singleShot(n * BURST_GAP_MS, QApplication.beep)


class UrgentAlarm(QObject):
    """Plays ``player`` now and every ``repeat_ms`` while active."""

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        player: Player | None = None,
        repeat_ms: int = REPEAT_MS,
    ) -> None:
        super().__init__(parent)
        self.player: Player = (
            player if player is not None else SoundPlayer(URGENT, beep_burst, self)
        )
        self.plays = 0  # bursts played since the last start (what tests look at)
        self._timer = QTimer(self)
        self._timer.setInterval(repeat_ms)
        self._timer.timeout.connect(self._play)

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def set_repeat_ms(self, ms: int) -> None:
        self._timer.setInterval(ms)

    def start(self) -> None:
        """Idempotent: a second urgent message does not restart or double the sound."""
        if self.active:
            return
        self.plays = 0
        self._play()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _play(self) -> None:
        self.plays += 1
        self.player()
