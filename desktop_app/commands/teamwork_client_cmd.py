"""`wardlink client … task | tasks | calendar`: a conversation's tasks and duty calendar
(services/teamwork.py; docs/teamwork.md). Changes made offline go out on the next sync;
reading is offline (run `sync` first to take in the others' changes)."""

from __future__ import annotations

import argparse
import json
import sys
import uuid
from collections.abc import Callable
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import Any, Final

from desktop_app.commands.id_args import add_id_argument
from desktop_app.domain import time_bounds
from desktop_app.domain.calendar import CalendarEvent
from desktop_app.domain.tasks import Task, TaskState
from desktop_app.domain.wall_clock import WallClockError, wall_clock
from desktop_app.services.chosen_file import chosen_file
from desktop_app.services.local_zone import local_zone
from desktop_app.services.messenger import Messenger
from desktop_app.storage.atomic import write_whole
from desktop_app.storage.timeutil import from_ms

Runner = Callable[..., Callable[[argparse.Namespace], int]]
DEFAULT_DAYS: Final = 7  # calendar list/export without --to: this many days from --from


def register_client_teamwork(
    actions: argparse._SubParsersAction[argparse.ArgumentParser], run: Runner
) -> None:
    task = actions.add_parser("task", help="add or change a task of a conversation")
    tsub = task.add_subparsers(dest="task_action", required=True, metavar="ACTION")
    p = tsub.add_parser("add", help="a new task in a conversation")
    add_id_argument(p, "conversation", "the conversation's id")
    p.add_argument("title")
    p.add_argument("--assign", metavar="UID|ROLE", help="a member or a functional account")
    p.add_argument("--due", type=_when, metavar="ISO8601")
    p.add_argument("--urgent", action="store_true")
    p.add_argument("--from-message", metavar="ID", help="the message this task comes from")
    p.add_argument("--notes", default="")
    p.add_argument("--item", action="append", default=[], help="a checklist item (repeat)")
    p.set_defaults(handler=run(_task_add, offline_ok=True))

    p = tsub.add_parser("set", help="change a task's state (or title, assignee, due)")
    add_id_argument(p, "task_id", "the task's id (tasks --json shows it)")
    p.add_argument("--state", choices=[s.value for s in TaskState])
    p.add_argument("--title")
    p.add_argument("--assign", metavar="UID|ROLE")
    p.add_argument("--due", type=_when, metavar="ISO8601")
    p.set_defaults(handler=run(_task_set, offline_ok=True))

    p = actions.add_parser("tasks", help="list tasks (of one conversation, or --mine)")
    p.add_argument("conversation", nargs="?", help="the conversation's id (default: all)")
    p.add_argument("--mine", action="store_true", help="open tasks of mine and my roles")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run(_tasks, online=False))

    cal = actions.add_parser("calendar", help="a conversation's duty calendar")
    csub = cal.add_subparsers(dest="calendar_action", required=True, metavar="ACTION")
    p = csub.add_parser("add", help="add an event or a duty shift")
    add_id_argument(p, "conversation", "the conversation's id")
    p.add_argument("title")
    p.add_argument("--start", type=_when, required=True, metavar="ISO8601")
    p.add_argument("--end", type=_when, required=True, metavar="ISO8601")
    p.add_argument("--rrule", metavar="RULE", help="RFC 5545, e.g. FREQ=WEEKLY;BYDAY=MO")
    p.add_argument("--location", default="")
    p.add_argument("--duty", metavar="ROLE", help="the functional account of this shift")
    p.add_argument("--holder", metavar="UID", help="who holds it for this shift")
    p.set_defaults(handler=run(_calendar_add, offline_ok=True))

    p = csub.add_parser("import", help="import an .ics file (e.g. a roster export)")
    add_id_argument(p, "conversation", "the conversation's id")
    p.add_argument("file", type=Path, metavar="FILE.ics")
    p.set_defaults(handler=run(_calendar_import, offline_ok=True))

    p = csub.add_parser("export", help="write the calendar (or a date range) as .ics")
    add_id_argument(p, "conversation", "the conversation's id")
    p.add_argument("out", type=Path, metavar="OUT.ics")
    _range(p)
    p.set_defaults(handler=run(_calendar_export, online=False))

    p = csub.add_parser("list", help="occurrences in a date range (default: the next week)")
    p.add_argument("conversation", nargs="?", help="the conversation's id (default: all)")
    _range(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run(_calendar_list, online=False))


