"""The notice that tells a member she was removed from a group, through the real relay.

A removed member no longer receives the group's messages, so her devices learn of the
removal by an Olm control from the admin. It used to carry only the conversation id:
her devices wrote "Anna removed you" but kept counting her a member, so what she wrote
afterwards showed as sent while nobody got it; and a notice from the admin while she
was still in the group wrote the same line, false. Now the notice carries the group's
new state and is applied by the group rules (services/membership.py ``judge_removal``):
only a real removal by a current admin shows the line, and then her client refuses to
send there.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from desktop_app.crypto.e2e.payloads import Control
from desktop_app.domain.ids import ConversationId
from desktop_app.domain.model import MessageKind
from desktop_app.domain.system_lines import english
from desktop_app.protocol import content as wire
from desktop_app.services.errors import ClientError
from desktop_app.storage.timeutil import to_ms, utc_now
from tests.services.conftest import Person, texts
from tests.services.modified_client import handled_before

ANNA, JONAS, MIA = "weber.anna", "mueller.jonas", "yilmaz.mia"


def removed_lines(person: Person, cid: str) -> list[str]:
    return [
        english(m.body)
        for m in person.messenger.history(cid)
        if m.kind is MessageKind.SYSTEM and "removed you" in english(m.body)
    ]


def members(person: Person, cid: str) -> set[str]:
    state = person.container.conversations.state(ConversationId(cid))
    assert state is not None
    return set(state.members)


async def notify(sender: Person, uid: str, body: bytes) -> None:
    """A modified client's ``conversation.removed`` control to ``uid``'s devices."""
    outgoing = sender.messenger.outgoing
    await outgoing.queue_control(uid, Control("conversation.removed", body), now=utc_now())
    await outgoing.flush()


def state_of(person: Person, cid: str, *, members: list[str], version_up: int) -> wire.GroupState:
    held = person.container.conversations.state(ConversationId(cid))
    assert held is not None
    return wire.GroupState(
        1,
        "group",
        held.title,
        sorted(members),
        sorted(set(held.admins) & set(members)),
        held.version + version_up,
        to_ms(utc_now()),
        held.creator,
        held.salt,
    )


async def station_3b(w: Any) -> tuple[Person, Person, Person, str]:
    """Anna's group with Jonas and Mia, known on all three PCs."""
    anna, jonas, mia = (await w.person(ANNA), await w.person(JONAS), await w.person(MIA))
    cid = await anna.messenger.create_group("Station 3B", [JONAS, MIA])
    await jonas.messenger.sync()
    await mia.messenger.sync()
    return anna, jonas, mia, cid


def test_a_removed_member_stops_counting_herself_a_member(make_ward: Any) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            anna, _jonas, mia, cid = await station_3b(w)
            await anna.messenger.remove_member(cid, MIA)
            await mia.messenger.sync()
            assert removed_lines(mia, cid) == [f"{ANNA} removed you from the group."]
            assert members(mia, cid) == {ANNA, JONAS}
            # Before: "sent", and nobody got it.
            with pytest.raises(ClientError, match="no longer a member"):
                await mia.messenger.send_text(cid, "Hallo?")
            await mia.messenger.sync()  # the notice again (a redelivery) adds nothing
            assert len(removed_lines(mia, cid)) == 1

    asyncio.run(scenario())


@pytest.mark.parametrize("forgery", ["keeps-her", "old-version", "bare-id"])
def test_the_admin_cannot_tell_a_member_she_was_removed_while_she_is_not(
    make_ward: Any, forgery: str
) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            anna, jonas, mia, cid = await station_3b(w)
            if forgery == "bare-id":  # what the notice was: no state to judge
                body = cid.encode()
            else:
                keeps = [ANNA, JONAS, MIA] if forgery == "keeps-her" else [ANNA, JONAS]
                up = 1 if forgery == "keeps-her" else 0
                state = state_of(anna, cid, members=keeps, version_up=up)
                body = wire.encode_removal(wire.Removal(1, cid, state))
            await notify(anna, MIA, body)
            await handled_before(anna, cid, (mia,), "Visite um 9")
            assert removed_lines(mia, cid) == []
            assert members(mia, cid) == {ANNA, JONAS, MIA}
            await mia.messenger.send_text(cid, "Bin da")
            assert "Bin da" in texts(await jonas.messenger.sync())

    asyncio.run(scenario())


def test_a_member_who_is_no_admin_cannot_remove_another(make_ward: Any) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            _anna, jonas, mia, cid = await station_3b(w)
            state = state_of(jonas, cid, members=[ANNA, JONAS], version_up=1)
            await notify(jonas, MIA, wire.encode_removal(wire.Removal(1, cid, state)))
            await handled_before(jonas, cid, (mia,), "Bin unterwegs")
            assert removed_lines(mia, cid) == []
            assert members(mia, cid) == {ANNA, JONAS, MIA}

    asyncio.run(scenario())
