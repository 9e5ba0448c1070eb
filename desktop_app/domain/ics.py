"""iCalendar (RFC 5545) in and out of a duty calendar, with the icalendar library.

Import takes what rostering systems export: VEVENTs with DTSTART/DTEND or DURATION,
all-day DATE values, floating or TZID times (floating ones get the ward's zone; the
zone's name is kept, Outlook's Windows names mapped, so rules repeat in wall-clock time), RRULE,
EXDATE (in any zone form), SUMMARY, LOCATION, DESCRIPTION, and WardLink's own
``X-WARDLINK-DUTY-ROLE`` / ``X-WARDLINK-DUTY-HOLDER``. An event's id is derived from its
UID, so importing a newer export of the same roster updates the events instead of
doubling them; an occurrence a RECURRENCE-ID moved becomes an event of its own (its id
from UID and the start it replaces) that its series skips. RDATE, alarms and attendees
are not carried (said in docs/teamwork.md). Input is bounded
(``MAX_ICS_BYTES``, ``MAX_EVENTS``); a file icalendar cannot parse, or an event that
breaks the calendar's rules, is a clear ``CalendarError`` naming the event.

Export writes a colleague's words, so each goes out as one escaped TEXT value (the
duty X- properties too, which icalendar would otherwise write raw): controls and the
line separators other readers end a line at become spaces, so no title, place, note or
duty uid adds a line of its own to the file a roster system imports (attack round 18c).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any, Final

import icalendar
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from desktop_app.domain.calendar import CalendarError, CalendarEvent, check
from desktop_app.domain.event_zone import ZoneError, in_zone, zone_name, zone_of
from desktop_app.domain.time_bounds import within

MAX_ICS_BYTES: Final = 5 * 1024 * 1024
MAX_EVENTS: Final = 5_000
PRODID: Final = "-//WardLink//Duty calendar//DE"
DUTY_ROLE: Final = "X-WARDLINK-DUTY-ROLE"
DUTY_HOLDER: Final = "X-WARDLINK-DUTY-HOLDER"
UID_DOMAIN: Final = "@wardlink"
NOT_TEXT: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
"""What RFC 5545 allows in no TEXT value (controls, but tab and the line breaks vText
escapes) and the line separators many readers end a line at: a space in an export."""


def event_id_for(uid: str) -> str:
    """A stable id from an iCalendar UID (WardLink's own UIDs come back unchanged)."""
    if uid.endswith(UID_DOMAIN) and 0 < len(uid) - len(UID_DOMAIN) <= 64:
        return uid[: -len(UID_DOMAIN)]
    return "ics-" + hashlib.sha256(uid.encode("utf-8")).hexdigest()[:32]


def from_ics(data: bytes, zone: tzinfo) -> list[CalendarEvent]:
    """The events of an .ics file; floating times are taken in ``zone``."""
    if len(data) > MAX_ICS_BYTES:
        raise CalendarError(f"the calendar file is larger than {MAX_ICS_BYTES // 2**20} MiB")
    try:
        parsed = icalendar.Calendar.from_ical(data)
    except (ValueError, IndexError, KeyError) as exc:
        raise CalendarError(f"this is not an iCalendar file ({exc})") from None
    out: list[CalendarEvent] = []
    moved: dict[str, list[datetime]] = {}  # a series' id: the starts its overrides moved
    for component in parsed.walk("VEVENT"):
        if len(out) >= MAX_EVENTS:
            raise CalendarError(f"the calendar file has more than {MAX_EVENTS} events")
        summary = str(component.get("SUMMARY", "")).strip()
        try:
            event = _event(component, zone)
            if component.get("RECURRENCE-ID") is not None:
                event = _override(event, component, zone, moved)
            out.append(in_zone(check(event)))
        except (CalendarError, ValueError, TypeError, AttributeError, OverflowError) as exc:
            raise CalendarError(f"event {summary or '(untitled)'!r}: {exc}") from None
    return [_skipping(e, moved.get(e.event_id, [])) for e in out]


def _override(
    event: CalendarEvent, component: Any, zone: tzinfo, moved: dict[str, list[datetime]]
) -> CalendarEvent:
    """One occurrence of a series moved or changed (RECURRENCE-ID, same UID): an event
    of its own, and its series skips the start it replaces. It had the series' id, so
    the last of the two in the file replaced the other: the whole series, or the swap."""
    instant = _aware(component.decoded("RECURRENCE-ID"), zone)
    moved.setdefault(event.event_id, []).append(instant)
    uid = str(component.get("UID", "")).strip()
    return replace(event, event_id=event_id_for(f"{uid}\nRECURRENCE-ID:{instant.timestamp()}"))


def _skipping(event: CalendarEvent, starts: list[datetime]) -> CalendarEvent:
    if not starts or event.rrule is None:
        return event
    return check(replace(event, exdates=event.exdates + tuple(starts)))


def _exdates(component: Any, zone: tzinfo) -> tuple[datetime, ...]:
    """EXDATE values, however many properties and zones (UTC, TZID, floating, DATE)."""
    found = component.get("EXDATE")
    lists = found if isinstance(found, list) else [] if found is None else [found]
    return tuple(_aware(d.dt, zone) for dates in lists for d in dates.dts)


def _event(component: Any, zone: tzinfo) -> CalendarEvent:
    uid = str(component.get("UID", "")).strip()
    if not uid:
        raise CalendarError("the event has no UID")
    if component.get("DTSTART") is None:
        raise CalendarError("the event has no start")
    raw_start = component.decoded("DTSTART")
    all_day = isinstance(raw_start, date) and not isinstance(raw_start, datetime)
    start = _aware(raw_start, zone)
    if not within(start):  # before adding a DURATION to it
        raise CalendarError("the event lies outside the years 2000 to 9000")
    if component.get("DTEND") is not None:
        end = _aware(component.decoded("DTEND"), zone)
    elif component.get("DURATION") is not None:
        end = start + component.decoded("DURATION")
    else:
        end = start + (timedelta(days=1) if all_day else timedelta(hours=1))
    rule = component.get("RRULE")
    return CalendarEvent(
        event_id=event_id_for(uid),
        title=str(component.get("SUMMARY", "")).strip() or "(untitled)",
        start=start,
        end=end,
        all_day=all_day,
        location=str(component.get("LOCATION", "")).strip(),
        notes=str(component.get("DESCRIPTION", "")).strip(),
        rrule=rule.to_ical().decode("ascii") if rule is not None else None,
        duty_role=_text(component.get(DUTY_ROLE)),
        duty_holder=_text(component.get(DUTY_HOLDER)),
        zone=_zone_name(start.tzinfo),
        exdates=_exdates(component, zone),
    )


def _zone_name(zone: tzinfo | None) -> str | None:
    """The IANA name of a TZID: its own, or Outlook's Windows name mapped to it."""
    name = zone_name(zone)
    tzid = getattr(zone, "_tzid", None)  # dateutil's zone from a VTIMEZONE it read
    if name is None and isinstance(tzid, str):
        name = WINDOWS_TO_OLSON.get(tzid, tzid)
        try:
            zone_of(name)
        except ZoneError:
            return None  # a zone of the file's own: its fixed offsets, as before
    return name


def canonical_rrule(text: str) -> str:
    """The rule as icalendar writes it (its parts in icalendar's order)."""
    text = text.removeprefix("RRULE:")
    return str(icalendar.vRecur.from_ical(text).to_ical().decode("ascii"))


def _aware(value: date | datetime, zone: tzinfo) -> datetime:
    if not isinstance(value, datetime):
        return datetime.combine(value, time(0, 0), tzinfo=zone)
    return value if value.tzinfo is not None else value.replace(tzinfo=zone)


def _text(value: object) -> str | None:
    """An X- property's value, unescaped (WardLink writes them as TEXT)."""
    text = _ESCAPED.sub(_unescaped, str(value)).strip() if value is not None else ""
    return text or None


_ESCAPED: Final = re.compile(r"\\([\\;,nN])")


def _unescaped(match: re.Match[str]) -> str:
    return "\n" if match[1] in "nN" else match[1]


def _out(text: str) -> icalendar.vText:
    """A peer's text as one escaped TEXT value: it cannot start a line of its own."""
    return icalendar.vText(NOT_TEXT.sub(" ", text))


def to_ics(events: Iterable[CalendarEvent], name: str, stamp: datetime) -> bytes:
    """An .ics file other calendars (and WardLink) import; ``stamp`` is DTSTAMP."""
    calendar = icalendar.Calendar()
    calendar.add("PRODID", PRODID)
    calendar.add("VERSION", "2.0")
    calendar.add("X-WR-CALNAME", _out(name))
    for event in events:
        if event.deleted:
            continue
        item = icalendar.Event()
        item.add("UID", event.event_id + UID_DOMAIN)
        item.add("DTSTAMP", stamp)
        if event.all_day:
            item.add("DTSTART", event.start.date())
            item.add("DTEND", event.end.date())
        else:
            item.add("DTSTART", event.start)
            item.add("DTEND", event.end)
        item.add("SUMMARY", _out(event.title))
        if event.location:
            item.add("LOCATION", _out(event.location))
        if event.notes:
            item.add("DESCRIPTION", _out(event.notes))
        if event.rrule:
            item.add("RRULE", icalendar.vRecur.from_ical(event.rrule.removeprefix("RRULE:")))
        if event.exdates:
            item.add("EXDATE", [d.date() if event.all_day else d for d in event.exdates])
        if event.duty_role and event.duty_holder:
            item.add(DUTY_ROLE, _out(event.duty_role))
            item.add(DUTY_HOLDER, _out(event.duty_holder))
        calendar.add_component(item)
    calendar.add_missing_timezones()  # a VTIMEZONE for each TZID, as RFC 5545 asks
    data: bytes = calendar.to_ical()
    return data
