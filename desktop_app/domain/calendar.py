"""A conversation's duty calendar: events, recurrence, who is on duty when.

Events are kept whole: an edit replaces the event, and of two versions the one with the
higher ``Stamp`` (the same Lamport order as tasks, ``domain/tasks.py``) wins on every
device, whatever order they arrive in; a deletion is a version with ``deleted=True``
(kept, so an older edit arriving later cannot bring the event back).

Recurrence is RFC 5545 RRULE text, expanded with python-dateutil. Expansion is bounded
(``MAX_OCCURRENCES`` per query) so a hostile rule (every second, forever) costs nothing,
and starts near the window asked for (``domain/recurrence_skip.py``), not at an event's
start years before;
which rules are taken, and why a rule that never occurs is refused, is
``domain/recurrence.py``. Every time lies in ``domain/time_bounds.py``'s years.
Times are timezone-aware; all-day events hold midnight-to-midnight in the event's zone.
A repeating event may skip starts (``exdates``: a roster's EXDATE, and the shift a
RECURRENCE-ID moved, which then is an event of its own). An event names its zone
(``zone``, ``domain/event_zone.py``) so a weekly night shift keeps 21:00 wall-clock
across the clock changes.
A duty shift names a functional account (``duty_role``) and who holds it then
(``duty_holder``): ``on_duty`` answers "who is Dienstarzt Kardiologie now, and next".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Final

from dateutil.rrule import rrule, rrulestr

from desktop_app.domain import event_zone, recurrence, time_bounds
from desktop_app.domain.recurrence_skip import skipped_ahead
from desktop_app.domain.tasks import Stamp

TITLE_MAX: Final = 200
TEXT_MAX: Final = 4_000
RRULE_MAX: Final = 500
MAX_PARTICIPANTS: Final = 100
MAX_OCCURRENCES: Final = 5_000
MAX_EXDATES: Final = 500  # a year of daily shifts with every other one taken out
MAX_DURATION: Final = timedelta(days=31)
CLOCK_CHANGE_MARGIN: Final = timedelta(hours=3)
"""A night 21:00-07:00 in a named zone lasts 11 h when the clocks go back: starts are
looked for this much earlier than its wall-clock length says (changes are 1-2 h)."""
MAX_RULE_STEPS: Final = 100_000
"""dateutil walks a rule from its start; past this many dates it yielded a query stops
(a rule with BYHOUR and BYMINUTE yields up to 1,440 a day)."""


class CalendarError(ValueError):
    """An event no honest client writes (sizes, order of times, a broken rule)."""


class RecurrenceError(CalendarError):
    """The event is fine but its repetition is not taken (the GUI says so, not "title
    or times"): a rule too frequent or too long, or a recurring start from 2090."""


@dataclass(frozen=True, slots=True)
class CalendarEvent:
    event_id: str
    title: str
    start: datetime
    end: datetime
    all_day: bool = False
    location: str = ""
    notes: str = ""
    participants: tuple[str, ...] = ()
    rrule: str | None = None
    duty_role: str | None = None  # a functional account's uid
    duty_holder: str | None = None  # the person who holds it for this shift
    deleted: bool = False
    zone: str | None = None  # IANA name: the rule repeats in its wall-clock time (event_zone)
    exdates: tuple[datetime, ...] = ()  # starts the rule skips (a roster's EXDATE)


@dataclass(frozen=True, slots=True)
class Version:
    event: CalendarEvent
    stamp: Stamp
    by: str


@dataclass(frozen=True, slots=True)
class Occurrence:
    event_id: str
    title: str
    start: datetime
    end: datetime
    all_day: bool
    location: str
    duty_role: str | None
    duty_holder: str | None
    # The event's repetition was stored before today's limits (recurrence.py): shown up
    # to them, or once at its start; the calendar marks it so nothing vanishes unsaid.
    repetition_cut: bool = False


def check(event: CalendarEvent) -> CalendarEvent:
    """Refuse what no honest client writes; returns the event for chaining."""
    if not event.title.strip() or len(event.title) > TITLE_MAX:
        raise CalendarError(f"an event needs a title of at most {TITLE_MAX} characters")
    if len(event.location) > TITLE_MAX or len(event.notes) > TEXT_MAX:
        raise CalendarError("the event's location or notes are too long")
    if event.start.tzinfo is None or event.end.tzinfo is None:
        raise CalendarError("event times need a time zone")
    if event.zone is not None:
        try:
            event_zone.zone_of(event.zone)
        except event_zone.ZoneError as exc:
            raise CalendarError(str(exc)) from None
    if not (time_bounds.within(event.start) and time_bounds.within(event.end)):
        raise CalendarError("an event lies between the years 2000 and 9000")
    if not event.start < event.end <= event.start + MAX_DURATION:
        raise CalendarError("an event ends after it starts, within 31 days")
    if len(event.participants) > MAX_PARTICIPANTS:
        raise CalendarError(f"at most {MAX_PARTICIPANTS} participants")
    if (event.duty_role is None) != (event.duty_holder is None):
        raise CalendarError("a duty shift names both the functional account and its holder")
    if not all(uid is None or uid.isprintable() for uid in (event.duty_role, event.duty_holder)):
        raise CalendarError("a duty shift's account and holder are uids, no control characters")
    if event.rrule is not None:
        parse_rrule(event.rrule, event.start)
    _check_exdates(event)
    return event


def _check_exdates(event: CalendarEvent) -> None:
    if not event.exdates:
        return
    if event.rrule is None or len(event.exdates) > MAX_EXDATES:
        raise CalendarError(f"only a repeating event skips dates, at most {MAX_EXDATES}")
    if not all(d.tzinfo is not None and time_bounds.within(d) for d in event.exdates):
        raise CalendarError("a skipped date has a time zone and lies in the years 2000 to 9000")


def parse_rrule(text: str, start: datetime) -> None:
    """Raise CalendarError unless ``text`` is one RRULE this calendar takes
    (``recurrence.refusal``: parts rosters use, a first occurrence within 10 years)."""
    if len(text) > RRULE_MAX or "\n" in text or not text.strip():
        raise RecurrenceError("a recurrence rule is one line of at most 500 characters")
    why = recurrence.refusal(text, start)
    if why:
        raise RecurrenceError(why)


class Calendar:
    """The winning version of every event of one conversation."""

    def __init__(self) -> None:
        self.versions: dict[str, Version] = {}

    def apply(self, version: Version) -> bool:
        held = self.versions.get(version.event.event_id)
        if held is not None and not held.stamp < version.stamp:
            return False
        self.versions[version.event.event_id] = version
        return True

    def events(self) -> list[CalendarEvent]:
        live = (v.event for v in self.versions.values() if not v.event.deleted)
        return sorted(live, key=lambda e: (e.start, e.event_id))

    def highest_clock(self) -> int:
        return max((v.stamp.clock for v in self.versions.values()), default=0)


def occurrences(
    events: Iterable[CalendarEvent], start: datetime, end: datetime
) -> list[Occurrence]:
    """Every occurrence overlapping [start, end), soonest first, at most MAX_OCCURRENCES."""
    out: list[Occurrence] = []
    for event in events:
        if event.deleted:
            continue
        length = event.end - event.start  # wall-clock length in a named zone
        begins, cut = _starts(event, start - length - CLOCK_CHANGE_MARGIN, end)
        for begin in (_existing(b) for b in begins):
            if begin + length > start and begin < end:
                out.append(_occurrence(event, begin, begin + length, cut))
            if len(out) >= MAX_OCCURRENCES:
                break
    out.sort(key=lambda o: (o.start, o.event_id))
    return out[:MAX_OCCURRENCES]


def _starts(event: CalendarEvent, after: datetime, before: datetime) -> tuple[list[datetime], bool]:
    """The starts of ``event`` from ``after`` to ``before``, and whether its repetition
    was cut: a rule stored before it was refused on receipt would stall this walk, so
    it is walked cut to the limits (``recurrence.within_limits``), or the event shows
    once, at its start, rather than vanish from its people's calendars."""
    text = event.rrule
    if text is None:
        return [event.start], False
    cut = bool(recurrence.refusal(text, event.start))
    if cut:
        text = recurrence.within_limits(text, event.start)
        if text is None:
            return [event.start], True
    rule = rrulestr(text.removeprefix("RRULE:"), dtstart=event.start)
    if isinstance(rule, rrule):  # always (refusal checked it): walk from near the window
        rule = skipped_ahead(rule, text, event.start, after)
    found: list[datetime] = []
    skipped = {d.timestamp() for d in event.exdates}
    for step, begin in enumerate(rule):
        if begin >= before or len(found) >= MAX_OCCURRENCES or step >= MAX_RULE_STEPS:
            break
        if begin >= after and begin.timestamp() not in skipped:
            found.append(begin)
    return found, cut


def _existing(begin: datetime) -> datetime:
    """A start the March change skips (02:40 of a daily 02:40 round) as the time the
    clocks show then (03:40): read as it was, its wall-clock end (03:00) lay before it,
    and the occurrence vanished from the calendar, the reminders and the duty card."""
    return begin.astimezone(UTC).astimezone(begin.tzinfo)


def _occurrence(event: CalendarEvent, start: datetime, end: datetime, cut: bool) -> Occurrence:
    return Occurrence(
        event.event_id,
        event.title,
        start,
        end,
        event.all_day,
        event.location,
        event.duty_role,
        event.duty_holder,
        repetition_cut=cut,
    )


@dataclass(frozen=True, slots=True)
class Duty:
    """Who holds a functional account now (from the calendar) and who is next."""

    now: Occurrence | None
    next: Occurrence | None


def on_duty(events: Iterable[CalendarEvent], role: str, at: datetime, horizon: timedelta) -> Duty:
    """The shift of ``role`` running at ``at`` and the next one starting within ``horizon``."""
    shifts = [o for o in occurrences(events, at, at + horizon) if o.duty_role == role]
    now = next((o for o in shifts if o.start <= at < o.end), None)
    later = next((o for o in shifts if o.start > at), None)
    return Duty(now, later)


def deleted(event: CalendarEvent) -> CalendarEvent:
    return replace(event, deleted=True)
