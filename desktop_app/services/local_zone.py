"""This PC's time zone by its IANA name, so what staff enter keeps its wall-clock time.

``datetime.astimezone()`` gives only today's fixed offset (+01:00 in winter): a weekly
shift entered with it repeated one hour off after the clock change. The name comes from
``TZ`` (tests and some wards set it), else from where /etc/localtime points, else
/etc/timezone. Windows keeps its own zone names: there, and wherever no name is found,
the fixed offset is what we have (docs/teamwork.md "Not done yet").
"""

from __future__ import annotations

import os
from datetime import datetime, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

from desktop_app.domain.event_zone import ZoneError, zone_of

LOCALTIME = Path("/etc/localtime")
TIMEZONE_FILE = Path("/etc/timezone")
MARKER = "zoneinfo/"


def local_zone() -> tzinfo:
    """This PC's zone with its daylight saving rules, or today's offset if unnamed."""
    named = local_zone_info()
    if named is not None:
        return named
    fixed = datetime.now().astimezone().tzinfo
    assert fixed is not None
    return fixed


def local_zone_info() -> ZoneInfo | None:
    for name in _candidates():
        try:
            return zone_of(name)
        except ZoneError:
            continue
    return None


def _candidates() -> list[str]:
    names = [os.environ.get("TZ", "").removeprefix(":")]
    if "TZ" not in os.environ:
        try:
            target = str(LOCALTIME.resolve())
            if MARKER in target:
                names.append(target.rsplit(MARKER, 1)[1])
            names.append(TIMEZONE_FILE.read_text(encoding="utf-8").strip())
        except OSError:
            pass
    return [n for n in names if n]
