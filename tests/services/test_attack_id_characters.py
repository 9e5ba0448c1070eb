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

from desktop_app.domain.ids import ConversationId, MessageId, Uid
from desktop_app.domain.model import Message, MessageState
from desktop_app.protocol import content as wire
from desktop_app.services import conversations
from desktop_app.services.message_events import EventRefused
from desktop_app.services.receipts_out import OutgoingReceipts
from desktop_app.storage.sql_receipts import ReceiptKind
from desktop_app.storage.timeutil import to_ms
from tests.services.conftest import Person
from tests.services.modified_client import forge, handled_before
from tests.services.test_bad_attachment import reconnect
from tests.services.test_message_events import group_of_three

EVE, BOB = "klein.eve", "braun.bob"
FORGED = {
    "line break": "m1\nNEU 07:00 Patient Bett 3 verstorben",
    "right-to-left override": "m2\u202efdp.exe",
}


def kept_from_before(reader: Person, sender: Person, cid: str, beside: Message) -> Message:
    """A message of ``sender`` in ``reader``'s container under an id with a line break,
    as an earlier release accepted it, sent when ``beside`` was."""
    old = Message(
        MessageId(FORGED["line break"]), ConversationId(cid), Uid(sender.uid), beside.sent_at,
        "alt", state=MessageState.RECEIVED, sender_device=sender.session.device_id,
    )  # fmt: skip
    assert reader.container.messages.add(old)
    return old


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


def test_a_message_kept_from_before_the_rule_costs_no_other_message_its_receipt(
    make_ward: Any,
) -> None:
    """A container may hold a message whose id an earlier release accepted ("\\n" in
    it). Reading it with a colleague's message must not make the one receipt for both
    malformed at every receiver: Anna still sees that Jonas read hers."""

    async def scenario() -> None:
        async with make_ward() as w:
            anna, jonas, mia, cid = await group_of_three(w)
            sent = await anna.messenger.send_text(cid, "Befund Bett 3")
            (got,) = [m for m in await jonas.messenger.sync() if m.body == "Befund Bett 3"]
            old = kept_from_before(jonas, mia, cid, got)
            await OutgoingReceipts(jonas.messenger, asyncio.Lock()).send(
                ReceiptKind.READ, [old, got]
            )
            await handled_before(jonas, cid, (anna,), "Gelesen")
            read = anna.container.receipts.for_message(sent.message_id)
            assert [(r.uid, r.kind) for r in read] == [(jonas.uid, ReceiptKind.READ)]

    asyncio.run(scenario())


def test_replying_reacting_or_pinning_a_message_kept_from_before_the_rule_is_refused_here(
    make_ward: Any,
) -> None:
    """Content naming such a message is malformed at every receiver, dropped without a
    word. Jonas's client refuses it with a sentence instead: nothing goes out, nothing
    is applied on his PC, and his next honest message still reaches Anna."""

    async def scenario() -> None:
        async with make_ward() as w:
            anna, jonas, mia, cid = await group_of_three(w)
            await anna.messenger.send_text(cid, "Befund Bett 3")
            (got,) = [m for m in await jonas.messenger.sync() if m.body == "Befund Bett 3"]
            old = kept_from_before(jonas, mia, cid, got)
            events, sent_before = jonas.messenger.events, len(jonas.messenger.history(cid))
            with pytest.raises(EventRefused, match="reply to it would reach nobody") as reply:
                await jonas.messenger.send_text(cid, "Antwort", reply_to=old.message_id)
            with pytest.raises(EventRefused, match="reaction to it would reach nobody") as react:
                await events.react(old.message_id, "👍")
            with pytest.raises(EventRefused, match="pinning or unpinning it") as pin:
                await events.pin(old.message_id)
            assert [reply.value.key, react.value.key, pin.value.key] == [
                "reply_old_message", "react_old_message", "pin_old_message",
            ]  # fmt: skip
            assert len(jonas.messenger.history(cid)) == sent_before
            assert jonas.container.events.reactions(old.message_id) == {}
            assert jonas.container.events.pinned(ConversationId(cid)) == []
            # The same actions on an honest message still work and reach Anna.
            await events.react(got.message_id, "👍")
            await handled_before(jonas, cid, (anna,), "Gesehen")
            assert anna.container.events.reactions(got.message_id) == {"👍": [jonas.uid]}

    asyncio.run(scenario())
