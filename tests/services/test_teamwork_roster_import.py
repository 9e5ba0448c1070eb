"""A rostering system's .ics export through WardLink (walk 20c), two people, a real
relay: TZID with VTIMEZONE, UTC, floating and all-day times, an EXDATE in UTC form and
a RECURRENCE-ID that moves one shift show what the rostering system meant, and
WardLink's export imports again to the same events (compared parsed by icalendar)."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import icalendar
import pytest

from desktop_app.domain.ics import from_ics
from desktop_app.services.local_zone import local_zone
from tests.pc_zone import BERLIN, berlin_pc  # noqa: F401
from tests.services.conftest import ward
from tests.services.test_teamwork import directory, team

ROSTER = Path(__file__).parent.parent / "domain" / "rosters" / "station3b_2027.ics"


def wall(moment: datetime) -> str:
    return moment.astimezone(BERLIN).strftime("%d.%m. %H:%M")


def seen(person: Any, cid: str) -> list[tuple[str, str, str]]:
    found = person.messenger.teamwork.occurrences(
        cid, datetime(2027, 3, 19, tzinfo=UTC), datetime(2027, 7, 5, tzinfo=UTC)
    )
    return [(o.title, wall(o.start), wall(o.end)) for _c, _e, o in found]


MEANT = [
    ("Nachtdienst", "20.03. 21:00", "21.03. 07:00"),
    ("Nachtdienst", "27.03. 21:00", "28.03. 07:00"),  # 9 h: the clocks go forward
    ("Urlaub Weber", "29.03. 00:00", "03.04. 00:00"),
    ("Nachtdienst", "03.04. 21:00", "04.04. 07:00"),
    # 10.04. taken out (EXDATE 20270410T190000Z), 17.04. moved to Sunday 18.04.
    ("Nachtdienst (getauscht)", "18.04. 21:00", "19.04. 07:00"),
    ("Nachtdienst", "24.04. 21:00", "25.04. 07:00"),
]


def canonical(data: bytes) -> list[tuple[str, ...]]:
    """Each event's title, times (as instants; dates as dates), rule and skipped starts
    (a start a RECURRENCE-ID replaced counts as skipped: WardLink writes it so)."""
    events = icalendar.Calendar.from_ical(data).walk("VEVENT")
    moved: dict[str, list[datetime]] = {}
    for e in events:
        if e.get("RECURRENCE-ID") is not None:
            moved.setdefault(str(e["UID"]), []).append(e.decoded("RECURRENCE-ID"))
    out = []
    for e in events:
        exdate = e.get("EXDATE")
        skipped = [] if exdate is None else [d.dt for d in exdate.dts]
        if e.get("RRULE") is not None:
            skipped += moved.get(str(e["UID"]), [])
        out.append(
            (
                str(e.get("SUMMARY")),
                *(_instant(e.decoded(k)) for k in ("DTSTART", "DTEND")),
                e.get("RRULE").to_ical().decode() if e.get("RRULE") else "",
                ",".join(_instant(d) for d in skipped),
            )
        )
    return sorted(out)


def _instant(value: date | datetime) -> str:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    return value.isoformat()


@pytest.mark.usefixtures("berlin_pc")
def test_a_roster_export_shows_what_the_rostering_system_meant(
    relay_dir: Path, tmp_path: Path
) -> None:
    """Bugs: the RECURRENCE-ID override had its series' id, so the swapped shift
    replaced the whole weekly series (or the series the swap); EXDATE was dropped, so
    a night taken out still showed; TZID, floating and all-day times kept only their
    offset, so the rule's nights after March showed at 22:00."""
    directory(relay_dir, tmp_path)

    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            anna, jonas, _mia, cid = await team(w)
            roster = ROSTER.read_bytes()
            assert await anna.messenger.teamwork.import_ics(cid, roster, local_zone()) == 5
            await jonas.messenger.sync()
            for person in (anna, jonas):
                shown = seen(person, cid)
                assert shown[: len(MEANT)] == MEANT
                assert [s for s in shown if not s[0].startswith("Nachtdienst")][1:] == [
                    ("Fortbildung Reanimation", "01.07. 14:00", "01.07. 16:00"),  # UTC
                    ("Sommerfest", "03.07. 18:00", "03.07. 23:00"),  # floating: local
                ]
                assert ("Nachtdienst", "03.07. 21:00", "04.07. 07:00") in shown
            exported = jonas.messenger.teamwork.export_ics(cid)
            assert canonical(exported) == canonical(roster)
            assert b"BEGIN:VTIMEZONE" in exported and b"TZID:Europe/Berlin" in exported
            # the export imported again: the same events, not doubled
            before = {e.event_id: e for _c, e in anna.messenger.teamwork.events(cid)}
            assert await anna.messenger.teamwork.import_ics(cid, exported, local_zone()) == 5
            after = {e.event_id: e for _c, e in anna.messenger.teamwork.events(cid)}
            assert before == after
            assert {e.event_id: e for e in from_ics(exported, BERLIN)} == after

    asyncio.run(scenario())
