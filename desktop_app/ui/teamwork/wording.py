"""Words shared by the teamwork views: task states and times, translated."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale

from desktop_app.domain import time_bounds
from desktop_app.domain.calendar import Occurrence
from desktop_app.domain.tasks import TaskState
from desktop_app.ui import dates


def state_text(state: TaskState) -> str:
    texts = {
        TaskState.OPEN: QCoreApplication.translate("Teamwork", "Open"),
        TaskState.IN_PROGRESS: QCoreApplication.translate("Teamwork", "In progress"),
        TaskState.DONE: QCoreApplication.translate("Teamwork", "Done"),
        TaskState.CANCELLED: QCoreApplication.translate("Teamwork", "Cancelled"),
    }
    return texts[state]


def urgent_text() -> str:
    return QCoreApplication.translate("Teamwork", "Urgent")


def when(due_ms: int | None) -> str:
    """A local time in the UI language's short form (06.12.26 14:30 in German), as the
    chat and the files tab show times; '' for none, and for one outside the years 2000
    to 9000 (kept before receivers refused them), which would read as nonsense."""
    if due_ms is None or not time_bounds.within_ms(due_ms):
        return ""
    moment = QDateTime.fromMSecsSinceEpoch(due_ms)
    return QLocale().toString(moment, QLocale.FormatType.ShortFormat)


def date_text(day: date) -> str:
    """A date as the editors write it: 07.12.2026 in German, 07/12/2026 in English."""
    return dates.short_date(day, full_year=True)


def day_month(day: date) -> str:
    """A date without its year, in the same form (07.12. in German, 07/12 in English):
    the calendar's day headings, where the year is in the range above them."""
    return dates.day_month(day)


def editor_format(*, with_time: bool = True) -> str:
    """The display format of a date (and time) editor in the UI language: the short
    form the lists show, with the year in four digits (07.12.2026 09:30 in German,
    07/12/2026 09:30 in English), not ISO's 2026-12-07 09:30 that nobody on a ward
    writes."""
    day = dates.date_format(full_year=True)
    if not with_time:
        return day
    return f"{day} {QLocale().timeFormat(QLocale.FormatType.ShortFormat)}"


def weekday(day: date) -> str:
    names = (
        QCoreApplication.translate("Teamwork", "Mon"),
        QCoreApplication.translate("Teamwork", "Tue"),
        QCoreApplication.translate("Teamwork", "Wed"),
        QCoreApplication.translate("Teamwork", "Thu"),
        QCoreApplication.translate("Teamwork", "Fri"),
        QCoreApplication.translate("Teamwork", "Sat"),
        QCoreApplication.translate("Teamwork", "Sun"),
    )
    return names[day.weekday()]


CUT_MARK = "⚠ "
"""Before an entry whose repetition is cut (``Occurrence.repetition_cut``)."""


def occurrence_text(occ: Occurrence, day: date) -> str:
    """How an entry reads on ``day``: "07:30 24-h-Dienst"; on the days after its start
    (a night shift after midnight) "until 07:30 24-h-Dienst", since its start time
    there looked like a second shift starting that morning. "⚠ " before an entry whose
    repetition is cut (``cut_repetition_text`` says why)."""
    mark = CUT_MARK if occ.repetition_cut else ""
    if occ.all_day:
        return mark + occ.title
    if occ.start.astimezone().date() < day:
        until = QCoreApplication.translate("Teamwork", "until %1")
        return f"{mark}{until.replace('%1', dates.clock(occ.end))} {occ.title}"
    return f"{mark}{dates.clock(occ.start)} {occ.title}"


def cut_repetition_text() -> str:
    """Why an entry is marked: its repetition was saved before the limits of today's
    WardLink (domain/recurrence.py) and is shown only in part."""
    return QCoreApplication.translate(
        "Teamwork",
        "This event repeats more often than WardLink shows (over 5,000 times, or more than "
        "24 times a day); only part of it is shown. Edit it to set a repetition within "
        "these limits.",
    )
