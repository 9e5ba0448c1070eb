"""Attacks on who is in a conversation, performed by an enrolled colleague's modified
client through the real relay (issue 16, findings 1 and 2).

The attacker, Mallory, is enrolled like everyone else and uses the ordinary services to
encrypt and send, but puts content into the conversation that her own client would
never produce. Each test fails on the code before the fix.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any

import pytest

from desktop_app.domain.ids import MessageId
from desktop_app.domain.model import ConversationKind, MessageKind
from desktop_app.domain.system_lines import english
from desktop_app.protocol import content as wire
from desktop_app.services import attachments, conversations
from desktop_app.storage.timeutil import to_ms
from tests.services.conftest import Person, texts
from tests.services.modified_client import forge, handled_before

ANNA, JONAS, MALLORY, EVE = "weber.anna", "mueller.jonas", "schulz.mallory", "klein.eve"


async def readable_by(person: Person) -> list[str]:
    """Every text the person's device could read, in any conversation."""
    return texts(await person.messenger.sync())


def planted_content(kind: str, at_ms: int) -> wire.Content:
    """What Mallory puts into Anna and Jonas's 1:1 chat before it starts."""
    three = sorted([ANNA, JONAS, MALLORY])
    if kind == "direct-state":  # the direct chat, with her in it and a huge version
        return wire.GroupState(1, "direct", "Anna", three, three, 1_000_000, at_ms)
    if kind == "group-state":  # the same id turned into a group she administers
        return wire.GroupState(1, "group", "Anna", three, [MALLORY], 5, at_ms)
    return wire.ChatMessage(1, "planted-1", at_ms, "Hallo Jonas, hier Anna")  # no state


@pytest.mark.parametrize("kind", ["direct-state", "group-state", "message"])
def test_colleague_cannot_get_into_a_direct_chat_before_it_starts(
    make_ward: Any, kind: str
) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person(ANNA)
            jonas = await w.person(JONAS)
            mallory = await w.person(MALLORY)
            cid = conversations.direct_conversation_id(ANNA, JONAS)
            planted = planted_content(kind, to_ms(mallory.session.clock()))
            await forge(mallory, cid, (JONAS, MALLORY), planted)
            # Once Jonas shows Mallory's next (honest) text, the planted one was handled.
            await handled_before(mallory, JONAS, (jonas,), "Hallo Jonas, hier Mallory")
            assert jonas.container.conversations.state(cid) is None

            await anna.messenger.send_text(JONAS, "Wie geht es Herrn K. in Bett 3?")
            assert await readable_by(jonas) == ["Wie geht es Herrn K. in Bett 3?"]
            reply = "Vertraulich: Herr K. hat ein positives Troponin."
            await jonas.messenger.send_text(ANNA, reply)

            assert await readable_by(mallory) == []
            assert await readable_by(anna) == [reply]
            state = jonas.container.conversations.state(cid)
            assert state is not None and state.kind is ConversationKind.DIRECT
            assert set(state.members) == {ANNA, JONAS}

    asyncio.run(scenario())


def test_member_cannot_take_over_a_group_on_a_new_device(make_ward: Any) -> None:
    """A device that meets the group for the first time accepts only its creator."""

    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person(ANNA)
            await w.person(JONAS)
            mallory = await w.person(MALLORY)
            await w.person(EVE)
            cid = await anna.messenger.create_group("Station 3B", [JONAS, MALLORY])
            await readable_by(mallory)
            jonas_laptop = await w.person(JONAS, "-laptop")  # meets the group later
            takeover = wire.GroupState(
                1,
                "group",
                "Station 3B",
                sorted([ANNA, JONAS, MALLORY, EVE]),
                [MALLORY],
                99,
                to_ms(mallory.session.clock()),
            )
            usual, mallory.session.peers.max_age_s = mallory.session.peers.max_age_s, 0
            await forge(mallory, cid, (JONAS, MALLORY, EVE), takeover)  # the laptop too
            mallory.session.peers.max_age_s = usual
            # Once the laptop shows Mallory's next text, her forgery was handled there.
            await handled_before(mallory, JONAS, (jonas_laptop,), "Hallo Jonas")
            state = jonas_laptop.container.conversations.state(cid)
            assert state is None or EVE not in state.members

            anna.session.peers.max_age_s = 0  # Anna notices the laptop at once
            await anna.messenger.send_text(cid, "Übergabe um 14 Uhr")
            assert await readable_by(jonas_laptop) == ["Übergabe um 14 Uhr"]
            state = jonas_laptop.container.conversations.state(cid)
            assert state is not None and set(state.members) == {ANNA, JONAS, MALLORY}
            assert state.admins == (ANNA,)
            await jonas_laptop.messenger.send_text(cid, "Verstanden")
            eve = w.people[EVE]
            assert await readable_by(eve) == []

    asyncio.run(scenario())


