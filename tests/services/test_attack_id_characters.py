"""A colleague's modified client chooses message ids holding a line break or a bidi
override (insider attack round 18).

Ids in end-to-end content are the sender's choice. One with a line break forged a head
line in the PDF export (fixed there: services/export_pdf.py ``one_line``); an id is also
printed in logs, file names, URLs, .ics UIDs, CSV/JSON exports and tooltips, each a
place for the next such trick. Now the strict content decode refuses an id a peer
chooses unless it is visible ASCII (protocol/fields.py ``ChosenId``): the envelope is
malformed, dropped with a log line that does not repeat the id, and acknowledged, so
the mailbox goes on and the next honest message arrives.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import pytest

from desktop_app.domain.ids import MessageId
from desktop_app.protocol import content as wire
from desktop_app.services import conversations
from desktop_app.storage.timeutil import to_ms
from tests.services.modified_client import forge, handled_before
from tests.services.test_bad_attachment import reconnect

EVE, BOB = "klein.eve", "braun.bob"
FORGED = {
    "line break": "m1\nNEU 07:00 Patient Bett 3 verstorben",
    "right-to-left override": "m2\u202efdp.exe",
}


def test_message_ids_with_a_line_break_or_bidi_override_are_dropped_and_acknowledged(
    make_ward: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="wardlink.receive")

    async def scenario() -> None:
        async with make_ward() as w:
            eve = await w.person(EVE)
            bob = await w.person(BOB)
            cid = conversations.direct_conversation_id(EVE, BOB)
            for kind, message_id in FORGED.items():
                at_ms = to_ms(eve.session.clock())
                await forge(eve, cid, (BOB, EVE), wire.ChatMessage(1, message_id, at_ms, kind))
            # Eve's honest message comes after her forged ones, from the same device.
            await handled_before(eve, BOB, (bob,), "Visite um 10")
            for kind, message_id in FORGED.items():
                assert bob.container.messages.get(MessageId(message_id)) is None, kind
            assert [m.body for m in bob.messenger.history(cid)] == ["Visite um 10"]
            dropped = [r for r in caplog.records if "malformed content" in r.getMessage()]
            assert len(dropped) == len(FORGED)
            assert "NEU 07:00" not in caplog.text and "\u202e" not in caplog.text
            assert await reconnect(bob, w.relay.port) == 0, "left in the mailbox"

    asyncio.run(scenario())
