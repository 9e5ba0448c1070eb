"""The GUI's view of tasks and the duty calendar (services/teamwork.py), ready to show.

``LiveTeamwork`` runs on the bridge's asyncio thread like ``LiveClient``: sends take the
client's ratchet lock (``busy``), reads return rows with names already resolved, so a
widget never looks up a uid itself. Reminders are computed here (what falls due in a
window of time) and shown by the GUI through its one notification path.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from desktop_app.domain.calendar import CalendarEvent, Occurrence
from desktop_app.domain.ics import MAX_ICS_BYTES
from desktop_app.domain.tasks import FieldValue, Task, TaskState
from desktop_app.services.chosen_file import chosen_file
from desktop_app.services.export_pdf import text_pdf
from desktop_app.services.local_zone import local_zone
from desktop_app.services.reminder_log import MISSED_LOOKBACK, ReminderLog
from desktop_app.services.teamwork import Teamwork, TeamworkRefused
from desktop_app.storage.atomic import write_whole
from desktop_app.storage.timeutil import to_ms

EVENT_MINUTES_BEFORE = 15  # an event's reminder comes this long before it starts
OPEN_STATES = frozenset({TaskState.OPEN, TaskState.IN_PROGRESS})


@dataclass(frozen=True, slots=True)
class TaskRow:
    conversation_id: str
    conversation_title: str
    task: Task
    assignee_name: str  # "" when nobody is assigned
    overdue: bool


@dataclass(frozen=True, slots=True)
class OccurrenceRow:
    conversation_id: str
    event: CalendarEvent
    occurrence: Occurrence
    role_name: str  # the functional account's name for duty shifts, else ""
    holder_name: str


@dataclass(frozen=True, slots=True)
class DutyRow:
    role_name: str
    holder_name: str
    start: datetime
    end: datetime
    conversation_title: str
    also_named: tuple[str, ...] = ()  # others another calendar names for now


@dataclass(frozen=True, slots=True)
class DutyShift:
    """One shift of a functional account by the calendars: who, from when to when."""

    holder_name: str
    start: datetime
    end: datetime
    conversation_title: str = ""  # whose calendar says so


@dataclass(frozen=True, slots=True)
class Reminder:
    key: str  # the same reminder is shown once
    conversation_title: str
    title: str
    event: bool  # an event starting soon (else a task falling due)
    at_ms: int  # when it fell due (a task's due time, an event's start)


class LiveTeamwork:
    def __init__(
        self,
        teamwork: Teamwork,
        busy: asyncio.Lock,
        name: Callable[[str], str],
        title: Callable[[str], str],
        clock: Callable[[], datetime],
    ) -> None:
        self.teamwork = teamwork
        self._busy = busy
        self._name = name
        self._title = title
        self._clock = clock
        self.log = ReminderLog(teamwork.s.container.settings)

    # ---- tasks -----------------------------------------------------------------------

    def tasks(self, conversation: str) -> list[TaskRow]:
        return self.rows(self.teamwork.tasks(conversation))

    async def my_tasks(self) -> list[TaskRow]:
        return self.rows(await self.teamwork.my_tasks())

    def task(self, task_id: str) -> TaskRow | None:
        cid = self.teamwork.s.container.tasks.conversation_of(task_id)
        task = self.teamwork.s.container.tasks.get(task_id)
        return None if cid is None or task is None else self._row(cid, task)

    def assignees(self, conversation: str) -> list[tuple[str, str]]:
        """(uid, name): the members, then the functional accounts of the directory."""
        people, roles = self.people_and_roles(conversation)
        return [*people, *roles]

    def people_and_roles(
        self, conversation: str
    ) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        """(uid, name) of the members and of the directory's functional accounts."""
        state = self.teamwork.s.container.conversations.state(self.teamwork.known(conversation))
        people = [(str(u), self._name(u)) for u in state.members] if state else []
        index = self.teamwork.s.directory.index()
        roles = [(e.uid, e.cn) for e in index.entries if e.is_function]
        return sorted(people, key=lambda x: x[1]), sorted(roles, key=lambda x: x[1])

    async def add_task(
        self,
        conversation: str,
        title: str,
        *,
        assignee: str | None,
        due_ms: int | None,
        urgent: bool,
        notes: str,
        items: tuple[str | tuple[str, bool], ...],
        from_message: str | None,
    ) -> TaskRow:
        async with self._busy:
            task = await self.teamwork.add_task(
                conversation,
                title,
                assignee=assignee,
                due_ms=due_ms,
                urgent=urgent,
                notes=notes,
                items=items,
                from_message=from_message,
            )
        return self._row(conversation, task)

    async def change_task(self, task_id: str, fields: Mapping[str, FieldValue]) -> TaskRow:
        async with self._busy:
            task = await self.teamwork.change_task(task_id, fields)
        cid = self.teamwork.s.container.tasks.conversation_of(task_id) or ""
        return self._row(cid, task)

    def _row(self, cid: str, task: Task) -> TaskRow:
        return self.rows([(cid, task)])[0]

    def rows(self, found: Iterable[tuple[str, Task]]) -> list[TaskRow]:
        """Rows with names and titles looked up once per person and conversation, not
        per task: a title reads the conversation's state from the container, and "My
        tasks" has ~1,500 tasks in 50 conversations (bench/bench_teamwork.py)."""
        now = to_ms(self._clock())
        titles: dict[str, str] = {}
        names: dict[str, str] = {"": ""}
        out = []
        for cid, task in found:
            title = titles.get(cid)
            if title is None:
                title = titles[cid] = self._title(cid)
            who = task.assignee or ""
            name = names.get(who)
            if name is None:
                name = names[who] = self._name(who)
            due = task.due_ms
            overdue = due is not None and due < now and task.state in OPEN_STATES
            out.append(TaskRow(cid, title, task, name, overdue))
        return out

    def handover_pdf(self, conversation: str, heading: str, lines: list[str]) -> bytes:
        """The handover list as PDF (the GUI gives the translated lines)."""
        self.teamwork.known(conversation)
        return text_pdf(heading, lines, self._clock())

    # ---- calendar --------------------------------------------------------------------

    def occurrences(self, conversation: str, start: datetime, end: datetime) -> list[OccurrenceRow]:
        rows = []
        for cid, event, occ in self.teamwork.occurrences(conversation, start, end):
            role = self._name(event.duty_role) if event.duty_role else ""
            holder = self._name(event.duty_holder) if event.duty_holder else ""
            rows.append(OccurrenceRow(cid, event, occ, role, holder))
        return rows

    async def save_event(self, conversation: str, event: CalendarEvent) -> CalendarEvent:
        async with self._busy:
            return await self.teamwork.add_event(conversation, event)

    async def delete_event(self, event_id: str) -> None:
        async with self._busy:
            await self.teamwork.delete_event(event_id)

    async def import_ics(self, conversation: str, path: Path) -> int:
        with chosen_file(path), path.open("rb") as fh:  # missing, not allowed, a folder
            size = os.fstat(fh.fileno()).st_size
            if size > MAX_ICS_BYTES:  # refused before a byte is read (a 4 GB file by mistake)
                raise TeamworkRefused(
                    f"The calendar file is larger than {MAX_ICS_BYTES // 2**20} MiB.",
                    key="ics_invalid",
                )
            data = fh.read(MAX_ICS_BYTES + 1)  # a file that grew meanwhile: at most one more
        async with self._busy:  # floating times: this PC's zone with its clock changes
            return await self.teamwork.import_ics(conversation, data, local_zone())

    def export_ics(self, conversation: str, destination: Path) -> int:
        """Write the conversation's calendar as .ics (the GUI asked and warned first)."""
        data = self.teamwork.export_ics(conversation)
        with chosen_file(destination, saving=True):
            write_whole(destination, data)
        return len(data)

    def duties_now(self) -> list[DutyRow]:
        """Who is on duty now for each functional account with shifts in my calendars."""
        now = self._clock()
        roles = {e.duty_role for _c, e in self.teamwork.events() if e.duty_role}
        rows = []
        for role in sorted(roles):
            duty = self.teamwork.on_duty(role, now)
            if duty.now is None:
                continue
            cid, shift = duty.now
            holder = self._name(shift.duty_holder) if shift.duty_holder else ""
            also = tuple(self._name(o.duty_holder) for _c, o in duty.also_now if o.duty_holder)
            rows.append(
                DutyRow(self._name(role), holder, shift.start, shift.end, self._title(cid), also)
            )
        return sorted(rows, key=lambda r: r.role_name)

    def duty(self, role: str) -> tuple[DutyShift | None, DutyShift | None, tuple[DutyShift, ...]]:
        """Who is on duty for ``role`` now and next by my calendars (directory card), and
        who else other calendars name for now (services/duty_roster.py)."""
        found = self.teamwork.on_duty(role, self._clock())

        def shift(pair: tuple[str, Occurrence]) -> DutyShift:
            cid, occ = pair
            name = self._name(occ.duty_holder) if occ.duty_holder else ""
            return DutyShift(name, occ.start, occ.end, self._title(cid))

        now = None if found.now is None else shift(found.now)
        later = None if found.next is None else shift(found.next)
        return now, later, tuple(shift(x) for x in found.also_now)

    # ---- reminders -------------------------------------------------------------------

    def reminders(self, since: datetime, until: datetime) -> list[Reminder]:
        """Tasks of mine falling due and events starting EVENT_MINUTES_BEFORE later, in
        (since, until]; only the conversation and the title (a shared PC's popup). Reads
        the directory on this PC (no refresh: this runs every minute)."""
        tw = self.teamwork
        mine = tw.s.container.tasks.assigned_to(tw.roles_held() | {tw.s.uid})
        out = []
        for cid, task in mine:
            due = task.due_ms
            if due is not None and to_ms(since) < due <= to_ms(until):
                key = f"task:{task.task_id}:{due}"
                out.append(Reminder(key, self._title(cid), task.title, False, due))
        ahead = timedelta(minutes=EVENT_MINUTES_BEFORE)
        # (since, until] here, [start, end) there: an event starting exactly at until +
        # ahead was in neither this look nor the next, its reminder lost (a clock on the
        # minute, as a look at unlock or a timer can land, against shifts on the hour)
        later = until + ahead + timedelta(microseconds=1)
        for cid, _event, occ in self.teamwork.occurrences(None, since + ahead, later):
            if since + ahead < occ.start <= until + ahead:
                key = f"event:{occ.event_id}:{to_ms(occ.start)}"
                start = to_ms(occ.start)
                out.append(Reminder(key, self._title(cid), occ.title, True, start))
        return out

    def missed_reminders(self) -> tuple[list[Reminder], datetime]:
        """At unlock: what fell due since this PC last looked (locked, closed), not shown
        yet, and now (the start of the live reminders). Nothing on a first unlock. The GUI
        calls ``shown`` once it showed them (a lock meanwhile: they come next unlock)."""
        now = self._clock()
        checked = self.log.checked_until()
        if checked is None:
            self.log.record({}, to_ms(now))
            return [], now
        since = max(datetime.fromtimestamp(checked / 1000, now.tzinfo), now - MISSED_LOOKBACK)
        return self._new(since, now), now

    def due_reminders(self, since: datetime) -> tuple[list[Reminder], datetime]:
        """What falls due from ``since`` to now and was not shown yet; and now."""
        now = self._clock()
        return self._new(since, now), now

    def shown(self, reminders: list[Reminder], until: datetime) -> None:
        """The GUI showed ``reminders`` and looked up to ``until``: never again."""
        self.log.record({r.key: r.at_ms for r in reminders}, to_ms(until))

    def _new(self, since: datetime, until: datetime) -> list[Reminder]:
        shown = self.log.shown()
        return [r for r in self.reminders(since, until) if r.key not in shown]
