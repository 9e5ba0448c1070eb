"""Times and rules a member's modified client sends through the real relay to stall or
break the tasks and the duty calendar (audit of issue 14, findings 1-3): each hostile
change is refused at receipt, its envelope is acknowledged (nothing left in the
mailbox), and the honest tasks and calendar still work. No timed assertions: the
absence of the hostile change is what shows it cannot stall anything."""

from __future__ import annotations

import argparse
import asyncio
import logging
import uuid
from datetime import timedelta
from pathlib import Path

import pytest

from desktop_app.commands import teamwork_client_cmd
from desktop_app.domain import tasks
from desktop_app.domain.ids import ConversationId
from desktop_app.protocol import content as wire
from desktop_app.services import teamwork_received
from desktop_app.storage.timeutil import to_ms, utc_now
from tests.services.conftest import ward
from tests.services.modified_client import handled_before, sneak
from tests.services.test_bad_attachment import reconnect
from tests.services.test_teamwork import directory, team

NEVER = "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30"  # 30 February: dateutil walks it to 9999
ROLE = "dienst.kardio"


def test_a_rule_that_never_occurs_is_refused_and_the_roster_still_answers(
    relay_dir: Path, tmp_path: Path
) -> None:
    """Finding 1. Jonas's modified client sends, in one batch, two shifts whose RRULE
    never occurs and one honest shift. The two are refused (never stored, so no query
    walks them), the envelope is acknowledged, and "on duty now" names the honest one."""
    directory(relay_dir, tmp_path)

    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            anna, jonas, _mia, cid = await team(w)
            now = utc_now().replace(microsecond=0)
            start, end = now - timedelta(hours=1), now + timedelta(hours=7)
            changes = [
                wire.CalendarChange(1, f"never-{n}", f"nv-{n}", 1 + n, to_ms(now), "Dienst",
                                    start.isoformat(), end.isoformat(), rrule=NEVER,
                                    duty_role=ROLE, duty_holder="mueller.jonas")
                for n in range(2)
            ] + [
                wire.CalendarChange(1, "honest", "h-1", 3, to_ms(now), "Dienst",
                                    start.isoformat(), end.isoformat(), rrule="FREQ=DAILY",
                                    duty_role=ROLE, duty_holder="yilmaz.mia")
            ]  # fmt: skip
            await sneak(jonas, cid, wire.CalendarBatch(1, changes))
            await handled_before(jonas, cid, (anna,), "Dienstplan steht")
            for n in range(2):
                assert anna.container.calendar.conversation_of(f"never-{n}") is None
            week = anna.messenger.teamwork.occurrences(cid, now, now + timedelta(days=7))
            assert {e.event_id for _c, e, _o in week} == {"honest"}
            duty = anna.messenger.teamwork.on_duty(ROLE, now)
            assert duty.now is not None and duty.now[1].duty_holder == "yilmaz.mia"
            assert await reconnect(anna, w.relay.port) == 0, "left in the mailbox"

    asyncio.run(scenario())


