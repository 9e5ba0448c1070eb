"""When a shift ends or begins, in the words of the duty strip and a functional
account's directory card (apart from both packages, which import each other's views)."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication

from desktop_app.ui import dates


def shift_time(moment: datetime, now: datetime | None = None) -> str:
    """When a shift ends or begins, as a ward reads it (local time): 07:30 today,
    "tomorrow 07:30", else 07.12. 07:30. A night shift's end shown as a bare 07:30 in
    the afternoon would read as if it were over."""
    local = moment.astimezone()
    today = (now or datetime.now()).astimezone().date()
    clock = dates.clock(local)
    if local.date() == today:
        return clock
    if local.date() == today + timedelta(days=1):
        return QCoreApplication.translate("Teamwork", "tomorrow %1").replace("%1", clock)
    return f"{dates.day_month(local.date())} {clock}"
