"""Reminders across Germany's clock changes (walk 20c), a real relay and container, a
fixed clock stepped every 30 s as the GUI's timer asks: before a Saturday night shift
entered in winter the reminder rings at 20:45 local also in summer, and a round at
02:40 (an hour the March change skips, the October change repeats) rings once a night,
never twice and never not at all."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from desktop_app.domain.calendar import CalendarEvent
from desktop_app.services.live_teamwork import LiveTeamwork, Reminder
from tests.pc_zone import BERLIN, berlin_pc  # noqa: F401
from tests.services.conftest import ward
from tests.services.test_teamwork import directory, team
from tests.services.test_teamwork_clock_change import night_shift

STEP = timedelta(seconds=30)  # the GUI's CHECK_MS


def rung(live: LiveTeamwork, now: list[datetime], since: datetime, until: datetime) -> list[str]:
    """What rang from ``since`` to ``until``, polled like the GUI: '<title> <local time>'."""
    out: list[str] = []
    now[0] = since
    while now[0] < until:
        now[0] += STEP
        found, up_to = live.due_reminders(since)
        new: list[Reminder] = [r for r in found]
        live.shown(new, up_to)
        out += [f"{r.title} {now[0].astimezone(BERLIN):%d.%m. %H:%M}" for r in new]
        since = up_to
    return out


@pytest.mark.usefixtures("berlin_pc")
def test_reminders_ring_at_the_local_time_once_across_both_changes(
    relay_dir: Path, tmp_path: Path
) -> None:
    directory(relay_dir, tmp_path)

    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            anna, jonas, _mia, cid = await team(w)
            start = datetime(2027, 3, 1, 2, 40).astimezone()  # in winter, local time
            runde = CalendarEvent("runde", "Runde", start, start + timedelta(minutes=20),
                                  rrule="FREQ=DAILY")  # fmt: skip
            for event in (night_shift(), runde):
                await anna.messenger.teamwork.add_event(cid, event)
            await jonas.messenger.sync()
            now = [datetime(2027, 3, 1, tzinfo=UTC)]
            live = LiveTeamwork(jonas.messenger.teamwork, asyncio.Lock(), str, str, lambda: now[0])

            def night(day: datetime) -> list[str]:
                return rung(live, now, day, day + timedelta(hours=12))

            # Saturday 27 March, 18:00 UTC to Sunday 06:00 UTC: 02:40 does not exist,
            # the round is at 03:40 CEST (the time after the change), rung 15 min before
            assert night(datetime(2027, 3, 27, 18, tzinfo=UTC)) == [
                "Nachtdienst 27.03. 20:45",
                "Runde 28.03. 03:25",
            ]
            assert night(datetime(2027, 4, 3, 18, tzinfo=UTC)) == [
                "Nachtdienst 03.04. 20:45",  # before: 21:45 (the winter offset kept)
                "Runde 04.04. 02:25",
            ]
            # Saturday 30 October: 02:25 happens twice, the round rings once
            assert night(datetime(2027, 10, 30, 18, tzinfo=UTC)) == [
                "Nachtdienst 30.10. 20:45",
                "Runde 31.10. 02:25",
            ]

    asyncio.run(scenario())
