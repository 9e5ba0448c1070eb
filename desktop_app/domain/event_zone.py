"""An event's time zone by name, so a weekly shift keeps its wall-clock time.

Times travel and are stored as ISO 8601 with a UTC offset. An offset alone cannot
repeat: a Saturday night shift 21:00+01:00 made in winter, expanded by its RRULE, fell
at 22:00 after the clocks went forward in March (and one hour early in November). So an
event also carries its zone's IANA name (``zone``, "Europe/Berlin"); its times are read
back in that zone (``in_zone``), dateutil then expands the rule in wall-clock time, and
a 21:00-07:00 night lasts 9 h on the last Saturday of March and 11 h in October.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

if TYPE_CHECKING:
    from desktop_app.domain.calendar import CalendarEvent

ZONE_MAX: Final = 64
_NAME: Final = re.compile(r"[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+){0,3}")


class ZoneError(ValueError):
    """A zone name no tz database holds (or none a peer should send)."""


def zone_of(name: str) -> ZoneInfo:
    """The zone called ``name``; ZoneError if it is malformed or unknown here."""
    if len(name) > ZONE_MAX or not _NAME.fullmatch(name):
        raise ZoneError("an event's time zone is an IANA name like Europe/Berlin")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ZoneError(f"the time zone {name!r} is not known on this PC") from None


def zone_name(zone: tzinfo | None) -> str | None:
    """The IANA name of ``zone`` if it has one (a fixed offset has none)."""
    key = getattr(zone, "key", None) if isinstance(zone, ZoneInfo) else None
    return key if isinstance(key, str) and key else None


def in_zone(event: CalendarEvent) -> CalendarEvent:
    """``event`` with its start and end read in its named zone (unchanged without one)."""
    if event.zone is None:
        return event
    zone = zone_of(event.zone)
    return replace(event, start=event.start.astimezone(zone), end=event.end.astimezone(zone))


def zoned(event: CalendarEvent, local: tzinfo | None) -> CalendarEvent:
    """``event`` given the zone it was meant in: its own name, its start's zone, or this
    PC's zone ``local`` when its times carry the PC's offsets (entered as local time).
    A time typed with another offset (``--start ...+05:00``) keeps that fixed offset."""
    if event.zone is not None:
        return in_zone(event)
    name = zone_name(event.start.tzinfo)
    if name is None and local is not None and _offset_in(event.start, local):
        name = zone_name(local)
    return in_zone(replace(event, zone=name)) if name else event


def _offset_in(moment: datetime, zone: tzinfo) -> bool:
    return moment.utcoffset() == moment.astimezone(zone).utcoffset()