def test_a_due_time_beyond_any_date_is_refused_and_the_task_list_stays_readable(
    relay_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Finding 2. Jonas's modified client creates a task due in the year 33658. Anna's
    PC refuses it and acknowledges the envelope; a task like it kept before receivers
    refused them no longer makes `wardlink client tasks` (text or JSON) fail."""
    directory(relay_dir, tmp_path)

    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            anna, jonas, _mia, cid = await team(w)
            await anna.messenger.teamwork.add_task(cid, "Medikation prüfen")
            await jonas.messenger.sync()
            far = {"created": True, "title": "Später", "state": "open", "priority": "normal",
                   "due_ms": 10**15}  # fmt: skip
            await sneak(jonas, cid, wire.TaskChange(1, "far-1", "far-1", 50,
                                                    to_ms(utc_now()), far))  # fmt: skip
            await handled_before(jonas, cid, (anna,), "Aufgabe angelegt")
            assert anna.container.tasks.get("far-1") is None
            assert await reconnect(anna, w.relay.port) == 0, "left in the mailbox"
            kept = tasks.TaskChange("old-1", uuid.uuid4().hex, "mueller.jonas", "dev", 60,
                                    to_ms(utc_now()), far)  # fmt: skip
            anna.container.tasks.add_change(ConversationId(cid), kept)  # as stored before
            for as_json in (True, False):
                args = argparse.Namespace(mine=False, conversation=cid, json=as_json)
                assert await teamwork_client_cmd._tasks(anna.messenger, args) == 0
                out = capsys.readouterr().out
                assert "Medikation prüfen" in out and "Später" in out

    asyncio.run(scenario())


def test_times_at_the_end_of_time_are_refused_and_acknowledged(
    relay_dir: Path, tmp_path: Path
) -> None:
    """Finding 3. Jonas's modified client sends an event on 20 December 9999 (adding its
    31 days overflowed) and a task due at 2**63 ms (more than SQLite holds). Both used
    to raise OverflowError, which left the envelope unacknowledged, coming again at
    every login. Now both are refused and acknowledged; his next honest event shows."""
    directory(relay_dir, tmp_path)

    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            anna, jonas, _mia, cid = await team(w)
            end_of_time = wire.CalendarChange(
                1, "eot-1", "eot-1", 7, to_ms(utc_now()), "Dienst",
                "9999-12-20T00:00:00+00:00", "9999-12-20T08:00:00+00:00",
            )  # fmt: skip
            await sneak(jonas, cid, end_of_time)
            huge = {"created": True, "title": "x", "due_ms": 2**63}
            await sneak(jonas, cid, wire.TaskChange(1, "huge-1", "huge-1", 8, 0, huge))
            honest = wire.CalendarChange(
                1, "honest-1", "h-1", 9, to_ms(utc_now()), "Teamsitzung",
                "2026-12-09T09:00:00+01:00", "2026-12-09T10:00:00+01:00",
            )  # fmt: skip
            await sneak(jonas, cid, honest)
            await handled_before(jonas, cid, (anna,), "Gesendet")
            assert anna.container.calendar.conversation_of("eot-1") is None
            assert anna.container.tasks.get("huge-1") is None
            assert [e.title for _c, e in anna.messenger.teamwork.events(cid)] == ["Teamsitzung"]
            assert await reconnect(anna, w.relay.port) == 0, "left in the mailbox"

    asyncio.run(scenario())


def test_a_change_that_trips_an_unforeseen_error_is_refused_not_redelivered(
    relay_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Finding 3, the receive path itself: whatever error one hostile change finds that
    no check foresaw, that change is refused and the others of its batch applied, and
    the envelope is acknowledged (stands in for the next such bug)."""
    directory(relay_dir, tmp_path)
    real = teamwork_received.apply_event

    def tripping(*args: object) -> None:
        change = args[-1]
        assert isinstance(change, wire.CalendarChange)
        if change.event_id == "bad":
            raise KeyError("a bug a value found")
        real(*args)  # type: ignore[arg-type]

    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            anna, jonas, _mia, cid = await team(w)
            monkeypatch.setattr(teamwork_received, "apply_event", tripping)
            changes = [
                wire.CalendarChange(1, name, name, n + 1, to_ms(utc_now()), name,
                                    "2026-12-09T09:00:00+01:00", "2026-12-09T10:00:00+01:00")
                for n, name in enumerate(["bad", "good"])
            ]  # fmt: skip
            await sneak(jonas, cid, wire.CalendarBatch(1, changes))
            await handled_before(jonas, cid, (anna,), "Gesendet")
            assert [e.event_id for _c, e in anna.messenger.teamwork.events(cid)] == ["good"]
            assert await reconnect(anna, w.relay.port) == 0, "left in the mailbox"

    asyncio.run(scenario())


def test_a_recurring_shift_from_2090_on_is_refused_without_a_long_probe(
    relay_dir: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Jonas's modified client sends shifts starting in 2095 whose rules never occur:
    before, each cost every member's PC a probe walking some 310 years (about 190 ms;
    500 of them 95 s of CPU) before it was refused as never occurring. Now a recurring
    shift from 2090 on is refused at once, for that reason; a honest shift still counts."""
    directory(relay_dir, tmp_path)

    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            anna, jonas, _mia, cid = await team(w)
            now = utc_now().replace(microsecond=0)
            far = now.replace(year=2095)
            changes = [
                wire.CalendarChange(1, f"far-{n}", f"far-{n}", 1 + n, to_ms(now), "Dienst",
                                    far.isoformat(), (far + timedelta(hours=8)).isoformat(),
                                    rrule=rule, duty_role=ROLE, duty_holder="mueller.jonas")
                for n, rule in enumerate((NEVER, "FREQ=DAILY"))
            ] + [
                wire.CalendarChange(1, "honest", "h-1", 3, to_ms(now), "Dienst",
                                    (now - timedelta(hours=1)).isoformat(),
                                    (now + timedelta(hours=7)).isoformat(), rrule="FREQ=DAILY",
                                    duty_role=ROLE, duty_holder="yilmaz.mia")
            ]  # fmt: skip
            with caplog.at_level(logging.WARNING):
                await sneak(jonas, cid, wire.CalendarBatch(1, changes))
                await handled_before(jonas, cid, (anna,), "Dienstplan steht")
            refused = [r.getMessage() for r in caplog.records if "far-" in r.getMessage()]
            assert len(refused) == 2 and all("start before 2090" in m for m in refused), refused
            for n in range(2):
                assert anna.container.calendar.conversation_of(f"far-{n}") is None
            duty = anna.messenger.teamwork.on_duty(ROLE, now)
            assert duty.now is not None and duty.now[1].duty_holder == "yilmaz.mia"
            assert await reconnect(anna, w.relay.port) == 0, "left in the mailbox"

    asyncio.run(scenario())
