"""A date-time field holding a time the clock change skips or repeats, said before a
task or event is saved.

Qt's date-time edit lets a nurse type 02:30 on the last Sunday of March: it shows
"28.03.2027 02:30" but holds 01:30 CET, so the task fell due an hour before what the
field showed, without a word. 02:30 on the last Sunday of October exists twice and the
field silently took the first. Both are refused with what to choose instead."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDateTimeEdit

from desktop_app.domain.wall_clock import RepeatedTime, SkippedTime, wall_clock
from desktop_app.services.local_zone import local_zone


def clock_change_refusal(edit: QDateTimeEdit) -> str | None:
    """Why the time ``edit`` shows cannot be taken as typed (None if it can)."""
    shown = edit.text()
    held = edit.dateTime()
    try:
        if edit.locale().toString(held, edit.displayFormat()) != shown:
            raise SkippedTime(shown)  # Qt holds another hour than it shows
        wall_clock(held.toPython().replace(tzinfo=None), local_zone())
    except SkippedTime:
        text = QCoreApplication.translate(
            "Teamwork",
            "%1 does not exist: that night the clocks go forward one hour. "
            "Choose a time before or after the hour they skip.",
        )
    except RepeatedTime:
        text = QCoreApplication.translate(
            "Teamwork",
            "%1 happens twice: that night the clocks go back one hour. "
            "Choose a time before or after the hour they repeat.",
        )
    else:
        return None
    return text.replace("%1", shown)
