"""Who is on duty for a functional account, by the duty shifts in my calendars.

Several calendars can name a holder for the same hour (the ward group's roster, and a
chat where someone wrote a shift of their own). Only holders the directory admits count
(directory/duty_holders.py); of the shifts running now, the one from the conversation
with the most members is shown first (the ward's roster rather than a chat of two),
and the others that name someone else are returned beside it, so a card can say that
the calendars disagree instead of silently picking one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from desktop_app.directory.duty_holders import may_hold
from desktop_app.domain import calendar
from desktop_app.domain.calendar import CalendarEvent, Occurrence
from desktop_app.domain.ids import ConversationId
from desktop_app.services.session import ClientSession

Shift = tuple[str, Occurrence]  # (conversation id, shift)


@dataclass(frozen=True, slots=True)
class Duty:
    """Who holds a functional account now and next, from the calendars I can read."""

    role: str
    now: Shift | None
    next: Shift | None
    also_now: tuple[Shift, ...] = ()  # running shifts of other calendars naming others


def on_duty(
    s: ClientSession,
    events: list[tuple[str, CalendarEvent]],
    role: str,
    at: datetime,
    horizon: timedelta,
) -> Duty:
    """``events``: (conversation id, event) of every calendar on this PC."""
    shifts: list[Shift] = []
    for cid, event in events:
        if event.duty_role == role and _admitted(s, role, event.duty_holder):
            shifts += [(cid, o) for o in calendar.occurrences([event], at, at + horizon)]
    sizes = {cid: _members(s, cid) for cid, _o in shifts}
    running = sorted(
        (x for x in shifts if x[1].start <= at < x[1].end),
        key=lambda x: (-sizes[x[0]], x[1].start, x[1].event_id),
    )
    later = sorted(
        (x for x in shifts if x[1].start > at),
        key=lambda x: (x[1].start, -sizes[x[0]], x[1].event_id),
    )
    now = running[0] if running else None
    others: list[Shift] = []
    for shift in running[1:]:
        named = {x[1].duty_holder for x in [*(running[:1]), *others]}
        if shift[1].duty_holder not in named:
            others.append(shift)
    return Duty(role, now, later[0] if later else None, tuple(others))


def _admitted(s: ClientSession, role: str, holder: str | None) -> bool:
    if holder is None:
        return False
    role_entry, person = s.directory.get(role), s.directory.get(holder)
    return role_entry is not None and person is not None and may_hold(role_entry, person)


def _members(s: ClientSession, cid: str) -> int:
    state = s.container.conversations.state(ConversationId(cid))
    return 0 if state is None else len(state.members)
