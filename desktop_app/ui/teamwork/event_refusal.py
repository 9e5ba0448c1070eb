"""Why the calendar would refuse an event, asked in the event dialog before it closes.

The dialog used to close on OK and leave the checking to the services, so a refused
repetition or time was said in the calendar window after everything typed was gone.
The same pure rules (``domain.calendar.check``) answer here with no round trip, in the
services' own sentence (``user_message``), and name the field to put the cursor in."""

from __future__ import annotations

from typing import Literal

from PySide6.QtCore import QCoreApplication

from desktop_app.domain.calendar import TITLE_MAX, CalendarError, CalendarEvent, RecurrenceError
from desktop_app.domain.calendar import check as check_event
from desktop_app.domain.recurrence import RULES_START_BEFORE
from desktop_app.services.teamwork import TeamworkRefused
from desktop_app.ui.error_text import user_message

Field = Literal["title", "location", "times", "repeat", "duty"]


def refusal(event: CalendarEvent) -> tuple[str, Field] | None:
    """(the sentence the nurse reads, the field at fault), or None if it may be saved."""
    if (event.duty_role is None) != (event.duty_holder is None):  # "event_invalid" misleads
        said = QCoreApplication.translate(
            "EventDialog", "A duty shift needs both the duty role and who is on duty."
        )
        return said, "duty"
    try:
        check_event(event)
    except RecurrenceError as exc:
        refused = TeamworkRefused(str(exc), key="event_repeat_invalid", year=RULES_START_BEFORE)
        return user_message(refused), "repeat"
    except CalendarError as exc:
        said = user_message(TeamworkRefused(str(exc), key="event_invalid"))
        return said, _invalid_field(event)
    return None


def _invalid_field(event: CalendarEvent) -> Field:
    if len(event.title) > TITLE_MAX:
        return "title"
    if len(event.location) > TITLE_MAX:
        return "location"
    return "times"
