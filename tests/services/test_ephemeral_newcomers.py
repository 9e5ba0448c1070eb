"""Disappearing messages reach the devices that join after they were switched on,
through the real relay.

A setting used to travel once, to the devices of that moment: a member added to the
group later, or a member's new PC, never learned it, kept every message for good while
the others deleted them, and showed the chat as not disappearing. Now whoever set it
repeats it when their room key is rotated for a changed set of devices
(services/ephemeral_repeat.py), and the PCs that had it show no second line.
"""

from __future__ import annotations

import asyncio
from typing import Any

from desktop_app.domain.ids import ConversationId
from tests.services.conftest import Person
from tests.services.modified_client import until_shown
from tests.services.test_ephemeral import later, system_kinds
from tests.services.test_message_events import group_of_three_joined

LENA = "schmidt.lena"


def gone_after_reading(person: Person, cid: str, text: str, hours: float) -> bool:
    """``person`` opens the chat now; is ``text`` deleted once ``hours`` have passed?"""
    person.messenger.ephemeral.mark_read(cid)
    later(person, hours)
    person.messenger.ephemeral.apply()
    return not any(text in m.body for m in person.messenger.history(cid))


def test_a_member_added_later_gets_the_groups_disappearing_messages(make_ward: Any) -> None:
    secret = "Zi. 7: HIV-Befund positiv QX"

    async def scenario() -> None:
        async with make_ward() as w:
            anna, jonas, _mia, cid = await group_of_three_joined(w)
            await anna.messenger.ephemeral.set(cid, 1)
            await jonas.messenger.sync()
            lena = await w.person(LENA)

            await anna.messenger.add_member(cid, LENA)
            await anna.messenger.send_text(cid, secret)
            await until_shown(lena, cid, secret)
            await until_shown(jonas, cid, secret)

            assert lena.messenger.ephemeral.hours(cid) == 1  # was None: kept for good
            assert "ephemeral_on" in system_kinds(lena, cid)
            assert gone_after_reading(lena, cid, secret, 1.1)
            # Jonas had it already: the repeat is no change and no second line.
            assert system_kinds(jonas, cid).count("ephemeral_on") == 1

    asyncio.run(scenario())


def test_a_members_new_pc_gets_the_disappearing_messages_of_a_direct_chat(
    make_ward: Any,
) -> None:
    secret = "Laborwert Kalium 6,8 QX"

    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person("weber.anna")
            jonas = await w.person("mueller.jonas")
            sent = await anna.messenger.send_text("mueller.jonas", "Hallo Jonas")
            cid = sent.conversation_id
            await until_shown(jonas, cid, "Hallo Jonas")
            await jonas.messenger.ephemeral.set(cid, 8)  # Jonas sets it, on his first PC
            await anna.messenger.sync()
            assert anna.messenger.ephemeral.hours(cid) == 8

            second = await w.person("mueller.jonas", device="-2")
            jonas.session.peers.forget_fetch_times()  # as after DEVICE_LIST_MAX_AGE_S
            await jonas.messenger.send_text(cid, secret)  # his first PC writes again
            await until_shown(second, cid, secret)

            assert second.container.conversations.state(ConversationId(cid)) is not None
            assert second.messenger.ephemeral.hours(cid) == 8  # was None
            assert gone_after_reading(second, cid, secret, 8.1)
            await anna.messenger.sync()
            assert system_kinds(anna, cid).count("ephemeral_on") == 1

    asyncio.run(scenario())
