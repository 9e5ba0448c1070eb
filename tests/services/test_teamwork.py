"""Tasks and the duty calendar end to end (issue 14): three people, a real relay, real
containers and Megolm. A task for a role reaches whoever holds it and moves with the
hand-over; offline edits converge; an .ics roster goes in and out unchanged; a
non-member's change and a change naming another conversation's task are refused."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest

from desktop_app.commands.directory_client_cmd import _show as show
from desktop_app.directory.generate import functional_account
from desktop_app.directory.model import Entry
from desktop_app.domain.calendar import CalendarEvent
from desktop_app.domain.tasks import TaskState
from desktop_app.protocol import content as wire
from desktop_app.protocol.content_teamwork import MAX_CLOCK
from desktop_app.relay.directory_admin import import_directory
from desktop_app.services.session import ClientSession
from desktop_app.services.teamwork import TeamworkRefused
from tests.directory.files import to_csv
from tests.relay.conftest import ADMIN
from tests.services.conftest import Person, ward
from tests.services.modified_client import forge, handled_before, sneak

ANNA = Entry(uid="weber.anna", cn="Anna Weber", department="Kardiologie")
JONAS = Entry(uid="mueller.jonas", cn="Jonas Müller", department="Kardiologie")
MIA = Entry(uid="yilmaz.mia", cn="Mia Yılmaz", department="Kardiologie")
ROLE = "dienst.kardio"
DIENST = functional_account(ROLE, "Dienstarzt Kardiologie", "Kardiologie", (JONAS.uid,))
BERLIN = ZoneInfo("Europe/Berlin")


def directory(relay_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "staff.csv").write_bytes(to_csv([ANNA, JONAS, MIA, DIENST]))
    import_directory(relay_dir, tmp_path / "staff.csv", ADMIN)


async def team(w: Any) -> tuple[Person, Person, Person, str]:
    anna = await w.person(ANNA.uid)
    jonas = await w.person(JONAS.uid)
    mia = await w.person(MIA.uid)
    cid = await anna.messenger.create_group("Station 3B", [JONAS.uid, MIA.uid])
    for p in (jonas, mia):
        await p.messenger.sync()
    return anna, jonas, mia, cid


async def mine(person: Person) -> list[str]:
    return [t.title for _cid, t in await person.messenger.teamwork.my_tasks()]


def test_a_task_for_a_role_reaches_its_holder_and_moves_with_the_hand_over(
    relay_dir: Path, tmp_path: Path
) -> None:
    directory(relay_dir, tmp_path)

    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            anna, jonas, mia, cid = await team(w)
            due = int(datetime(2026, 12, 6, 7, 0, tzinfo=UTC).timestamp() * 1000)
            task = await anna.messenger.teamwork.add_task(
                cid, "EKG Zi. 4 kontrollieren", assignee=ROLE, due_ms=due, urgent=True,
                items=("12-Kanal", "Befund an OA"),
            )  # fmt: skip
            await jonas.messenger.sync()
            await mia.messenger.sync()
            assert await mine(jonas) == ["EKG Zi. 4 kontrollieren"]
            assert await mine(mia) == []
            assert await mine(anna) == []
            seen = jonas.container.tasks.get(task.task_id)
            assert seen is not None and seen.due_ms == due and seen.created_by == ANNA.uid
            assert {i.text for i in seen.items} == {"12-Kanal", "Befund an OA"}

            # Mia takes the duty over: the role's open task is hers now, not Jonas's
            await mia.session.directory.take_over(mia.session.require_link(), ROLE)
            assert await mine(mia) == ["EKG Zi. 4 kontrollieren"]
            assert await mine(jonas) == []

            done = await mia.messenger.teamwork.set_state(task.task_id, TaskState.DONE)
            assert done.state is TaskState.DONE and done.state_by == MIA.uid
            await anna.messenger.sync()
            at_anna = anna.container.tasks.get(task.task_id)
            assert at_anna is not None and at_anna.state is TaskState.DONE
            assert at_anna.state_by == MIA.uid
            assert await mine(mia) == []

    asyncio.run(scenario())


def test_concurrent_edits_from_two_offline_devices_converge(
    relay_dir: Path, tmp_path: Path
) -> None:
    directory(relay_dir, tmp_path)

    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            anna, jonas, mia, cid = await team(w)
            tw = anna.messenger.teamwork
            task = await tw.add_task(cid, "Übergabe Zi. 7", assignee=JONAS.uid)
            await jonas.messenger.sync()
            await mia.messenger.sync()
            # Jonas and Mia change the same task on PCs without the relay
            for p in (jonas, mia):
                await p.session.close()
            await jonas.messenger.teamwork.change_task(
                task.task_id, {"title": "Übergabe Zi. 7 (Jonas)", "state": "in-progress"}
            )
            await mia.messenger.teamwork.change_task(
                task.task_id, {"title": "Übergabe Zi. 7 (Mia)", "notes": "Labor 14 Uhr"}
            )
            offline = jonas.container.tasks.get(task.task_id)  # shown at once, offline
            assert offline is not None and offline.title == "Übergabe Zi. 7 (Jonas)"
            for p in (jonas, mia):
                await p.connect(w.relay.port)
            for p in (jonas, mia, anna, jonas):  # the offline changes go out on sync
                await p.messenger.sync()
            views = [p.container.tasks.get(task.task_id) for p in (anna, jonas, mia)]
            assert views[0] is not None
            assert views[0] == views[1] == views[2]
            assert views[0].state is TaskState.IN_PROGRESS  # fields nobody else wrote merge
            assert views[0].notes == "Labor 14 Uhr"
            assert views[0].title in ("Übergabe Zi. 7 (Jonas)", "Übergabe Zi. 7 (Mia)")
            # a change made after seeing both wins everywhere (the clock moved past both)
            after = await anna.messenger.teamwork.change_task(task.task_id, {"title": "Zi. 7"})
            assert after.clock > max(v.clock for v in views if v is not None)
            for p in (jonas, mia):
                await p.messenger.sync()
                seen = p.container.tasks.get(task.task_id)
                assert seen is not None and seen.title == "Zi. 7"

    asyncio.run(scenario())


def test_a_non_member_and_another_conversations_task_are_refused(
    relay_dir: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    directory(relay_dir, tmp_path)
    caplog.set_level(logging.WARNING, logger="wardlink.teamwork")

    def refused(change_id: str) -> list[str]:
        lines = [r.getMessage() for r in caplog.records if r.name == "wardlink.teamwork"]
        return [line for line in lines if f" {change_id} from " in line]

    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            anna, jonas, mia, cid = await team(w)
            task = await anna.messenger.teamwork.add_task(cid, "Medikation prüfen")
            await jonas.messenger.sync()
            await mia.messenger.sync()
            # Mia is in a second conversation with Jonas only, and names the team's task
            other = await mia.messenger.create_group("Mia und Jonas", [JONAS.uid])
            await jonas.messenger.sync()
            hijack = wire.TaskChange(
                1,
                task.task_id,
                "hijack-1",
                99,
                0,
                {"created": True, "state": "cancelled", "title": "weg"},
            )
            await sneak(mia, other, hijack)
            await handled_before(mia, other, (jonas,), "Aufgabe gesehen?")
            kept = jonas.container.tasks.get(task.task_id)
            assert kept is not None and kept.state is TaskState.OPEN
            assert kept.title == "Medikation prüfen"
            assert jonas.container.tasks.conversation_of(task.task_id) == cid
            # a task in the second conversation cannot link a message of the team's
            note = await anna.messenger.send_text(cid, "Kalium 6,1 bei Zi. 4")
            await jonas.messenger.sync()
            linked = {"created": True, "title": "Kalium", "message_id": note.message_id}
            await sneak(mia, other, wire.TaskChange(1, "linked-1", "l-1", 1, 0, linked))
            await handled_before(mia, other, (jonas,), "Kalium gesehen?")
            assert jonas.container.tasks.get("linked-1") is None
            added = await anna.messenger.teamwork.add_event(
                cid,
                CalendarEvent(
                    "ev-hijack", "Frühdienst", datetime(2026, 12, 7, 6, tzinfo=BERLIN),
                    datetime(2026, 12, 7, 14, tzinfo=BERLIN),
                ),
            )  # fmt: skip
            event = wire.CalendarChange(
                1, added.event_id, "c-1", 5, 0, "Dienst", "2026-12-07T07:00:00+01:00",
                "2026-12-07T15:00:00+01:00",
            )  # fmt: skip
            await jonas.messenger.sync()
            await sneak(mia, other, event)
            await handled_before(mia, other, (jonas,), "Dienst gesehen?")
            assert [(c, e.title) for c, e in jonas.messenger.teamwork.events()] == [
                (cid, "Frühdienst")
            ]
            (line,) = refused("c-1")
            assert line.endswith("its id was made for another conversation")

            # Anna removes Mia: her own client no longer sends there; a modified one
            # sends the change to the others anyway, and they refuse it
            await anna.messenger.remove_member(cid, MIA.uid)
            await jonas.messenger.sync()
            await mia.messenger.sync()
            with pytest.raises(TeamworkRefused, match="no longer a member"):
                await mia.messenger.teamwork.set_state(task.task_id, TaskState.DONE)
            done = wire.TaskChange(1, task.task_id, "after-removal", 100, 0, {"state": "done"})
            await forge(mia, cid, (ANNA.uid, JONAS.uid), done)
            await handled_before(mia, other, (jonas,), "Erledigt.")
            await handled_before(mia, ANNA.uid, (anna,), "Erledigt, Anna.")
            for p in (anna, jonas):
                kept = p.container.tasks.get(task.task_id)
                assert kept is not None and kept.state is TaskState.OPEN
            assert refused("after-removal")  # it arrived, and was refused

    asyncio.run(scenario())


def test_a_roster_with_recurring_shifts_imports_and_exports_unchanged(
    relay_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    directory(relay_dir, tmp_path)
    roster = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Roster//Test//DE\r\n"
        "BEGIN:VEVENT\r\nUID:frueh-1@roster.example\r\nDTSTAMP:20261201T000000Z\r\n"
        "DTSTART:20261207T060000Z\r\nDTEND:20261207T140000Z\r\n"
        "RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=12\r\nSUMMARY:Frühdienst Kardiologie\r\n"
        "LOCATION:Station 3B\r\nX-WARDLINK-DUTY-ROLE:dienst.kardio\r\n"
        "X-WARDLINK-DUTY-HOLDER:mueller.jonas\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:nacht-1@roster.example\r\nDTSTAMP:20261201T000000Z\r\n"
        "DTSTART:20261207T200000Z\r\nDTEND:20261208T060000Z\r\n"
        "RRULE:FREQ=DAILY;INTERVAL=2;UNTIL=20261231T200000Z\r\nSUMMARY:Nachtdienst\r\n"
        "X-WARDLINK-DUTY-ROLE:dienst.kardio\r\nX-WARDLINK-DUTY-HOLDER:yilmaz.mia\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()

    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            anna, jonas, _mia, cid = await team(w)
            assert await anna.messenger.teamwork.import_ics(cid, roster, BERLIN) == 2
            await jonas.messenger.sync()
            exported = jonas.messenger.teamwork.export_ics(cid)
            assert canonical(exported) == canonical(roster)
            # who is on duty: Jonas on Monday morning, Mia that night
            duty = jonas.messenger.teamwork.on_duty(ROLE, datetime(2026, 12, 7, 9, tzinfo=UTC))
            assert duty.now is not None and duty.now[1].duty_holder == JONAS.uid
            assert duty.next is not None and duty.next[1].duty_holder == MIA.uid
            # the functional account's directory card says who is on duty now and next
            offline = ClientSession(jonas.container, lambda: datetime(2026, 12, 7, 9, tzinfo=UTC))
            await show(offline, argparse.Namespace(uid=ROLE, json=True))
            card = json.loads(capsys.readouterr().out)
            assert card["holders"] == [JONAS.uid]  # the directory's holder, beside the roster
            assert card["on_duty_now"]["holder"] == JONAS.uid
            assert card["on_duty_next"]["holder"] == MIA.uid
            assert card["on_duty_next"]["start"] == "2026-12-07T20:00:00+00:00"
            week = jonas.messenger.teamwork.occurrences(
                cid, datetime(2026, 12, 7, tzinfo=UTC), datetime(2026, 12, 14, tzinfo=UTC)
            )
            assert len(week) == 3 + 4  # Mo, We, Fr early shifts; nights on 7, 9, 11, 13
            # Jonas cancels the night shifts: gone everywhere, and the deletion is kept
            (night,) = [e for _c, e in jonas.messenger.teamwork.events(cid) if e.rrule and
                        e.title == "Nachtdienst"]  # fmt: skip
            await jonas.messenger.teamwork.delete_event(night.event_id)
            await anna.messenger.sync()
            assert [e.title for _c, e in anna.messenger.teamwork.events(cid)] == [
                "Frühdienst Kardiologie"
            ]
            assert anna.container.calendar.conversation_of(night.event_id) == cid
            # importing the same roster again updates (and brings the deleted shifts
            # back, as a newer version), never doubles
            assert await anna.messenger.teamwork.import_ics(cid, roster, BERLIN) == 2
            assert len(anna.messenger.teamwork.events(cid)) == 2
            # a year's roster (1,200 shifts) travels in a few envelopes, not 1,200
            seen = "SELECT count(*) FROM received_envelopes"
            before = jonas.container.database.scalar(seen)
            year = roster_of(1_200)
            assert await anna.messenger.teamwork.import_ics(cid, year, BERLIN) == 1_200
            await jonas.messenger.sync()
            assert len(jonas.messenger.teamwork.events(cid)) == 2 + 1_200
            assert jonas.container.database.scalar(seen) - before <= 4
            # and the same roster in a second conversation is that conversation's own
            other = await anna.messenger.create_group("Kardiologie Ärzte", [JONAS.uid])
            assert await anna.messenger.teamwork.import_ics(other, roster, BERLIN) == 2
            await jonas.messenger.sync()
            assert canonical(jonas.messenger.teamwork.export_ics(other)) == canonical(roster)

    asyncio.run(scenario())


def roster_of(shifts: int) -> bytes:
    events = "".join(
        f"BEGIN:VEVENT\r\nUID:shift-{n}@roster.example\r\nDTSTAMP:20261201T000000Z\r\n"
        f"DTSTART:2027{1 + n // 100 % 12:02d}{1 + n % 28:02d}T{6 + n % 3 * 8:02d}0000Z\r\n"
        f"DURATION:PT8H\r\nSUMMARY:Schicht {n}\r\nLOCATION:Station 3B\r\nEND:VEVENT\r\n"
        for n in range(shifts)
    )
    head = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//R//T//DE\r\n"
    return f"{head}{events}END:VCALENDAR\r\n".encode()


def canonical(data: bytes) -> list[tuple[str, ...]]:
    """The events of an .ics as comparable tuples (icalendar parses both sides)."""
    out = []
    for e in icalendar.Calendar.from_ical(data).walk("VEVENT"):
        out.append(
            (
                str(e.get("SUMMARY")),
                e.decoded("DTSTART").astimezone(UTC).isoformat(),
                e.decoded("DTEND").astimezone(UTC).isoformat(),
                e.get("RRULE").to_ical().decode(),
                str(e.get("LOCATION", "")),
                str(e.get("X-WARDLINK-DUTY-ROLE")),
                str(e.get("X-WARDLINK-DUTY-HOLDER")),
            )
        )
    return sorted(out)


def test_a_clock_thrown_far_ahead_neither_wins_nor_freezes_the_conversation(
    relay_dir: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A member's modified client stamps a change with the largest clock the wire
    allows: adopted, it would win over every later change and leave no clock for the
    others (their next change would be refused as past the limit), so the team's tasks
    and calendar would be frozen for good. The receivers refuse a clock that far ahead
    of what they have seen; the conversation goes on."""
    directory(relay_dir, tmp_path)
    caplog.set_level(logging.WARNING, logger="wardlink.teamwork")

    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            anna, jonas, mia, cid = await team(w)
            task = await anna.messenger.teamwork.add_task(cid, "Medikation prüfen")
            start = datetime(2026, 12, 7, 6, tzinfo=BERLIN)
            shift = CalendarEvent("ev-1", "Frühdienst", start, start.replace(hour=14))
            await anna.messenger.teamwork.add_event(cid, shift)
            await jonas.messenger.sync()
            await mia.messenger.sync()
            jump = wire.TaskChange(1, task.task_id, "jump-1", MAX_CLOCK, 0, {"title": "Meins"})
            await sneak(mia, cid, jump)
            late = wire.CalendarChange(
                1, "ev-1", "jump-2", MAX_CLOCK, 0, "Mias Dienst",
                "2026-12-07T07:00:00+01:00", "2026-12-07T15:00:00+01:00",
            )  # fmt: skip
            await sneak(mia, cid, late)
            await handled_before(mia, cid, (anna, jonas), "Sprung gesehen?")
            for p in (anna, jonas):
                kept = p.container.tasks.get(task.task_id)
                assert kept is not None and kept.title == "Medikation prüfen"
                assert [e.title for _c, e in p.messenger.teamwork.events()] == ["Frühdienst"]
            lines = [r.getMessage() for r in caplog.records if r.name == "wardlink.teamwork"]
            assert any(" jump-1 from " in x and "clock" in x for x in lines), lines
            assert any(" jump-2 from " in x and "clock" in x for x in lines), lines
            # the others still change the task and the shift, and everyone agrees
            await jonas.messenger.teamwork.set_state(task.task_id, TaskState.DONE)
            await jonas.messenger.teamwork.add_event(cid, replace(shift, title="Spätdienst"))
            for p in (anna, mia):
                await p.messenger.sync()
                done = p.container.tasks.get(task.task_id)
                assert done is not None and done.state is TaskState.DONE
                assert [e.title for _c, e in p.messenger.teamwork.events()] == ["Spätdienst"]

    asyncio.run(scenario())
