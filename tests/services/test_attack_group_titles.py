"""A colleague creates a group with a title made to mislead (found in an insider audit,
2026-12-07): a right-to-left override reorders what follows it, a line break puts a
second line ("Anna added you to ...") under the title in the list and the lines about
the group. Any colleague may create a group with anyone, so the title reached every
member's conversation list as sent. Now receivers refuse a group state whose title holds
control or direction characters, and the honest client leaves them out of what it
creates. Through a real relay."""

from __future__ import annotations

import asyncio
import secrets
from typing import Any

from desktop_app.domain.ids import ConversationId
from desktop_app.protocol import content as wire
from desktop_app.services import conversations
from desktop_app.storage.timeutil import to_ms
from tests.services.modified_client import forge, handled_before

EVE, BOB = "klein.eve", "braun.bob"


def test_a_group_title_made_to_mislead_is_refused_and_the_honest_client_leaves_it_out(
    make_ward: Any,
) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            eve = await w.person(EVE)
            bob = await w.person(BOB)
            salt = secrets.token_bytes(wire.GROUP_SALT_BYTES)
            cid = conversations.group_conversation_id(EVE, salt)
            title = "Station 3B\u202e gnudebÜ"
            state = wire.GroupState(
                1, "group", title, [BOB, EVE], [EVE], 1, to_ms(eve.session.clock()), EVE, salt
            )
            await forge(eve, cid, (BOB, EVE), state)
            await handled_before(eve, BOB, (bob,), "Hallo")
            assert bob.container.conversations.state(ConversationId(cid)) is None

            honest = await eve.messenger.create_group("Station 3B\n\u202eÜbergabe", [BOB])
            await handled_before(eve, honest, (bob,), "Dienstplan")
            got = bob.container.conversations.state(ConversationId(honest))
            assert got is not None and got.title == "Station 3B Übergabe"

    asyncio.run(scenario())
