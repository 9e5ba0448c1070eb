"""Any colleague stops someone's mailbox with envelopes whose numbers no row can hold
(found in an insider audit, 2026-12-07).

msgpack carries integers up to 2**64 - 1, SQLite stores at most 2**63 - 1. Two numbers
a peer chooses went into the container unchecked: a group's membership ``version`` (any
colleague may create a group with anyone, and its first state is the creator's to
number) and an attachment's declared ``size`` (a failed download is registered with
it). Storing either raised OverflowError, which the receive path takes for "this
envelope, try again later": it was not acknowledged. The relay hands a device at most
``MAX_UNACKED_DELIVERIES`` (256) envelopes before acknowledgements return, oldest
first, so 256 such envelopes filled the window at every login: nothing behind them,
from anyone, reached the victim until retention dropped them (30 days).

Now the strict content decode refuses a number no row can hold (protocol/content.py):
the envelope is malformed, dropped with a log line and acknowledged. And whatever error
the next hostile value finds, at most ``MAX_KEPT_FAILURES`` failed envelopes wait
unacknowledged for a retry (services/incoming_batch.py), so they never fill the window.
"""

from __future__ import annotations

import asyncio
import secrets
from typing import Any

import pytest

from desktop_app.domain.ids import ConversationId, MessageId
from desktop_app.protocol import content as wire
from desktop_app.protocol.limits import MAX_UNACKED_DELIVERIES
from desktop_app.services import conversations
from desktop_app.services.incoming_batch import MAX_KEPT_FAILURES
from desktop_app.storage.timeutil import to_ms
from tests.services.conftest import Person
from tests.services.modified_client import handled_before
from tests.services.test_bad_attachment import reconnect

EVE, BOB, ANNA = "klein.eve", "braun.bob", "weber.anna"
BEYOND_SQLITE = 2**64 - 1  # the largest integer msgpack carries


def unstorable(kind: str, n: int, at_ms: int) -> tuple[ConversationId, wire.Content]:
    """Eve's ``n``-th envelope to Bob: a conversation and content with a huge number."""
    if kind == "group-version":  # a new group of hers, numbered past any row
        salt = secrets.token_bytes(wire.GROUP_SALT_BYTES)
        cid = conversations.group_conversation_id(EVE, salt)
        state = wire.GroupState(
            1, "group", "Station 3B", [BOB, EVE], [EVE], BEYOND_SQLITE, at_ms, EVE, salt
        )
        return cid, state
    ref = wire.AttachmentRef(
        f"att-{n}", f"blob-{n}", b"\0" * 32, "befund.pdf", "application/pdf",
        BEYOND_SQLITE, "0" * 64,
    )  # fmt: skip
    message = wire.ChatMessage(1, f"huge-{n}", at_ms, "Befund", attachments=[ref])
    return conversations.direct_conversation_id(EVE, BOB), message


async def send_unstorable(eve: Person, kind: str, count: int) -> None:
    out = eve.messenger.outgoing
    at_ms = to_ms(eve.session.clock())
    for n in range(count):
        cid, content = unstorable(kind, n, at_ms)
        await out.queue_content(
            cid, (BOB, EVE), content, message_id=None, now=eve.session.clock()
        )  # fmt: skip
    await out.flush()


@pytest.mark.parametrize("kind", ["group-version", "attachment-size"])
def test_numbers_no_row_can_hold_do_not_stop_the_mailbox(make_ward: Any, kind: str) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            eve = await w.person(EVE)
            bob = await w.person(BOB)
            anna = await w.person(ANNA)
            await send_unstorable(eve, kind, MAX_UNACKED_DELIVERIES)
            # Anna's message comes after Eve's envelopes: before, it never arrived.
            await handled_before(anna, BOB, (bob,), "Patient in Bett 3 braucht Hilfe")
            assert await reconnect(bob, w.relay.port) == 0, "left in the mailbox"
            assert bob.container.messages.get(MessageId("huge-0")) is None
            groups = bob.container.conversations.recent()
            assert [c.conversation.conversation_id for c in groups] == [
                conversations.direct_conversation_id(ANNA, BOB)
            ]

    asyncio.run(scenario())


def test_envelopes_that_trip_an_unforeseen_error_do_not_stop_the_mailbox(
    make_ward: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The receive path itself: whatever error a hostile content finds that no check
    foresaw (stands in for the next such bug), at most MAX_KEPT_FAILURES envelopes wait
    for a retry; the rest are acknowledged, so the relay's window never fills with
    them and a colleague's message behind them arrives."""
    real = wire.decode_content_or_unsupported

    def tripping(data: bytes) -> object:
        content = real(data)
        if isinstance(content, wire.ChatMessage) and content.text == "kaputt":
            raise KeyError("a bug a value found")
        return content

    async def scenario() -> None:
        async with make_ward() as w:
            eve = await w.person(EVE)
            bob = await w.person(BOB)
            anna = await w.person(ANNA)
            monkeypatch.setattr(wire, "decode_content_or_unsupported", tripping)
            out = eve.messenger.outgoing
            cid = conversations.direct_conversation_id(EVE, BOB)
            for n in range(MAX_UNACKED_DELIVERIES):
                message = wire.ChatMessage(1, f"trip-{n}", to_ms(eve.session.clock()), "kaputt")
                await out.queue_content(
                    cid, (BOB, EVE), message, message_id=None, now=eve.session.clock()
                )  # fmt: skip
            await out.flush()
            await handled_before(anna, BOB, (bob,), "Patient in Bett 3 braucht Hilfe")
            # The first ones stay for a retry at the next login, and only they.
            assert await reconnect(bob, w.relay.port) == MAX_KEPT_FAILURES
            await handled_before(anna, BOB, (bob,), "Danke")
            # The bug fixed (an update): the kept ones are handled and free their places.
            monkeypatch.setattr(wire, "decode_content_or_unsupported", real)
            assert await reconnect(bob, w.relay.port) == MAX_KEPT_FAILURES
            await handled_before(anna, BOB, (bob,), "Alles gut")
            assert bob.messenger.incoming.kept_failures == set()
            assert await reconnect(bob, w.relay.port) == 0

    asyncio.run(scenario())
