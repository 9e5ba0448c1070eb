"""Which reminders this PC has shown, and up to when it looked: kept in the container.

A task falling due (or an event's reminder) while the PC was locked or the app closed
must not be lost: at the next unlock the window since the last look is checked again.
And a reminder shown once is not shown again, across locks and restarts. Both live in
the encrypted container's settings (two keys), pruned so they stay small.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import timedelta
from typing import Final

from desktop_app.storage.repositories import SettingsRepository

CHECKED_KEY: Final = "reminders.checked_until_ms"
SHOWN_KEY: Final = "reminders.shown"
MISSED_LOOKBACK: Final = timedelta(days=7)
"""After a longer absence only the last week is caught up (a holiday is not a flood)."""
SHOWN_KEEP_MS: Final = int((MISSED_LOOKBACK + timedelta(days=1)).total_seconds() * 1000)
"""Shown keys older than this (by their due time) can no longer come back: dropped."""


class ReminderLog:
    def __init__(self, settings: SettingsRepository) -> None:
        self._settings = settings

    def checked_until(self) -> int | None:
        """Up to when (ms) reminders were looked for on this PC; None: never."""
        value = self._settings.get(CHECKED_KEY)
        return int(value) if value is not None and value.isdigit() else None

    def shown(self) -> dict[str, int]:
        """The keys of reminders already shown, with their due time (ms)."""
        try:
            found = json.loads(self._settings.get(SHOWN_KEY) or "{}")
        except ValueError:
            return {}
        if not isinstance(found, dict):
            return {}
        return {str(k): int(v) for k, v in found.items() if isinstance(v, int)}

    def record(self, shown: Mapping[str, int], until_ms: int) -> None:
        """Remember ``shown`` (key -> due ms) and that everything up to ``until_ms`` was
        looked at (never moves back: a clock set back does not replay reminders)."""
        before = self.shown()
        keep = {k: v for k, v in before.items() if v >= until_ms - SHOWN_KEEP_MS}
        keep.update(shown)
        if keep != before:
            self._settings.set(SHOWN_KEY, json.dumps(keep, separators=(",", ":")))
        checked = self.checked_until()
        if checked is None or until_ms > checked:
            self._settings.set(CHECKED_KEY, str(until_ms))
