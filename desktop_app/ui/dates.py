"""Times and dates as the person reads them: in the UI language's short forms.

One place decides how every date and time on screen looks, so that a chat bubble, a
search result, a task list and the calendar never disagree. The forms are those of the
default QLocale, which ``translations.install`` sets with the language: German
(07.12.26, 14:30) or British English (07/12/2026, 14:30) — 24-hour time in both, as
wards, duty plans and patient records write it. Stored values stay as they are (UTC
timestamps); only their display goes through here.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from PySide6.QtCore import QDate, QLocale, QTime

SHORT = QLocale.FormatType.ShortFormat


def clock(moment: datetime) -> str:
    """The local time of day: 14:02."""
    local = moment.astimezone()
    return QLocale().toString(QTime(local.hour, local.minute), SHORT)


def hour(value: int) -> str:
    """A full hour on its own (the calendar's hour grid): 07:00."""
    return QLocale().toString(QTime(value, 0), SHORT)


def date_format(*, full_year: bool = False) -> str:
    """The short date format, with a four-digit year when asked (07.12.2026)."""
    form = QLocale().dateFormat(SHORT)
    if full_year and "yyyy" not in form:
        form = form.replace("yy", "yyyy")
    return form


def short_date(day: date, *, full_year: bool = False) -> str:
    """07.12.26 (German), 07/12/2026 (English)."""
    return QLocale().toString(_qdate(day), date_format(full_year=full_year))


def day_month(day: date) -> str:
    """A date without its year (07.12. in German, 07/12 in English): where the year is
    plain from around it."""
    without_year = re.sub(r"y+", "", QLocale().dateFormat(SHORT))
    # German keeps the dot that ends its day-month form; others lose the separator
    # that stood next to the year ("dd/MM/yyyy" -> "dd/MM", "yyyy-MM-dd" -> "MM-dd").
    without_year = without_year.strip(" /-,").strip() or "dd.MM."
    return QLocale().toString(_qdate(day), without_year)


def date_and_clock(moment: datetime, *, full_year: bool = False) -> str:
    """A local date with its time: 07.12.26 14:02."""
    local = moment.astimezone()
    return f"{short_date(local.date(), full_year=full_year)} {clock(local)}"


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)