def _range(p: argparse.ArgumentParser) -> None:
    p.add_argument("--from", dest="start", type=_when, metavar="DATE")
    p.add_argument("--to", dest="end", type=_when, metavar="DATE")


def _zone() -> tzinfo:
    """This PC's zone (with its daylight saving rules, by name): floating times are taken
    in it, and an event entered so repeats at the same wall-clock time."""
    return local_zone()


def _when(text: str) -> datetime:
    """ISO 8601 date or date-time; without an offset it is this PC's local time (one
    the clock change skips or repeats is refused, saying what to type)."""
    try:
        if len(text) == 10:
            return datetime.combine(date.fromisoformat(text), time(0, 0), tzinfo=_zone())
        value = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an ISO 8601 date or time") from None
    if value.tzinfo is not None:
        return value
    try:  # a time the clock change skips or repeats: refused, never moved by an hour
        return wall_clock(value, _zone())
    except WallClockError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _ms(value: datetime | None) -> int | None:
    return None if value is None else int(value.timestamp() * 1000)


async def _task_add(m: Messenger, args: argparse.Namespace) -> int:
    task = await m.teamwork.add_task(
        args.conversation,
        args.title,
        assignee=args.assign,
        due_ms=_ms(args.due),
        urgent=args.urgent,
        notes=args.notes,
        items=tuple(args.item),
        from_message=args.from_message,
    )
    print(f"task {task.task_id}: {task.title}")
    return 0


async def _task_set(m: Messenger, args: argparse.Namespace) -> int:
    fields: dict[str, Any] = {}
    if args.state is not None:
        fields["state"] = args.state
    if args.title is not None:
        fields["title"] = args.title
    if args.assign is not None:
        fields["assignee"] = args.assign
    if args.due is not None:
        fields["due_ms"] = _ms(args.due)
    if not fields:
        raise SystemExit("wardlink: give at least one of --state, --title, --assign, --due")
    task = await m.teamwork.change_task(args.task_id, fields)
    print(f"task {task.task_id}: {task.state.value} ({task.title})")
    return 0


