"""A member plants the id of a shift, task or document in a chat with a colleague before
it arrives where it belongs, so that the colleague's PC refuses the real one for good
("an id belongs to the conversation it was first seen in"; insider audit, 2026-12-06).

Ids made now name their conversation (domain/bound_ids.py) and a receiver refuses one
arriving anywhere else, so the planted copy is refused and the real one is kept. Both
attacks go through the real relay with a modified client."""

from __future__ import annotations

import asyncio
import hashlib
from pathlib import Path
from zoneinfo import ZoneInfo

from desktop_app.domain import bound_ids
from desktop_app.domain.ics import event_id_for
from desktop_app.protocol import content as wire
from desktop_app.storage.timeutil import to_ms, utc_now
from tests.services.conftest import ward
from tests.services.modified_client import handled_before, sneak
from tests.services.test_teamwork import directory, team

ROSTER = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Roster//Test//DE\r\n"
    "BEGIN:VEVENT\r\nUID:frueh-1@roster.example\r\nDTSTAMP:20261201T000000Z\r\n"
    "DTSTART:20261207T060000Z\r\nDTEND:20261207T140000Z\r\n"
    "SUMMARY:Frühdienst Kardiologie\r\nX-WARDLINK-DUTY-ROLE:dienst.kardio\r\n"
    "X-WARDLINK-DUTY-HOLDER:yilmaz.mia\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
).encode()


def coffee(event_id: str) -> wire.CalendarChange:
    return wire.CalendarChange(
        1, event_id, f"sq-{event_id[:8]}", 1, to_ms(utc_now()), "Kaffee",
        "2026-12-01T10:00:00+00:00", "2026-12-01T10:30:00+00:00",
    )  # fmt: skip


def test_an_imported_rosters_ids_cannot_be_taken_from_another_conversation(
    relay_dir: Path, tmp_path: Path
) -> None:
    """The import's ids follow from the ward group's id and the roster's UIDs, which
    Jonas knows: he puts events under them into his 1:1 chat with Mia first."""
    directory(relay_dir, tmp_path)

    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            anna, jonas, mia, cid = await team(w)
            hello = await jonas.messenger.send_text("yilmaz.mia", "Hallo Mia")
            await mia.messenger.sync()
            direct = hello.conversation_id
            source = event_id_for("frueh-1@roster.example")
            legacy = "ics-" + hashlib.sha256(f"{cid}\n{source}".encode()).hexdigest()[:32]
            for taken in (legacy, bound_ids.bind(cid, legacy)):  # the old and the new id
                await sneak(jonas, direct, coffee(taken))
            await handled_before(jonas, direct, (mia,), "Kaffee?")
            assert [e.title for _c, e in mia.messenger.teamwork.events(direct)] == ["Kaffee"]

            imported = await anna.messenger.teamwork.import_ics(
                cid, ROSTER, ZoneInfo("Europe/Berlin")
            )
            assert imported == 1
            await handled_before(anna, cid, (mia,), "Dienstplan importiert")
            titles = [e.title for _c, e in mia.messenger.teamwork.events(cid)]
            assert titles == ["Frühdienst Kardiologie"], titles

    asyncio.run(scenario())


def test_a_tasks_id_made_for_the_ward_group_is_refused_in_a_chat(
    relay_dir: Path, tmp_path: Path
) -> None:
    directory(relay_dir, tmp_path)

    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            anna, jonas, mia, cid = await team(w)
            hello = await jonas.messenger.send_text("yilmaz.mia", "Hallo Mia")
            await mia.messenger.sync()
            direct = hello.conversation_id
            made = bound_ids.new_id(cid)
            planted = wire.TaskChange(1, made, "p-1", 1, to_ms(utc_now()), {"title": "Kaffee"})
            await sneak(jonas, direct, planted)
            await handled_before(jonas, direct, (mia,), "Kaffee?")
            assert mia.container.tasks.conversation_of(made) is None  # refused in the chat
            # Ids Anna's PC makes now name the group, and arrive there.
            task = await anna.messenger.teamwork.add_task(cid, "Kalium kontrollieren")
            assert bound_ids.made_for(cid, task.task_id) is True
            await mia.messenger.sync()
            assert mia.container.tasks.conversation_of(task.task_id) == cid

    asyncio.run(scenario())