def test_group_changes_show_as_system_lines_to_everyone(make_ward: Any) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person(ANNA)
            jonas = await w.person(JONAS)
            await w.person(EVE)
            cid = await anna.messenger.create_group("Station 3B", [JONAS])
            await jonas.messenger.sync()
            await anna.messenger.add_member(cid, EVE)
            await jonas.messenger.sync()
            eve = w.people[EVE]
            await eve.messenger.sync()
            lines = [
                english(m.body)
                for m in jonas.messenger.history(cid)
                if m.kind is MessageKind.SYSTEM
            ]
            assert any("created the group" in line for line in lines)
            assert any(EVE in line and " added " in line for line in lines)
            eve_lines = [
                english(m.body) for m in eve.messenger.history(cid) if m.kind is MessageKind.SYSTEM
            ]
            assert any("added you" in line for line in eve_lines)

    asyncio.run(scenario())


def test_colleague_cannot_attach_files_to_someone_elses_message(
    make_ward: Any, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person(ANNA)
            jonas = await w.person(JONAS)
            mallory = await w.person(MALLORY)
            cid = await anna.messenger.create_group("Station 3B", [JONAS, MALLORY])
            original = await anna.messenger.send_text(cid, "Befund von Herrn K.")
            await readable_by(jonas)
            await readable_by(mallory)

            # Mallory files her own picture under Anna's message id.
            planted = tmp_path / "falscher-befund.png"
            planted.write_bytes(b"\x89PNG\r\n\x1a\n" + b"x" * 2000)
            own = await mallory.messenger.send_file(cid, planted, deliver=False)
            (stored,) = mallory.container.attachments.for_message(own.message_id)
            link = mallory.session.require_link()
            ref = await attachments.reference(mallory.container, link, stored)
            hijack = wire.ChatMessage(
                1, original.message_id, to_ms(original.sent_at), original.body, False, [ref]
            )
            await forge(mallory, cid, (ANNA, JONAS, MALLORY), hijack)
            with caplog.at_level(logging.WARNING, logger="wardlink.receive"):
                await jonas.messenger.sync()
            assert jonas.container.attachments.for_message(MessageId(original.message_id)) == []
            kept = jonas.container.messages.get(MessageId(original.message_id))
            assert kept is not None and kept.sender_uid == ANNA
            assert any("refused" in r.getMessage() for r in caplog.records)

    asyncio.run(scenario())


def test_message_id_reused_in_another_conversation_is_refused(
    make_ward: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="wardlink.receive")

    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person(ANNA)
            jonas = await w.person(JONAS)
            mallory = await w.person(MALLORY)
            group = await anna.messenger.create_group("Station 3B", [JONAS, MALLORY])
            original = await anna.messenger.send_text(group, "Original")
            await readable_by(jonas)
            await readable_by(mallory)
            await mallory.messenger.send_text(JONAS, "Hallo")
            await readable_by(jonas)
            direct = conversations.direct_conversation_id(JONAS, MALLORY)
            copy = wire.ChatMessage(1, original.message_id, 0, "Gefälscht")
            await forge(mallory, direct, (JONAS, MALLORY), copy)
            await handled_before(mallory, direct, (jonas,), "Noch etwas")
            kept = jonas.container.messages.get(MessageId(original.message_id))
            assert kept is not None
            assert (kept.conversation_id, kept.body) == (group, "Original")
            lines = [r.getMessage() for r in caplog.records]
            refused = [line for line in lines if original.message_id in line]
            # Refused as Anna's id (domain/message_ids.py); an id of an earlier release
            # would be refused as another message's.
            assert any("made for another sender" in r for r in refused), refused

    asyncio.run(scenario())
