"""Readable DICOM values: person names, dates, times and date-times as staff read them.

The header stores `Demo^Patient` and `19580314`; a ward PC shows "Demo, Patient" and
14.03.1958 (German) or 1958-03-14 (English, ISO so it cannot be misread as US order).
Pure functions given the language, so the viewer, the CLI and tests agree. A value that
does not parse is returned unchanged: a malformed header is shown as stored, never hidden
and never a crash.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from desktop_app.domain.plain_text import plain_title

GERMAN = "de"
VALUE_SEPARATOR = "\\"  # DICOM multi-value separator
MULTI_VALUE_JOIN = "; "


def one_line(raw: str) -> str:
    """A header text (a series description, 64 characters of LO) as the ONE line it is
    shown as: line breaks, other controls (U+2028 too) and direction controls become
    spaces, runs of them one. The file is its sender's; "CT Thorax\n250 Bilder" would
    otherwise show a second line the viewer did not write (a false image count)."""
    return plain_title(raw)


_TIME = re.compile(r"(\d{2})(?::?(\d{2})(?::?(\d{2})(?:\.\d{1,6})?)?)?")
_DATETIME = re.compile(
    r"(\d{4}(?:\d{2}(?:\d{2})?)?)(\d{2}(?:\d{2}(?:\d{2}(?:\.\d{1,6})?)?)?)?([+-]\d{4})?"
)


def person_name(raw: str) -> str:
    """PN `Family^Given^Middle^Prefix^Suffix` -> "Family, Prefix Given Middle Suffix".

    Empty components are skipped; the ideographic and phonetic groups after '=' are
    ignored (the alphabetic group is what every ward PC can render), unless the
    alphabetic group is empty: then the first group that has a name is shown rather
    than hiding who the image belongs to.
    """
    for group in raw.split("="):
        shown = _name_group(group)
        if shown:
            return shown
    return ""


def _name_group(group: str) -> str:
    parts = [p.strip() for p in group.split("^")]
    parts += [""] * (5 - len(parts))
    family, given, middle, prefix, suffix = parts[:5]
    rest = " ".join(p for p in (prefix, given, middle, suffix) if p)
    if family and rest:
        return f"{family}, {rest}"
    return family or rest


def _date(year: int, month: int, day: int, language: str) -> str:
    dt.date(year, month, day)  # ValueError for 20260231 and friends
    if language == GERMAN:
        return f"{day:02d}.{month:02d}.{year:04d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def date(raw: str, language: str) -> str:
    """DA `YYYYMMDD` (also the old `YYYY.MM.DD`) -> 14.03.1958 (de) / 1958-03-14 (en)."""
    value = raw.strip()
    digits = value.replace(".", "") if len(value) == 10 else value
    if len(digits) != 8 or not digits.isdigit():
        return raw
    try:
        return _date(int(digits[:4]), int(digits[4:6]), int(digits[6:]), language)
    except ValueError:
        return raw


def _clock(hh: str, mm: str | None, ss: str | None) -> str:
    hour, minute, second = int(hh), int(mm or 0), int(ss or 0)
    if hour > 23 or minute > 59 or second > 60:  # 60: a leap second is allowed
        raise ValueError
    return f"{hour:02d}:{minute:02d}" + (f":{second:02d}" if ss else "")


def time(raw: str) -> str:
    """TM `HHMMSS.frac` -> 14:03:12 (`HHMM` -> 14:03, `HH` -> 14:00); fractions dropped."""
    match = _TIME.fullmatch(raw.strip())
    if match is None:
        return raw
    try:
        return _clock(*match.groups())
    except ValueError:
        return raw


def date_time(raw: str, language: str) -> str:
    """DT `YYYYMMDDHHMMSS.frac&ZZXX`, partial from the right, -> "14.03.1958 14:03:12 +0100"."""
    match = _DATETIME.fullmatch(raw.strip())
    if match is None:
        return raw
    day, clock, offset = match.groups()
    try:
        if len(day) == 8:
            shown = _date(int(day[:4]), int(day[4:6]), int(day[6:]), language)
        elif clock is not None:
            return raw  # a time needs the whole date before it
        elif len(day) == 6:
            month = int(day[4:])
            if not 1 <= month <= 12:
                return raw
            shown = f"{day[4:]}.{day[:4]}" if language == GERMAN else f"{day[:4]}-{day[4:]}"
        else:
            shown = day
        if clock is not None:
            shown += " " + _clock(clock[:2], clock[2:4] or None, clock[4:6] or None)
    except ValueError:
        return raw
    return f"{shown} {offset}" if offset else shown


def value(vr: str, raw: str, language: str) -> str:
    """One element's value for display by its VR; every value of a multi-value is formatted."""
    formats: dict[str, Callable[[str], str]] = {
        "PN": person_name,
        "DA": lambda v: date(v, language),
        "TM": time,
        "DT": lambda v: date_time(v, language),
    }
    formatter = formats.get(vr)
    if formatter is None:
        return raw
    return MULTI_VALUE_JOIN.join(formatter(v) for v in raw.split(VALUE_SEPARATOR))
