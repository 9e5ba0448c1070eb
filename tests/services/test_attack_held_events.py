"""A member's modified client fills the receivers' held-events allowance (events naming
messages that are not there yet) through the real relay, with reactions to messages
that never come: a colleague's edit that then legitimately arrives before its message
must still be held and applied, not dropped."""

from __future__ import annotations

import asyncio
from typing import Any

from desktop_app.domain.ids import ConversationId, MessageId
from desktop_app.protocol import content as wire
from desktop_app.storage.sql_message_events import MAX_HELD_EVENTS
from desktop_app.storage.timeutil import to_ms, utc_now
from tests.services.modified_client import handled_before, sneak
from tests.services.test_message_events import group_of_three


def test_one_member_cannot_take_every_held_event_slot(make_ward: Any) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            anna, jonas, mia, cid = await group_of_three(w)
            await jonas.messenger.sync()
            state = jonas.container.conversations.state(ConversationId(cid))
            assert state is not None
            now = to_ms(utc_now())
            out = jonas.messenger.outgoing
            for n in range(MAX_HELD_EVENTS):  # reactions to messages that never come
                reaction = wire.Reaction(1, f"never-{n}", "👍", now)
                await out.queue_content(
                    ConversationId(cid), tuple(state.members), reaction, message_id=None,
                    now=jonas.session.clock(),
                )  # fmt: skip
            await out.flush()
            await handled_before(jonas, cid, (mia,), "Fertig")
            # Anna's edit reaches Mia before its message (a message waiting for its key,
            # envelopes handled out of order): it must wait for it.
            await sneak(anna, cid, wire.Edit(1, "later-1", "e1", "Visite um 10", now + 1))
            await sneak(anna, cid, wire.ChatMessage(1, "later-1", now, "Visite um 9"))
            await handled_before(anna, cid, (mia,), "Bis gleich")
            got = mia.container.messages.get(MessageId("later-1"))
            assert got is not None and got.body == "Visite um 10"

    asyncio.run(scenario())
