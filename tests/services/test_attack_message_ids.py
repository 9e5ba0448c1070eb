"""A member who has a colleague's message before another member's PC does (that PC
offline, or the message waiting there for its room key) sends a message of his own
under its id, through the real relay. The first row under an id is kept and a later
one from another sender is refused, so before, his copy took the id: the real
message, an urgent order, never showed on that PC, and its author's edits, deletion
and acknowledgements named his text. Message ids now carry a tag of their sender
(domain/message_ids.py), and a message under an id made for someone else is refused."""

from __future__ import annotations

import asyncio
from typing import Any

from desktop_app.domain.ids import MessageId
from desktop_app.domain.model import MessageKind
from desktop_app.protocol import content as wire
from desktop_app.storage.timeutil import to_ms
from tests.services.modified_client import forge, handled_before, sneak, until_shown
from tests.services.test_message_events import group_of_three_joined

ORDER = "Zi. 4: Marcumar pausieren, INR 5,8"
FAKE = "Zi. 4: Marcumar weiter 3 mg"


def test_a_member_cannot_take_the_id_of_a_message_another_pc_has_not_got(
    make_ward: Any,
) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            anna, jonas, mia, cid = await group_of_three_joined(w)
            # Anna's urgent order reached Jonas; at Mia it still waits.
            real = await anna.messenger.compose(cid, ORDER, [], urgent=True)
            now = to_ms(anna.session.clock())
            content = wire.ChatMessage(1, real.message_id, now, ORDER, urgent=True)
            await forge(anna, cid, (jonas.uid,), content)
            await until_shown(jonas, cid, ORDER)
            # Jonas's modified client puts his own text under that id first ...
            fake = wire.ChatMessage(1, real.message_id, now, FAKE, urgent=True)
            await sneak(jonas, cid, fake)
            await handled_before(jonas, cid, (mia,), "Gesehen")
            # ... then Anna's order reaches Mia.
            await anna.messenger.deliver_if_online()
            await handled_before(anna, cid, (mia,), "Bitte bestätigen")
            shown = mia.container.messages.get(MessageId(real.message_id))
            assert shown is not None and shown.kind is MessageKind.TEXT
            assert (shown.sender_uid, shown.body) == (anna.uid, ORDER)
            assert FAKE not in [m.body for m in mia.messenger.history(cid)]

    asyncio.run(scenario())
