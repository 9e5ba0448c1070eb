"""The other person of a 1:1 changes disappearing messages without a line saying so,
through the real relay: every accepted change must be a system line naming who set
what (docs/e2e.md "Disappearing messages"), or the chat reads "turned off" while this
PC deletes each message an hour after it was read."""

from __future__ import annotations

import asyncio
from typing import Any

from desktop_app.domain import system_lines
from desktop_app.domain.model import MessageKind
from desktop_app.protocol import content as wire
from desktop_app.storage.timeutil import to_ms, utc_now
from tests.services.conftest import Person
from tests.services.modified_client import handled_before, sneak

ANNA = "weber.anna"
JONAS = "mueller.jonas"


def ephemeral_lines(person: Person, cid: str) -> list[tuple[str, dict[str, str]]]:
    out = []
    for m in person.messenger.history(cid):
        decoded = system_lines.decode(m.body) if m.kind is MessageKind.SYSTEM else None
        if decoded is not None and decoded[0].startswith("ephemeral_"):
            out.append(decoded)
    return out


def test_a_second_setting_under_the_same_number_still_shows_a_line(make_ward: Any) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person(ANNA)
            jonas = await w.person(JONAS)
            await anna.messenger.send_text(JONAS, "Hallo")
            (hello,) = await jonas.messenger.sync()
            cid = hello.conversation_id
            earlier = to_ms(utc_now()) - 60_000  # before the relay takes either
            # Jonas's modified client: "off" (a line Anna sees), then "1 hour" under the
            # same version, a moment later, so it wins without a line of its own.
            await sneak(jonas, cid, wire.Ephemeral(1, None, 1, earlier))
            await sneak(jonas, cid, wire.Ephemeral(1, 1, 1, earlier + 1))
            await handled_before(jonas, cid, (anna,), "Eingestellt")
            assert anna.messenger.ephemeral.hours(cid) == 1
            kind, params = ephemeral_lines(anna, cid)[-1]
            assert (kind, params.get("hours")) == ("ephemeral_on", "1")

    asyncio.run(scenario())
