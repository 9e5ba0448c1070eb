"""The duty calendar across Germany's clock changes (walk 20c), two people, a real relay:
a weekly night shift entered in winter keeps 21:00 wall-clock after both changes (the
zone's name travels and is stored), and who is on duty at 02:30 on both nights."""

from __future__ import annotations

import argparse
import asyncio
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from desktop_app.commands.directory_client_cmd import _show as show
from desktop_app.commands.teamwork_client_cmd import _calendar_list as calendar_list
from desktop_app.domain.calendar import CalendarEvent
from desktop_app.services.session import ClientSession
from tests.pc_zone import BERLIN, berlin_pc  # noqa: F401
from tests.services.conftest import ward
from tests.services.test_teamwork import JONAS, ROLE, directory, team

MARCH_NIGHT = datetime(2027, 3, 27, 21, tzinfo=BERLIN)  # clocks go 02:00 -> 03:00
OCTOBER_NIGHT = datetime(2027, 10, 30, 21, tzinfo=BERLIN)  # clocks go 03:00 -> 02:00


def night_shift() -> CalendarEvent:
    """Saturday nights 21:00-07:00 from 6 March 2027, as the event dialog makes it: the
    times are local wall-clock times with today's offset (datetime.astimezone())."""
    start = datetime(2027, 3, 6, 21).astimezone()
    return CalendarEvent(
        "nacht",
        "Nachtdienst",
        start,
        datetime(2027, 3, 7, 7).astimezone(),
        rrule="FREQ=WEEKLY;BYDAY=SA",
        duty_role=ROLE,
        duty_holder=JONAS.uid,
    )


def local(moment: datetime) -> str:
    return moment.astimezone(BERLIN).strftime("%a %d.%m. %H:%M")


def hours(start: datetime, end: datetime) -> float:
    return (end.timestamp() - start.timestamp()) / 3600


@pytest.mark.usefixtures("berlin_pc")
def test_a_weekly_night_shift_keeps_21_00_across_both_clock_changes(
    relay_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Bug: the event travelled and was stored with its winter offset only, so from
    April on the other members (and the author) saw it at 22:00-08:00, and in November
    at 20:00 after the October change. The zone's name now travels with it."""
    directory(relay_dir, tmp_path)

    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            anna, jonas, _mia, cid = await team(w)
            await anna.messenger.teamwork.add_event(cid, night_shift())
            await jonas.messenger.sync()
            for person in (anna, jonas):
                found = person.messenger.teamwork.occurrences(
                    cid, datetime(2027, 3, 20, tzinfo=UTC), datetime(2027, 11, 8, tzinfo=UTC)
                )
                nights = {local(o.start): (local(o.end), hours(o.start, o.end))
                          for _c, _e, o in found}  # fmt: skip
                assert nights["Sat 20.03. 21:00"] == ("Sun 21.03. 07:00", 10)
                assert nights["Sat 27.03. 21:00"] == ("Sun 28.03. 07:00", 9)  # an hour skipped
                assert nights["Sat 03.04. 21:00"] == ("Sun 04.04. 07:00", 10)
                assert nights["Sat 30.10. 21:00"] == ("Sun 31.10. 07:00", 11)  # one twice
                assert nights["Sat 06.11. 21:00"] == ("Sun 07.11. 07:00", 10)
                assert len(nights) == 34
            # 02:30 on the October night happens twice: Jonas is on duty both times
            first = datetime(2027, 10, 31, 0, 30, tzinfo=UTC)
            second = first + timedelta(hours=1)
            assert (local(first), local(second)) == ("Sun 31.10. 02:30", "Sun 31.10. 02:30")
            for at in (first, second, datetime(2027, 10, 31, 5, 59, tzinfo=UTC)):
                duty = jonas.messenger.teamwork.on_duty(ROLE, at)
                assert duty.now is not None and duty.now[1].duty_holder == JONAS.uid, at
            ended = jonas.messenger.teamwork.on_duty(ROLE, datetime(2027, 10, 31, 6, tzinfo=UTC))
            assert ended.now is None  # 07:00 CET: the shift is over
            # 02:30 on the March night does not exist; 01:59 CET and 03:00 CEST are on duty
            skipped = datetime(2027, 3, 28, 1, tzinfo=UTC)  # 01:59:59 CET, then 03:00 CEST
            for at in (skipped - timedelta(minutes=1), skipped):
                duty = jonas.messenger.teamwork.on_duty(ROLE, at)
                assert duty.now is not None and hours(duty.now[1].start, duty.now[1].end) == 9
            # the functional account's card in April: on duty next at 21:00 local
            card = await card_at(jonas.container, datetime(2027, 4, 3, 12, tzinfo=UTC), capsys)
            assert card["on_duty_next"]["start"] == "2027-04-03T21:00:00+02:00"
            assert card["on_duty_next"]["end"] == "2027-04-04T07:00:00+02:00"
            # the headless list says the same
            listed = await listed_json(jonas.messenger, cid, capsys)
            assert listed["zone"] == "Europe/Berlin"
            assert listed["occurrences"] == [
                {"start": "2027-03-27T21:00:00+01:00", "end": "2027-03-28T07:00:00+02:00"},
                {"start": "2027-04-03T21:00:00+02:00", "end": "2027-04-04T07:00:00+02:00"},
            ]

    asyncio.run(scenario())


async def listed_json(messenger: Any, cid: str, capsys: pytest.CaptureFixture[str]) -> Any:
    """`calendar list CID --from 2027-03-27 --to 2027-04-04 --json`: the one event."""
    when = (datetime(2027, 3, 27).astimezone(), datetime(2027, 4, 4).astimezone())
    await calendar_list(messenger, argparse.Namespace(conversation=cid, start=when[0],
                                                      end=when[1], json=True))  # fmt: skip
    (entry,) = json.loads(capsys.readouterr().out)
    return entry


async def card_at(container: Any, at: datetime, capsys: pytest.CaptureFixture[str]) -> Any:
    offline = ClientSession(container, lambda: at)
    await show(offline, argparse.Namespace(uid=ROLE, json=True))
    return json.loads(capsys.readouterr().out)
