"""Recurring shifts a member's modified client sends through the real relay to make
every query of the receivers' calendars walk years of dates (attack round 18b).

dateutil walks a rule from its start: an event recurring every minute since 1 January
2000 spent ``MAX_RULE_STEPS`` (100,000) steps, about 46 ms, in the year 2000 at every
week view, duty card, "on duty now" and reminder check, and showed nothing; 200 of them
cost 7-9 s a query. Now a rule is walked from near the window asked for, falls at most
every hour, and a COUNT (walked from the start) is at most 5,000. No timed assertions:
what the week shows, and a count of the work of a query."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from desktop_app.domain import calendar, recurrence
from desktop_app.protocol import content as wire
from desktop_app.storage.timeutil import to_ms, utc_now
from tests.services.conftest import ward
from tests.services.modified_client import handled_before, sneak
from tests.services.test_bad_attachment import reconnect
from tests.services.test_teamwork import directory, team
from tests.services.work_count import profiler_events

HOURLY = "FREQ=DAILY;BYHOUR=" + ",".join(str(h) for h in range(24))
EVERY_MINUTE = HOURLY + ";BYMINUTE=" + ",".join(str(m) for m in range(60))
ENDLESS = "FREQ=DAILY;COUNT=1000000"
LONG_AGO = datetime(2000, 1, 1, tzinfo=UTC)


def shift(n: int, start: datetime, rule: str) -> wire.CalendarChange:
    end = start + timedelta(minutes=30)
    return wire.CalendarChange(
        1, f"walk-{n}", f"w-{n}", 1 + n, to_ms(utc_now()), "Runde",
        start.isoformat(), end.isoformat(), rrule=rule,
    )  # fmt: skip


def test_shifts_recurring_since_long_ago_cost_a_query_no_more_than_new_ones(
    relay_dir: Path, tmp_path: Path
) -> None:
    """Jonas's modified client sends 20 hourly rounds since 2000 and 20 since last week,
    plus one every minute and one with COUNT=1,000,000. The last two are refused; the
    old rounds show this week as the new ones do (before, their walk gave up in 2011
    and showed nothing), and a week's query costs them no more work than the new ones
    (before: ten times as much)."""
    directory(relay_dir, tmp_path)

    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            anna, jonas, _mia, cid = await team(w)
            now = utc_now().replace(minute=0, second=0, microsecond=0)
            recent = now - timedelta(days=7)
            changes = [shift(n, LONG_AGO, HOURLY) for n in range(20)]
            changes += [shift(20 + n, recent, HOURLY) for n in range(20)]
            changes += [
                shift(40, LONG_AGO, EVERY_MINUTE),
                shift(41, LONG_AGO, "FREQ=DAILY;COUNT=1000000"),
            ]
            await sneak(jonas, cid, wire.CalendarBatch(1, changes))
            await handled_before(jonas, cid, (anna,), "Runden eingetragen")
            assert anna.container.calendar.conversation_of("walk-40") is None
            assert anna.container.calendar.conversation_of("walk-41") is None
            assert await reconnect(anna, w.relay.port) == 0, "left in the mailbox"

            teamwork = anna.messenger.teamwork
            week = teamwork.occurrences(cid, now, now + timedelta(days=7))
            shown = {e.event_id for _c, e, _o in week}
            assert shown == {f"walk-{n}" for n in range(40)}

            def query(ids: range) -> Callable[[], object]:
                old = {f"walk-{n}" for n in ids}
                held = [e for _c, e in teamwork.events(cid) if e.event_id in old]
                return lambda: calendar.occurrences(held, now, now + timedelta(days=7))

            ratio = profiler_events(query(range(20))) / profiler_events(query(range(20, 40)))
            assert ratio < 2, ratio

    asyncio.run(scenario())


def test_the_limits_leave_room_for_rosters() -> None:
    """Three shifts a day for four years fit COUNT; every hour fits the times a day."""
    start = datetime(2026, 1, 1, 6, tzinfo=UTC)
    assert recurrence.refusal("FREQ=DAILY;BYHOUR=6,14,22;COUNT=4380", start) == ""
    assert recurrence.refusal(HOURLY, start) == ""
    assert recurrence.refusal(EVERY_MINUTE, start) != ""
