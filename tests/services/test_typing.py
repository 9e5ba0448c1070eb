"""The typing indicator between real clients on a real relay: it arrives end-to-end
encrypted, expires, ends with the person's message, is never stored as a message, and
is refused from non-members, for other conversations, when old, or with the policy off."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

from desktop_app.protocol import content as wire
from desktop_app.services import typing as typing_rule
from desktop_app.storage.timeutil import to_ms
from tests.services.modified_client import handled_before
from tests.services.test_bad_attachment import reconnect
from tests.services.test_message_events import group_of_three, sneak


def _stored(person: Any) -> int:
    """Every row of the container's messages table (system lines included)."""
    return int(person.container.database.scalar("SELECT count(*) FROM messages"))


def test_typing_arrives_expires_and_is_never_stored(make_ward: Any) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            anna, jonas, mia, cid = await group_of_three(w)
            for p in (anna, jonas, mia):
                p.messenger.typing.enabled = True
            await jonas.messenger.sync()
            await mia.messenger.sync()
            rows = {p.uid: _stored(p) for p in (anna, jonas, mia)}
            outbox = len(anna.container.outbox)

            assert await anna.messenger.typing.typing(cid)
            # A second keystroke within the interval sends nothing more.
            assert not await anna.messenger.typing.typing(cid)
            assert await jonas.messenger.sync() == []
            assert await mia.messenger.sync() == []
            assert jonas.messenger.typing.who(cid) == ["weber.anna"]
            assert mia.messenger.typing.who(cid) == ["weber.anna"]
            assert anna.messenger.typing.who(cid) == []  # never my own
            # Nothing of it is stored as a message anywhere, nor left in the outbox.
            assert {p.uid: _stored(p) for p in (anna, jonas, mia)} == rows
            assert len(anna.container.outbox) == outbox
            # It expires on its own ...
            later = jonas.session.clock() + timedelta(seconds=typing_rule.EXPIRES_S + 1)
            assert jonas.messenger.typing.who(cid, later) == []
            # ... and at once when the person's message arrives.
            assert mia.messenger.typing.who(cid) == ["weber.anna"]
            await anna.messenger.send_text(cid, "Zimmer 12 ist frei")
            (arrived,) = await mia.messenger.sync()
            assert arrived.body == "Zimmer 12 ist frei"
            assert mia.messenger.typing.who(cid) == []

    asyncio.run(scenario())


def test_typing_refused_from_outsiders_when_old_and_with_the_policy_off(
    make_ward: Any,
) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            anna, jonas, mia, cid = await group_of_three(w)
            paul = await w.person("schulz.paul")
            for p in (anna, jonas, paul):
                p.messenger.typing.enabled = True
            # mia's PC keeps the default: the policy is off.
            await jonas.messenger.sync()
            await mia.messenger.sync()

            # Off means neither sending ...
            assert not await mia.messenger.typing.typing(cid)
            # ... nor showing.
            assert await anna.messenger.typing.typing(cid)
            await mia.messenger.sync()
            assert mia.messenger.typing.who(cid) == []
            await jonas.messenger.sync()
            assert jonas.messenger.typing.who(cid) == ["weber.anna"]

            # A modified client of a non-member types into the group (through the relay).
            state = anna.container.conversations.state(cid)
            assert state is not None
            forged = wire.Typing(1, to_ms(paul.session.clock()))
            await paul.messenger.outgoing.queue_content(
                cid, state.members, forged, message_id=None, now=paul.session.clock()
            )
            await paul.messenger.outgoing.flush()
            # Once Anna shows Paul's next text (in their 1:1), his typing was handled.
            await handled_before(paul, "weber.anna", (anna,), "Hallo Anna")
            assert anna.messenger.typing.who(cid) == []

            # A member's typing that is old (queued for minutes, or a replay) is ignored.
            stale = to_ms(jonas.session.clock() - timedelta(minutes=5))
            await sneak(jonas, cid, wire.Typing(1, stale))
            # Not a text in the group: a message there ends its sender's typing anyway.
            await handled_before(jonas, "weber.anna", (anna,), "Kurze Frage")
            assert anna.messenger.typing.who(cid) == []

            # Typing named for their 1:1 chat shows there, never in the group.
            direct = await jonas.messenger.open_conversation("weber.anna")
            await anna.messenger.sync()
            jonas.messenger.typing.stopped(direct)
            assert await jonas.messenger.typing.typing(direct)
            await anna.messenger.sync()
            assert anna.messenger.typing.who(direct) == ["mueller.jonas"]
            assert anna.messenger.typing.who(cid) == []

    asyncio.run(scenario())


def test_typing_for_an_offline_member_is_dropped_as_old_and_purged(make_ward: Any) -> None:
    """Every envelope waits in the relay mailbox (docs/e2e.md "Typing indicator"): a
    typing signal for a PC that comes later is not shown then, and still acknowledged,
    so the relay deletes it like any delivered message."""

    async def scenario() -> None:
        async with make_ward() as w:
            anna, jonas, mia, cid = await group_of_three(w)
            for p in (anna, jonas, mia):
                p.messenger.typing.enabled = True
            await jonas.messenger.sync()
            await mia.messenger.sync()
            await mia.session.close()  # mia's PC is off

            assert await anna.messenger.typing.typing(cid)
            await jonas.messenger.sync()
            assert jonas.messenger.typing.who(cid) == ["weber.anna"]
            assert await reconnect(jonas, w.relay.port) == 0  # acknowledged: purged

            # Mia's PC comes back a minute later: the signal is old, nothing shows.
            real = mia.session.clock
            mia.session.clock = lambda: real() + timedelta(minutes=1)
            await mia.connect(w.relay.port)
            assert mia.session.pending_at_login == 1
            assert await mia.messenger.sync() == []
            assert mia.messenger.typing.who(cid) == []
            assert await reconnect(mia, w.relay.port) == 0

    asyncio.run(scenario())
