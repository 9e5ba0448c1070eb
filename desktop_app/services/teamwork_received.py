"""A task or calendar change received from a member's device: who may say it, about
which conversation (the receiver's checks), and how it is stored once allowed.

``Teamwork.receive`` runs these for every change; a refusal is logged there and the
change is not applied. The merge rules themselves are in domain/tasks.py and
domain/calendar.py.
"""

from __future__ import annotations

from datetime import datetime
from typing import Final

from desktop_app.domain import bound_ids, calendar, tasks
from desktop_app.domain.calendar import CalendarEvent, Version
from desktop_app.domain.event_zone import in_zone
from desktop_app.domain.ids import ConversationId, MessageId
from desktop_app.domain.tasks import Stamp
from desktop_app.protocol.content_teamwork import CalendarChange, TaskChange
from desktop_app.storage.container import Container

# How far past the highest clock a receiver has seen a change's clock may be. An honest
# device stamps the highest clock it has seen plus one, so it is ahead of a receiver by
# at most the number of changes that receiver has not seen yet (years of a busy ward's
# tasks and rosters). A clock thrown further would win every later merge and, near the
# wire's limit, leave the others no clock to stamp their next change with.
MAX_CLOCK_STEP: Final = 1_000_000


def refusal(
    container: Container,
    cid: ConversationId,
    sender_uid: str,
    change: TaskChange | CalendarChange,
    highest: int,
) -> str:
    """Why this change must not be applied ('' if it may); ``highest`` is the highest
    clock seen in the conversation on this device."""
    state = container.conversations.state(cid)
    if state is None or sender_uid not in state.members:
        return "the sender is not a member of the conversation"
    if change.clock > highest + MAX_CLOCK_STEP:
        return (
            f"the change's clock {change.clock} is more than {MAX_CLOCK_STEP} ahead of the"
            f" highest seen here ({highest})"
        )
    item = change.task_id if isinstance(change, TaskChange) else change.event_id
    if bound_ids.made_for(cid, item) is False:
        return "its id was made for another conversation"
    if isinstance(change, TaskChange):
        owner = container.tasks.conversation_of(change.task_id)
        if owner is not None and owner != cid:
            return "the task belongs to another conversation"
        linked = change.fields.get("message_id")
        if isinstance(linked, str):
            message = container.messages.get(MessageId(linked))
            if message is not None and message.conversation_id != cid:
                return "the task links a message of another conversation"
        return ""
    owner = container.calendar.conversation_of(change.event_id)
    if owner is not None and owner != cid:
        return "the event belongs to another conversation"
    return ""


def apply_task(
    container: Container, cid: ConversationId, uid: str, device: str, change: TaskChange, at_ms: int
) -> None:
    domain = tasks.TaskChange(
        change.task_id,
        change.change_id,
        uid,
        device,
        change.clock,
        at_ms,
        dict(change.fields),
    )
    tasks.check(domain)
    container.tasks.add_change(cid, domain)


def apply_event(
    container: Container, cid: ConversationId, uid: str, device: str, change: CalendarChange
) -> None:
    event = calendar.check(
        CalendarEvent(
            event_id=change.event_id,
            title=change.title,
            start=datetime.fromisoformat(change.start),
            end=datetime.fromisoformat(change.end),
            all_day=change.all_day,
            location=change.location,
            notes=change.notes,
            participants=tuple(change.participants),
            rrule=change.rrule,
            duty_role=change.duty_role,
            duty_holder=change.duty_holder,
            deleted=change.deleted,
            zone=change.zone,
            exdates=tuple(datetime.fromisoformat(d) for d in change.exdates),
        )
    )
    event = in_zone(event)  # check() proved the name
    stamp = Stamp(change.clock, device, change.change_id)
    container.calendar.apply(cid, Version(event, stamp, uid))
