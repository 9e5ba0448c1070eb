"""An admin renames a group ("Station 3B" -> "Station 3B – Winter") through a real relay:
every member's device takes the new title with the line "Anna renamed the group to ...";
nobody else can rename (the honest client refuses, and the state a member's modified
client forges is refused by the receivers, with nothing shown); an older state cannot
undo a newer rename."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import pytest

from desktop_app.domain.ids import ConversationId
from desktop_app.domain.model import MessageKind
from desktop_app.domain.system_lines import english
from desktop_app.protocol import content as wire
from desktop_app.services import conversations
from desktop_app.services.errors import ClientError
from tests.services.conftest import Person
from tests.services.modified_client import forge, handled_before

ANNA, JONAS, MALLORY = "weber.anna", "mueller.jonas", "schulz.mallory"


def system_lines(person: Person, cid: str) -> list[str]:
    return [english(m.body) for m in person.messenger.history(cid) if m.kind is MessageKind.SYSTEM]


def title_and_version(person: Person, cid: str) -> tuple[str, int]:
    state = person.container.conversations.state(ConversationId(cid))
    assert state is not None
    return state.title, state.version


def test_an_admin_renames_and_every_member_sees_it(make_ward: Any) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person(ANNA)
            jonas = await w.person(JONAS)
            mallory = await w.person(MALLORY)
            cid = await anna.messenger.create_group("Station 3B", [JONAS, MALLORY])

            # Trimmed and cleaned like a new group's title (a line break pasted in)
            assert await anna.messenger.rename_group(cid, "  Station 3B –\nWinter  ")
            line = f"{ANNA} renamed the group to “Station 3B – Winter”."
            await handled_before(anna, cid, (jonas, mallory), "Hallo")
            for person in (anna, jonas, mallory):
                assert title_and_version(person, cid) == ("Station 3B – Winter", 2)
                assert system_lines(person, cid)[-1] == line

            # The same title again: nothing sent, nothing shown
            assert not await anna.messenger.rename_group(cid, "Station 3B – Winter ")
            await handled_before(anna, cid, (jonas,), "Übergabe um 14 Uhr")
            assert title_and_version(jonas, cid) == ("Station 3B – Winter", 2)
            assert system_lines(jonas, cid).count(line) == 1
            assert title_and_version(anna, cid) == ("Station 3B – Winter", 2)

            # As long as a new group's title may be
            assert await anna.messenger.rename_group(cid, "N" * (wire.MAX_TITLE_CHARS + 50))
            await handled_before(anna, cid, (jonas,), "Lang")
            assert title_and_version(jonas, cid) == ("N" * wire.MAX_TITLE_CHARS, 3)

    asyncio.run(scenario())


@pytest.mark.parametrize(
    ("who", "target", "title", "key"),
    [
        (JONAS, "group", "Meine Gruppe", "rename_admins_only"),
        (ANNA, "group", " \n\u202e ", "group_title_empty"),
        (ANNA, "direct", "Anna und Jonas", "rename_direct"),
        (ANNA, "g-unknown", "Station 3B", "no_conversation"),
    ],
)
def test_a_rename_that_is_not_allowed_is_refused_with_a_reason(
    make_ward: Any, who: str, target: str, title: str, key: str
) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person(ANNA)
            jonas = await w.person(JONAS)
            group = await anna.messenger.create_group("Station 3B", [JONAS])
            direct = conversations.direct_conversation_id(ANNA, JONAS)
            await anna.messenger.send_text(JONAS, "Hallo")
            await handled_before(anna, group, (jonas,), "Übergabe")
            cid = {"group": group, "direct": direct}.get(target, target)
            person = anna if who == ANNA else jonas
            with pytest.raises(ClientError) as refused:
                await person.messenger.rename_group(cid, title)
            assert refused.value.key == key
            await handled_before(anna, group, (jonas,), "Noch etwas")
            for p in (anna, jonas):
                assert title_and_version(p, group) == ("Station 3B", 1)
                assert not any("renamed" in line for line in system_lines(p, group))

    asyncio.run(scenario())


def test_a_members_modified_client_cannot_rename(
    make_ward: Any, caplog: pytest.LogCaptureFixture
) -> None:
    """Mallory, a member but no admin, sends the next state with her title (what her
    client's rename would send): Jonas and Anna refuse it and show nothing."""
    caplog.set_level(logging.WARNING, logger="wardlink.receive")

    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person(ANNA)
            jonas = await w.person(JONAS)
            mallory = await w.person(MALLORY)
            cid = await anna.messenger.create_group("Station 3B", [JONAS, MALLORY])
            await handled_before(anna, cid, (mallory,), "Hallo")
            state = mallory.container.conversations.state(ConversationId(cid))
            assert state is not None
            forged = conversations.renamed_state(
                state, title="Station 3B – geschlossen", now=mallory.session.clock()
            )
            await forge(mallory, cid, (ANNA, JONAS, MALLORY), forged)
            await handled_before(mallory, cid, (anna, jonas), "Guten Morgen")
            for person in (anna, jonas):
                assert title_and_version(person, cid) == ("Station 3B", 1)
                assert not any("renamed" in line for line in system_lines(person, cid))
            refused = [r.getMessage() for r in caplog.records if MALLORY in r.getMessage()]
            assert any("only a current admin changes a group" in r for r in refused)

    asyncio.run(scenario())


def test_an_older_state_cannot_undo_a_newer_rename(make_ward: Any) -> None:
    """Anna renames twice; her first rename's state (or the original one) arriving again
    afterwards changes nothing: a replay or a delayed copy cannot bring back a name."""

    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person(ANNA)
            jonas = await w.person(JONAS)
            cid = await anna.messenger.create_group("Station 3B", [JONAS])
            original = anna.container.conversations.state(ConversationId(cid))
            assert original is not None
            await anna.messenger.rename_group(cid, "Station 3B – Herbst")
            first = anna.container.conversations.state(ConversationId(cid))
            assert first is not None
            await anna.messenger.rename_group(cid, "Station 3B – Winter")
            await handled_before(anna, cid, (jonas,), "Hallo")
            assert title_and_version(jonas, cid) == ("Station 3B – Winter", 3)
            lines = system_lines(jonas, cid)

            now = anna.session.clock()
            for old in (first, original):
                await forge(anna, cid, (ANNA, JONAS), conversations.as_wire(old, now))
            await handled_before(anna, cid, (jonas,), "Noch da")
            assert title_and_version(jonas, cid) == ("Station 3B – Winter", 3)
            assert [line for line in system_lines(jonas, cid) if line not in lines] == []

    asyncio.run(scenario())


def test_a_new_group_needs_a_name_that_survives_cleaning(make_ward: Any) -> None:
    """The service took a title that is empty once control and direction characters are
    cleaned (only the GUI's dialog stopped it): the headless client made a nameless
    group. Refused now, before anything is asked of the relay."""

    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person(ANNA)
            await w.person(JONAS)
            with pytest.raises(ClientError) as refused:
                await anna.messenger.create_group("\u202e \n", [JONAS])
            assert refused.value.key == "group_title_empty"
            assert anna.container.conversations.recent() == []  # no conversation made

    asyncio.run(scenario())
