"""Notices when nobody has touched the PC for the policy's idle time.

An application-wide event filter resets a single-shot timer on every key press, mouse
press, wheel or touch; when the timer runs out, ``idle`` fires once. Mouse *moves*
alone do not count: a cursor drifting on a shared PC must not keep a session open.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

_ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}


class IdleWatch(QObject):
    idle = Signal()

    def __init__(self, app: QApplication, idle_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(max(idle_ms, 1000))
        self._timer.timeout.connect(self.idle)
        self._app = app
        app.installEventFilter(self)

    @property
    def interval_ms(self) -> int:
        return self._timer.interval()

    def set_interval(self, idle_ms: int) -> None:
        """Policy changed (or a test wants a short wait); restarts the countdown if running."""
        self._timer.setInterval(max(idle_ms, 1000))
        if self._timer.isActive():
            self._timer.start()

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() in _ACTIVITY and self._timer.isActive():
            self._timer.start()  # restart the countdown
        return False

    def detach(self) -> None:
        self._timer.stop()
        self._app.removeEventFilter(self)
