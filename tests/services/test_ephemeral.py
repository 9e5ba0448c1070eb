"""Disappearing messages between real clients on a real relay: who may switch them on,
that a message goes the set hours after it was read (not before, not if unread), the
machine policy for all conversations, and a colleague's modified client refused."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from typing import Any

import pytest

from desktop_app.domain import system_lines
from desktop_app.domain.model import MessageKind
from desktop_app.protocol import content as wire
from desktop_app.services.ephemeral import NotAllowed
from desktop_app.storage.timeutil import to_ms, utc_now
from tests.services.conftest import Person
from tests.services.modified_client import handled_before
from tests.services.test_deletion import pages
from tests.services.test_message_events import group_of_three, sneak


def later(person: Person, hours: float) -> datetime:
    """Move the person's clock forward; returns the new now."""
    moved = utc_now() + timedelta(hours=hours)
    person.session.clock = lambda: moved
    return moved


def system_kinds(person: Person, cid: str) -> list[str]:
    out = []
    for m in person.messenger.history(cid):
        decoded = system_lines.decode(m.body) if m.kind is MessageKind.SYSTEM else None
        if decoded is not None:
            out.append(decoded[0])
    return out


def test_an_admin_switches_it_on_and_read_messages_disappear_after_the_hours(
    make_ward: Any,
) -> None:
    marker = "VERSCHWINDEMARKERQX"

    async def scenario() -> None:
        async with make_ward() as w:
            anna, jonas, mia, cid = await group_of_three(w)
            await jonas.messenger.sync()
            await mia.messenger.sync()
            with pytest.raises(NotAllowed):  # Jonas is a member, not an admin
                await jonas.messenger.ephemeral.set(cid, 1)

            await anna.messenger.ephemeral.set(cid, 1)
            await anna.messenger.send_text(cid, f"Zimmer 12 {marker}")
            await anna.messenger.send_text(cid, "ungelesen bleibt")
            for person in (jonas, mia):
                got = await person.messenger.sync()
                assert any(marker in m.body for m in got)
                assert person.messenger.ephemeral.hours(cid) == 1
                assert "ephemeral_on" in system_kinds(person, cid)
            jonas.messenger.ephemeral.mark_read(cid)  # Jonas opened the chat; Mia did not

            later(jonas, 0.5)
            assert jonas.messenger.ephemeral.apply() is None  # not yet
            later(jonas, 1.1)
            report = jonas.messenger.ephemeral.apply()
            assert report is not None and report.messages >= 2
            assert not any(marker in m.body for m in jonas.messenger.history(cid))
            assert marker.encode() not in pages(jonas)  # purged, not hidden

            later(mia, 5)  # unread on Mia's PC: it stays until she reads it
            mia.messenger.ephemeral.apply()
            assert any(marker in m.body for m in mia.messenger.history(cid))

            later(anna, 1.1)  # the sender's own copy counts from sending
            anna.messenger.ephemeral.apply()
            assert not any(marker in m.body for m in anna.messenger.history(cid))

    asyncio.run(scenario())


def test_a_modified_client_cannot_switch_it_for_the_group(make_ward: Any) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            anna, jonas, mia, cid = await group_of_three(w)
            await jonas.messenger.sync()
            # Jonas skips his own client's check and puts the setting on the wire.
            await sneak(jonas, cid, wire.Ephemeral(1, 1, 5, to_ms(utc_now())))
            await handled_before(jonas, cid, (anna, mia), "Verschwindet das jetzt?")
            for person in (anna, mia):
                assert person.container.ephemeral.setting(cid) is None
                assert "ephemeral_on" not in system_kinds(person, cid)

    asyncio.run(scenario())


def test_either_person_of_a_direct_chat_may_and_the_newer_setting_wins(make_ward: Any) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person("weber.anna")
            jonas = await w.person("mueller.jonas")
            await anna.messenger.send_text("mueller.jonas", "Hallo")
            (hello,) = await jonas.messenger.sync()
            cid = hello.conversation_id
            await jonas.messenger.ephemeral.set(cid, 24)
            await anna.messenger.sync()
            assert anna.messenger.ephemeral.hours(cid) == 24
            await anna.messenger.ephemeral.set(cid, None)
            await jonas.messenger.sync()
            assert jonas.messenger.ephemeral.hours(cid) is None
            assert system_kinds(jonas, cid)[-2:] == ["ephemeral_on", "ephemeral_off"]

    asyncio.run(scenario())


def test_the_machine_policy_makes_every_conversation_disappear(make_ward: Any) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person("weber.anna")
            jonas = await w.person("mueller.jonas")
            await anna.messenger.send_text("mueller.jonas", "Visite 9 Uhr")
            (got,) = await jonas.messenger.sync()
            jonas.messenger.ephemeral.mark_read(got.conversation_id)
            jonas.messenger.ephemeral.policy_hours = 2
            later(jonas, 1)
            assert jonas.messenger.ephemeral.apply() is None
            later(jonas, 2.1)
            assert jonas.messenger.ephemeral.apply() is not None
            assert jonas.container.messages.get(got.message_id) is None

    asyncio.run(scenario())
