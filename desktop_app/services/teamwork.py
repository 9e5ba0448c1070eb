"""Tasks and the duty calendar of conversations: sending changes and the receiver's rules.

Changes are content of the conversation (protocol/content_teamwork.py), sent on the
same Megolm path as messages (services/outgoing.py). The merge rules are in the domain
(domain/tasks.py: last-writer-wins per field; domain/calendar.py: whole-event versions);
this module decides who may change what (docs/teamwork.md "Receiver rules"):

* only a current member of the conversation may change its tasks or calendar;
* the author is the uid and device that Megolm proved sent the envelope (the wire
  carries no author), so nobody writes a change in another's name;
* a task or event id belongs to the conversation it was first seen in: a change naming
  a task or event of another conversation is refused, not applied there;
* a task "made from a message" must name a message of the same conversation;
* every change must pass the domain checks (sizes, kinds, times, recurrence);
* a change's clock may be at most MAX_CLOCK_STEP past the highest this device has seen
  there (services/teamwork_received.py), so one member cannot win every later merge or
  use up the clock for everyone.

Each device keeps a Lamport clock per conversation (the highest clock it has seen of
any change, tasks and calendar alike); its next change is stamped one higher
(domain.tasks.next_clock), so a change made after seeing another always wins over it.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import datetime, timedelta, tzinfo

from desktop_app.domain import bound_ids, calendar, ics, tasks
from desktop_app.domain.calendar import (
    CalendarError,
    CalendarEvent,
    Occurrence,
    RecurrenceError,
    Version,
)
from desktop_app.domain.event_zone import zoned
from desktop_app.domain.ids import ConversationId, MessageId
from desktop_app.domain.recurrence import RULES_START_BEFORE
from desktop_app.domain.tasks import FieldValue, Stamp, Task, TaskError, TaskState, TooManyItems
from desktop_app.protocol import content as wire
from desktop_app.protocol.content_teamwork import (
    BATCH_BYTES,
    MAX_BATCH,
    MAX_CLOCK,
    CalendarBatch,
    CalendarChange,
    TaskChange,
)
from desktop_app.services import conversations, duty_roster
from desktop_app.services import teamwork_received as received
from desktop_app.services.duty_roster import Duty
from desktop_app.services.errors import ClientError, RelayUnavailable
from desktop_app.services.local_zone import local_zone
from desktop_app.services.outgoing import Outgoing
from desktop_app.services.session import ClientSession
from desktop_app.services.teamwork_outbox import TeamworkOutbox
from desktop_app.storage.errors import ContainerError
from desktop_app.storage.timeutil import peer_ms, to_ms

log = logging.getLogger("wardlink.teamwork")

CLOCK_KEY = "teamwork.clock."  # + conversation id: the highest clock seen there
DUTY_HORIZON = timedelta(days=14)  # how far ahead "next on duty" looks


class TeamworkRefused(ClientError):
    """This task or calendar change is not allowed (membership, ids, sizes)."""


class Teamwork:
    def __init__(self, session: ClientSession, outgoing: Outgoing | None = None) -> None:
        self.s = session
        self.outbox = TeamworkOutbox(session, outgoing)
        # Told of each task or event id that changed (a live view redraws it).
        self.on_changed: Callable[[str], None] = lambda _id: None

    # ---- tasks: sending --------------------------------------------------------------

    async def add_task(
        self,
        conversation: str,
        title: str,
        *,
        assignee: str | None = None,
        due_ms: int | None = None,
        urgent: bool = False,
        notes: str = "",
        items: tuple[str | tuple[str, bool], ...] = (),
        from_message: str | None = None,
    ) -> Task:
        """A new task in a conversation I am a member of; ``from_message`` links the
        message it was made from (it must be in the same conversation). ``items``: the
        checklist, each a text (not done) or (text, done): the GUI's new task may have
        items ticked already."""
        cid = self._conversation(conversation)
        if from_message is not None:
            message = self.s.container.messages.get(MessageId(from_message))
            if message is None or message.conversation_id != cid:
                raise TeamworkRefused(
                    f"No message {from_message} in this conversation.", key="no_message"
                )
        fields: dict[str, FieldValue] = {
            "created": True,
            "title": title.strip(),
            "state": TaskState.OPEN.value,
            "priority": (tasks.Priority.URGENT if urgent else tasks.Priority.NORMAL).value,
        }
        if notes:
            fields["notes"] = notes
        if assignee is not None:
            fields["assignee"] = self._assignee(cid, assignee)
        if due_ms is not None:
            fields["due_ms"] = due_ms
        if from_message is not None:
            fields["message_id"] = from_message
        now_ms = to_ms(self.s.clock())
        for number, entry in enumerate(items):
            text, done = (entry, False) if isinstance(entry, str) else entry
            item = tasks.item_id(now_ms, number, uuid.uuid4().hex)
            fields[tasks.ITEM_PREFIX + item] = [text, done]
        return await self._send_task(cid, bound_ids.new_id(cid), fields)

    async def change_task(self, task_id: str, fields: Mapping[str, FieldValue]) -> Task:
        """Change some fields of a task (state, title, assignee, due_ms, item.<id>...)."""
        cid = self._task_conversation(task_id)
        changed = dict(fields)
        if isinstance(changed.get("assignee"), str):
            changed["assignee"] = self._assignee(cid, str(changed["assignee"]))
        return await self._send_task(cid, task_id, changed)

    async def set_state(self, task_id: str, state: TaskState) -> Task:
        return await self.change_task(task_id, {"state": state.value})

    async def _send_task(
        self, cid: ConversationId, task_id: str, fields: dict[str, FieldValue]
    ) -> Task:
        s = self.s
        clock = self._next_clock(cid)
        change = tasks.TaskChange(
            task_id, uuid.uuid4().hex, s.uid, s.device_id, clock, to_ms(s.clock()), fields
        )
        try:
            tasks.check(change)
        except TaskError as exc:
            raise TeamworkRefused(
                f"This task change is not valid: {exc}.", key="task_invalid"
            ) from None
        content = TaskChange(1, task_id, change.change_id, clock, change.at_ms, fields)
        try:
            with s.container.database.atomic():
                s.container.tasks.add_change(cid, change)
                self._saw(cid, clock)
                self.outbox.keep([(cid, content)])
        except TooManyItems as exc:  # every member's PC would refuse it
            raise TeamworkRefused(
                f"This task change is not valid: {exc}.", key="task_items_full"
            ) from None
        self.on_changed(task_id)
        await self.outbox.send_now()
        task = s.container.tasks.get(task_id)
        if task is None:
            raise TeamworkRefused(
                f"Task {task_id} has not been created yet on this PC.", key="task_not_created"
            )
        return task

    def _assignee(self, cid: ConversationId, assignee: str) -> str:
        """A member of the conversation or a functional account of the directory."""
        state = self.s.container.conversations.state(cid)
        if state is not None and assignee in state.members:
            return assignee
        entry = self.s.directory.get(assignee)
        if entry is None or not entry.is_function:
            raise TeamworkRefused(
                f"{assignee} is neither a member of this conversation nor a functional account.",
                key="assignee_invalid",
                who=self.s.display_name(assignee),
            )
        return assignee

    def _task_conversation(self, task_id: str) -> ConversationId:
        cid = self.s.container.tasks.conversation_of(task_id)
        if cid is None or self.s.container.tasks.get(task_id) is None:
            raise TeamworkRefused(f"No task {task_id} on this PC.", key="no_task")
        return self._conversation(cid)

    # ---- tasks: reading --------------------------------------------------------------

    def tasks(self, conversation: str | None = None) -> list[tuple[str, Task]]:
        """(conversation id, task) of one conversation or of all, open ones first."""
        store = self.s.container.tasks
        if conversation is not None:
            cid = self.known(conversation)
            return [(cid, t) for t in store.in_conversation(cid)]
        return store.everywhere()

    def roles_held(self) -> frozenset[str]:
        """The functional accounts I hold now, by the (signed) directory on this PC."""
        verified = self.s.directory.load()
        if verified is None:
            return frozenset()
        uid = self.s.uid
        return frozenset(
            e.uid for e in verified.entries.values() if e.is_function and uid in e.holders
        )

    async def my_tasks(self) -> list[tuple[str, Task]]:
        """Open tasks assigned to me or to a role I hold now, across the conversations I
        am a member of; online, the directory is refreshed first, so a hand-over moves
        them at once."""
        link = self.s.link
        if link is not None:
            await self.s.directory.refresh_quietly(link)
        found = self.s.container.tasks.assigned_to(self.roles_held() | {self.s.uid})
        member = {cid: self._member(cid) for cid in {c for c, _t in found}}
        return [(c, t) for c, t in found if member[c]]  # not lists I was removed from

    def _member(self, cid: str) -> bool:
        state = self.s.container.conversations.state(ConversationId(cid))
        return state is not None and self.s.uid in state.members

    # ---- calendar: sending -----------------------------------------------------------

    async def add_event(self, conversation: str, event: CalendarEvent) -> CalendarEvent:
        """Add an event (or replace the version I know of it) in a conversation."""
        cid = self._conversation(conversation)
        owner = self.s.container.calendar.conversation_of(event.event_id)
        if (owner is not None and owner != cid) or bound_ids.made_for(cid, event.event_id) is False:
            raise TeamworkRefused(
                f"Event {event.event_id} belongs to another conversation.", key="event_elsewhere"
            )
        if owner is None and bound_ids.made_for(cid, event.event_id) is None:
            event = replace(event, event_id=bound_ids.bind(cid, event.event_id))  # a new one
        try:
            calendar.check(event)
        except RecurrenceError as exc:
            raise TeamworkRefused(
                f"This event's repetition is not valid: {exc}.",
                key="event_repeat_invalid",
                year=RULES_START_BEFORE,
            ) from None
        except CalendarError as exc:
            raise TeamworkRefused(f"This event is not valid: {exc}.", key="event_invalid") from None
        event = zoned(event, local_zone())  # entered in local time: repeats at that hour
        self._publish_events(cid, [event])
        await self.outbox.send_now()
        return event

    async def delete_event(self, event_id: str) -> None:
        owner = self.s.container.calendar.conversation_of(event_id)
        live = [e for _c, e in self.s.container.calendar.events(owner)] if owner else []
        event = next((e for e in live if e.event_id == event_id), None)
        if owner is None or event is None:
            raise TeamworkRefused(f"No event {event_id} on this PC.", key="no_event")
        cid = self._conversation(owner)
        self._publish_events(cid, [calendar.deleted(event)])
        await self.outbox.send_now()

    async def import_ics(self, conversation: str, data: bytes, zone: tzinfo) -> int:
        """Import an .ics file (a roster export); the same UIDs again update the events."""
        cid = self._conversation(conversation)
        try:
            events = ics.from_ics(data, zone)
        except CalendarError as exc:
            raise TeamworkRefused(str(exc), key="ics_invalid") from None
        events = [self._scoped(cid, e) for e in events]
        self._publish_events(cid, events)
        await self.outbox.send_now()
        return len(events)

    def _scoped(self, cid: ConversationId, event: CalendarEvent) -> CalendarEvent:
        """An imported event keeps its id if it is this conversation's (a re-import of
        our own export); else its id is derived from the conversation and the file's id,
        so the same roster imported into two conversations makes two sets of events, and
        importing it again updates them."""
        calendar_store = self.s.container.calendar
        if calendar_store.conversation_of(event.event_id) == cid:
            return event
        digest = hashlib.sha256(f"{cid}\n{event.event_id}".encode()).hexdigest()[:32]
        if calendar_store.conversation_of("ics-" + digest) == cid:
            return replace(event, event_id="ics-" + digest)  # imported before ids were bound
        return replace(event, event_id=bound_ids.bind(cid, "ics-" + digest))

    def _publish_events(self, cid: ConversationId, events: list[CalendarEvent]) -> None:
        """Apply my new versions here and keep them to send, in one transaction."""
        s = self.s
        changes: list[CalendarChange] = []
        with s.container.database.atomic():
            for event in events:
                clock = self._next_clock(cid)
                change_id = uuid.uuid4().hex
                stamp = Stamp(clock, s.device_id, change_id)
                s.container.calendar.apply(cid, Version(event, stamp, s.uid))
                self._saw(cid, clock)
                changes.append(_event_content(event, change_id, clock, to_ms(s.clock())))
            self.outbox.keep([(cid, content) for content in _batches(changes)])
        for event in events:
            self.on_changed(event.event_id)

    # ---- calendar: reading -----------------------------------------------------------

    def events(self, conversation: str | None = None) -> list[tuple[str, CalendarEvent]]:
        cid = None if conversation is None else self.known(conversation)
        return self.s.container.calendar.events(cid)

    def occurrences(
        self, conversation: str | None, start: datetime, end: datetime
    ) -> list[tuple[str, CalendarEvent, Occurrence]]:
        """Every occurrence in [start, end), soonest first, with its event."""
        out: list[tuple[str, CalendarEvent, Occurrence]] = []
        for cid, event in self.events(conversation):
            out += [(cid, event, o) for o in calendar.occurrences([event], start, end)]
        out.sort(key=lambda x: (x[2].start, x[2].event_id))
        return out[: calendar.MAX_OCCURRENCES]

    def export_ics(
        self, conversation: str, start: datetime | None = None, end: datetime | None = None
    ) -> bytes:
        """The conversation's calendar (events with an occurrence in the range) as .ics."""
        cid = self.known(conversation)
        events = [e for _c, e in self.s.container.calendar.events(cid)]
        if start is not None and end is not None:
            events = [e for e in events if calendar.occurrences([e], start, end)]
        s = self.s
        name = conversations.title_of(s.container, cid, s.uid, s.display_name)
        return ics.to_ics(events, name, self.s.clock())

    def on_duty(self, role: str, at: datetime, horizon: timedelta = DUTY_HORIZON) -> Duty:
        """Who holds ``role`` at ``at`` and who is next, by the shifts in my calendars."""
        return duty_roster.on_duty(self.s, self.events(), role, at, horizon)

    # ---- receiving -------------------------------------------------------------------

    def receive(
        self,
        cid: ConversationId,
        sender_uid: str,
        sender_device: str,
        change: TaskChange | CalendarChange,
        at: datetime,
    ) -> None:
        """Apply a change from a member's verified device, or refuse it (logged).

        Whatever a change holds, it is applied or refused and the envelope carrying it
        is acknowledged: an error no check foresaw undoes this change's writes (its own
        savepoint) and refuses it, instead of undoing the envelope, which would then come
        again at every login and keep a slot of this device's mailbox for good. Only
        what is not the change's fault (a full disk, a lost link) is raised: then
        nothing is acknowledged, and it all comes again."""
        try:
            with self.s.container.database.atomic():
                refusal = self._apply(cid, sender_uid, sender_device, change, at)
        except (ContainerError, RelayUnavailable):
            raise
        except (ValueError, ArithmeticError) as exc:  # TaskError, CalendarError among them
            refusal = str(exc) or type(exc).__name__
        except Exception as exc:
            log.exception("unexpected error applying %s", type(change).__name__)
            refusal = f"{type(exc).__name__}: {exc}"
        if refusal:
            log.warning(
                "refused %s %s from %s in %s: %s",
                type(change).__name__,
                change.change_id,
                sender_uid,
                cid,
                refusal,
            )
            return
        self._saw(cid, change.clock)
        self.on_changed(change.task_id if isinstance(change, TaskChange) else change.event_id)

    def _apply(
        self,
        cid: ConversationId,
        sender_uid: str,
        sender_device: str,
        change: TaskChange | CalendarChange,
        at: datetime,
    ) -> str:
        """Apply ``change`` unless the receiver's rules refuse it; returns the refusal."""
        c = self.s.container
        refusal = received.refusal(c, cid, sender_uid, change, self._highest(cid))
        if refusal:
            return refusal
        if isinstance(change, TaskChange):
            at_ms = peer_ms(change.at_ms, at)  # a peer's clock may run ahead of ours
            received.apply_task(c, cid, sender_uid, sender_device, change, at_ms)
        else:
            received.apply_event(c, cid, sender_uid, sender_device, change)
        return ""

    # ---- plumbing --------------------------------------------------------------------

    def known(self, conversation: str) -> ConversationId:
        cid = ConversationId(conversation)
        if self.s.container.conversations.get(cid) is None:
            raise TeamworkRefused(
                f"No conversation {conversation} on this PC.", key="no_conversation"
            )
        return cid

    def _conversation(self, conversation: str) -> ConversationId:
        """A conversation I am a member of now."""
        cid = self.known(conversation)
        state = self.s.container.conversations.state(cid)
        if state is None or self.s.uid not in state.members:
            raise TeamworkRefused(
                "You are no longer a member of this conversation.", key="not_member"
            )
        return cid

    def _next_clock(self, cid: ConversationId) -> int:
        clock = tasks.next_clock(self._highest(cid))
        if clock > MAX_CLOCK:
            raise TeamworkRefused("This conversation's task clock is exhausted.", key="task_clock")
        return clock

    def _highest(self, cid: ConversationId) -> int:
        held = self.s.container.settings.get(CLOCK_KEY + cid)
        c = self.s.container
        return max(int(held or 0), c.tasks.highest_clock(cid), c.calendar.highest_clock(cid))

    def _saw(self, cid: ConversationId, clock: int) -> None:
        if clock > self._highest(cid):
            self.s.container.settings.set(CLOCK_KEY + cid, str(clock))

    async def send_unsent(self, *, flush: bool = True) -> int:
        """Send the changes made offline (Messenger.deliver_queued calls this)."""
        return await self.outbox.send_unsent(flush=flush)


def _batches(changes: list[CalendarChange]) -> list[wire.Content]:
    """One change alone; many in batches of at most MAX_BATCH and about BATCH_BYTES."""
    if len(changes) == 1:
        return [changes[0]]
    out: list[wire.Content] = []
    batch: list[CalendarChange] = []
    size = 0
    for change in changes:
        length = len(wire.encode(change))
        if batch and (len(batch) >= MAX_BATCH or size + length > BATCH_BYTES):
            out.append(CalendarBatch(1, batch))
            batch, size = [], 0
        batch.append(change)
        size += length
    if batch:
        out.append(CalendarBatch(1, batch))
    return out


def _event_content(event: CalendarEvent, change_id: str, clock: int, at_ms: int) -> CalendarChange:
    return CalendarChange(
        1,
        event.event_id,
        change_id,
        clock,
        at_ms,
        event.title,
        event.start.isoformat(),
        event.end.isoformat(),
        event.all_day,
        event.location,
        event.notes,
        list(event.participants),
        event.rrule,
        event.duty_role,
        event.duty_holder,
        event.deleted,
        event.zone,
        [d.isoformat() for d in event.exdates],
    )
