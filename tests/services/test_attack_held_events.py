"""A member's modified client fills the receivers' held-events allowance (events naming
messages that are not there yet) through the real relay, with reactions to messages
that never come, or to one message that has not reached the receiver yet: a colleague's
edit or deletion that then legitimately arrives before its message must still be held
and applied, not dropped."""

from __future__ import annotations

import asyncio
from typing import Any

from desktop_app.domain.ids import ConversationId, MessageId
from desktop_app.domain.model import MessageKind
from desktop_app.protocol import content as wire
from desktop_app.storage.sql_message_events import MAX_HELD_EVENTS, MAX_HELD_PER_MESSAGE
from desktop_app.storage.timeutil import to_ms, utc_now
from tests.services.modified_client import forge, handled_before, sneak
from tests.services.test_message_events import group_of_three, group_of_three_joined


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


def test_one_member_cannot_take_every_held_slot_of_a_message_and_undo_its_deletion(
    make_ward: Any,
) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            anna, jonas, mia, cid = await group_of_three_joined(w)
            now = to_ms(utc_now())
            # Anna's message reached Jonas; at Mia it still waits (its key, an offline
            # device), so Jonas knows an id Mia's PC does not have yet.
            wrong = wire.ChatMessage(1, "later-2", now, "Zi. 4: Marcumar 3 mg")
            await forge(anna, cid, (anna.uid, jonas.uid), wrong)
            await handled_before(anna, cid, (jonas,), "An Jonas")
            got = jonas.container.messages.get(MessageId("later-2"))
            assert got is not None and got.body == "Zi. 4: Marcumar 3 mg"
            # Jonas's modified client takes every place Mia holds for that id ...
            for n in range(MAX_HELD_PER_MESSAGE):
                emoji = wire.REACTIONS[n % len(wire.REACTIONS)]
                await sneak(jonas, cid, wire.Reaction(1, "later-2", emoji, now + n))
            await handled_before(jonas, cid, (mia,), "Gesehen")
            # ... so Anna's deletion for everyone, reaching Mia before the message, and
            # then the message itself: Mia must not keep the wrong dose.
            await sneak(anna, cid, wire.Delete(1, "later-2", now + 1))
            await forge(anna, cid, (anna.uid, mia.uid), wrong)
            await handled_before(anna, cid, (mia,), "Bitte ignorieren")
            shown = mia.container.messages.get(MessageId("later-2"))
            assert shown is not None
            assert shown.kind is MessageKind.SYSTEM and shown.deleted_at is not None
            assert "Marcumar" not in [m.body for m in mia.messenger.history(cid)]

    asyncio.run(scenario())
