"""A colleague's modified client writes duty shifts to put himself (or someone) "on duty"
for a ward role on everyone's directory card (insider audit, 2026-12-06).

Any member of any conversation can write a shift, and "on duty now" reads every
calendar on the PC. Now a shift counts only if the directory would let its holder hold
the role, the ward's roster (the conversation with more members) is shown before a
chat's, and a running shift of another calendar naming someone else is shown beside
it (services/duty_roster.py). Both attacks go through the real relay."""

from __future__ import annotations

import argparse
import asyncio
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from desktop_app.commands.directory_client_cmd import _show as show
from desktop_app.directory.model import Entry
from desktop_app.domain.calendar import CalendarEvent
from desktop_app.protocol import content as wire
from desktop_app.relay.directory_admin import import_directory
from desktop_app.storage.timeutil import to_ms, utc_now
from tests.directory.files import to_csv
from tests.relay.conftest import ADMIN
from tests.services.conftest import ward
from tests.services.modified_client import handled_before, sneak
from tests.services.test_teamwork import ANNA, DIENST, JONAS, MIA, ROLE, team

SURGEON = Entry(uid="klein.tom", cn="Tom Klein", department="Chirurgie")


def shift(event_id: str, holder: str, start: datetime, hours: int) -> wire.CalendarChange:
    return wire.CalendarChange(
        1, event_id, f"c-{event_id}", 1, to_ms(start), "Dienst Kardiologie",
        start.isoformat(), (start + timedelta(hours=hours)).isoformat(),
        duty_role=ROLE, duty_holder=holder,
    )  # fmt: skip


@pytest.fixture
def staff(relay_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "staff.csv").write_bytes(to_csv([ANNA, JONAS, MIA, SURGEON, DIENST]))
    import_directory(relay_dir, tmp_path / "staff.csv", ADMIN)


def test_a_chats_shift_does_not_replace_the_wards_roster_and_shows_as_a_disagreement(
    relay_dir: Path, tmp_path: Path, staff: None, capsys: pytest.CaptureFixture[str]
) -> None:
    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            anna, jonas, _mia, cid = await team(w)
            now = utc_now().replace(microsecond=0)
            # The ward group's roster (written by Anna, the ward's planner): Mia is the
            # cardiology duty doctor now.
            start = now - timedelta(hours=1)
            roster = CalendarEvent("roster-1", "Dienst Kardiologie", start,
                                   start + timedelta(hours=8), duty_role=ROLE,
                                   duty_holder=MIA.uid)  # fmt: skip
            await anna.messenger.teamwork.add_event(cid, roster)
            await jonas.messenger.sync()
            # Jonas, in his 1:1 chat with Anna, writes himself a shift a minute earlier.
            hello = await jonas.messenger.send_text(ANNA.uid, "Hallo Anna")
            await anna.messenger.sync()
            direct = hello.conversation_id
            fake = shift("fake-1", JONAS.uid, now - timedelta(hours=1, minutes=1), 8)
            await sneak(jonas, direct, fake)
            await handled_before(jonas, direct, (anna,), "Ich übernehme")

            duty = anna.messenger.teamwork.on_duty(ROLE, datetime.now(UTC))
            assert duty.now is not None and duty.now[1].duty_holder == MIA.uid
            assert [(c, o.duty_holder) for c, o in duty.also_now] == [(direct, JONAS.uid)]
            card = await _card(anna, capsys)
            assert card["on_duty_now"]["holder"] == MIA.uid
            assert [s["holder"] for s in card["on_duty_also"]] == [JONAS.uid]

    asyncio.run(scenario())


def test_a_shift_naming_someone_the_directory_does_not_admit_is_not_counted(
    relay_dir: Path, tmp_path: Path, staff: None
) -> None:
    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            anna, jonas, _mia, cid = await team(w)
            now = utc_now().replace(microsecond=0)
            # Jonas names a surgeon (department Chirurgie) the cardiology duty doctor:
            # the role's take-over policy (department) would never let him hold it.
            await sneak(jonas, cid, shift("odd-1", SURGEON.uid, now - timedelta(hours=1), 8))
            await sneak(jonas, cid, shift("next-1", MIA.uid, now + timedelta(hours=8), 8))
            await handled_before(jonas, cid, (anna,), "Dienstplan")
            titles = [e.title for _c, e in anna.messenger.teamwork.events(cid)]
            assert len(titles) == 2  # both in the calendar, as written
            duty = anna.messenger.teamwork.on_duty(ROLE, datetime.now(UTC))
            assert duty.now is None and duty.also_now == ()
            assert duty.next is not None and duty.next[1].duty_holder == MIA.uid

    asyncio.run(scenario())


async def _card(person: Any, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    """The headless client's ``directory show --json`` of the role, as printed."""
    capsys.readouterr()
    assert await show(person.session, argparse.Namespace(uid=ROLE, json=True)) == 0
    return dict(json.loads(capsys.readouterr().out))