async def _tasks(m: Messenger, args: argparse.Namespace) -> int:
    tw = m.teamwork
    found = await tw.my_tasks() if args.mine else tw.tasks(args.conversation)
    if args.mine and args.conversation is not None:
        found = [(c, t) for c, t in found if c == args.conversation]
    if args.json:
        json.dump([task_json(c, t) for c, t in found], sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    for cid, t in found:
        moment = _due(t)
        due = "" if moment is None else f" due {moment.astimezone():%Y-%m-%d %H:%M}"
        who = f" -> {m.s.display_name(t.assignee)}" if t.assignee else ""
        urgent = " URGENT" if t.priority.value == "urgent" else ""
        print(f"{t.task_id} [{t.state.value}]{urgent} {t.title}{who}{due} ({cid})")
    return 0


def _due(t: Task) -> datetime | None:
    """The task's due time, or None also for one outside the years 2000 to 9000 (kept
    before receivers refused them): one such task must not make the list unreadable."""
    if t.due_ms is None or not time_bounds.within_ms(t.due_ms):
        return None
    return from_ms(t.due_ms)


def task_json(cid: str, t: Task) -> dict[str, Any]:
    """A task as `tasks --json` prints it (keys of issue 14, plus a few more)."""
    return {
        "id": t.task_id,
        "conversation": cid,
        "title": t.title,
        "notes": t.notes,
        "assignee": t.assignee,
        "due": None if (moment := _due(t)) is None else moment.isoformat(),
        "priority": t.priority.value,
        "state": t.state.value,
        "changed_by": t.state_by,
        "changed_at": from_ms(t.state_at_ms).isoformat(),
        "created_by": t.created_by,
        "message_id": t.message_id,
        "items": [{"id": i.item_id, "text": i.text, "done": i.done} for i in t.items],
    }


async def _calendar_add(m: Messenger, args: argparse.Namespace) -> int:
    if (args.duty is None) != (args.holder is None):
        raise SystemExit("wardlink: a duty shift needs both --duty ROLE and --holder UID")
    event = CalendarEvent(
        event_id=_new_event_id(),
        title=args.title,
        start=args.start,
        end=args.end,
        location=args.location,
        rrule=args.rrule,
        duty_role=args.duty,
        duty_holder=args.holder,
    )
    event = await m.teamwork.add_event(args.conversation, event)  # its id names the chat
    print(f"event {event.event_id}: {event.title}")
    return 0


def _new_event_id() -> str:
    return uuid.uuid4().hex


async def _calendar_import(m: Messenger, args: argparse.Namespace) -> int:
    count = await m.teamwork.import_ics(args.conversation, args.file.read_bytes(), _zone())
    print(f"imported {count} events into {args.conversation}")
    return 0


async def _calendar_export(m: Messenger, args: argparse.Namespace) -> int:
    start, end = _bounds(args, default=None)
    data = m.teamwork.export_ics(args.conversation, start, end)
    with chosen_file(args.out, saving=True):
        write_whole(args.out, data)
    print(f"wrote {args.out}")
    return 0


def _bounds(
    args: argparse.Namespace, default: timedelta | None = timedelta(days=DEFAULT_DAYS)
) -> tuple[datetime | None, datetime | None]:
    start: datetime | None = args.start
    end: datetime | None = args.end
    if start is None and end is None and default is None:
        return None, None
    if start is None:
        start = datetime.combine(date.today(), time(0, 0), tzinfo=_zone())
    if end is None:
        end = start + (default or timedelta(days=DEFAULT_DAYS))
    if end <= start:
        raise SystemExit("wardlink: --to must be after --from")
    return start, end


async def _calendar_list(m: Messenger, args: argparse.Namespace) -> int:
    start, end = _bounds(args)
    assert start is not None and end is not None
    found = m.teamwork.occurrences(args.conversation, start, end)
    if args.json:
        entries: dict[str, dict[str, Any]] = {}
        for cid, event, occ in found:
            entry = entries.setdefault(event.event_id, event_json(cid, event))
            entry["occurrences"].append(
                {"start": occ.start.isoformat(), "end": occ.end.isoformat()}
            )
        json.dump(list(entries.values()), sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    for cid, event, occ in found:
        duty = f" [{event.duty_role}: {event.duty_holder}]" if event.duty_role else ""
        print(
            f"{occ.start.astimezone():%a %Y-%m-%d %H:%M}-{occ.end.astimezone():%H:%M} "
            f"{event.title}{duty} ({cid}, {event.event_id})"
        )
    return 0


def event_json(cid: str, e: CalendarEvent) -> dict[str, Any]:
    """A calendar entry as `calendar list --json` prints it, before its occurrences."""
    return {
        "id": e.event_id,
        "conversation": cid,
        "title": e.title,
        "start": e.start.isoformat(),
        "end": e.end.isoformat(),
        "all_day": e.all_day,
        "location": e.location,
        "rrule": e.rrule,
        "duty_role": e.duty_role,
        "duty_holder": e.duty_holder,
        "zone": e.zone,
        "exdates": [d.isoformat() for d in e.exdates],
        "occurrences": [],
    }
