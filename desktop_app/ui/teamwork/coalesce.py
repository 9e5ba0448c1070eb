"""One reload for a burst of changes: an .ics import announces every event it changed,
and each open window would otherwise query the container hundreds of times."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

RELOAD_DELAY_MS = 150


def coalesced(
    parent: QObject, reload: Callable[[], None], wanted: Callable[[], bool]
) -> Callable[[object], None]:
    """A slot for ``ServiceEvents.teamwork`` that calls ``reload`` once per burst, if
    ``wanted()`` still holds then (a closed window, a locked session: no query)."""
    timer = QTimer(parent, singleShot=True, interval=RELOAD_DELAY_MS)
    timer.timeout.connect(lambda: reload() if wanted() else None)
    return lambda _changed=None: timer.start()
