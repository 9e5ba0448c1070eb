"""A member's modified client takes the id of a system line before the line is written,
so that the line would never appear (found in an insider audit, 2026-12-06).

``conversations.system_line`` stores each line under a message id computed from public
facts: ``"sys-" + sha256(conversation id, key)[:24]``, the key being e.g.
``device/<device id>`` ("X has a new device.") or ``ephemeral-<version>-<uid>`` ("X
turned on disappearing messages"). A received chat message may carry any message id
(``incoming.py`` ``_chat`` does not keep peers out of the ``sys-`` namespace) and the
container stores the first row under an id (``INSERT OR IGNORE``), so a chat message
sent under that id beforehand silently swallows the line.

Both tests perform the attack through the real relay and fail while that is possible:
a received message under an id of the ``sys-`` namespace is refused now
(``domain.ids.is_system_message_id``), so the line is written and shown.
"""

from __future__ import annotations

import asyncio
import hashlib
from typing import Any

from desktop_app.domain.ids import ConversationId
from desktop_app.domain.system_lines import english
from desktop_app.protocol import content as wire
from desktop_app.storage.timeutil import to_ms, utc_now
from tests.services.modified_client import handled_before, sneak

ANNA, JONAS, MALLORY = "weber.anna", "mueller.jonas", "klein.mallory"


def line_id(cid: str, key: str) -> str:
    """The id ``conversations.system_line`` gives the line with ``key`` in ``cid``."""
    return "sys-" + hashlib.sha256(f"{cid}\0{key}".encode()).hexdigest()[:24]


def lines(person: Any, cid: str) -> list[str]:
    return [english(m.body) for m in person.messenger.history(cid)]


def test_a_member_cannot_hide_that_a_colleague_has_a_new_device(make_ward: Any) -> None:
    """A new (possibly planted) device of Jonas must be announced in the group to Anna
    (docs/security.md: "X has a new device." in every conversation with X)."""

    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person(ANNA)
            jonas = await w.person(JONAS, "-pc")
            mallory = await w.person(MALLORY)
            cid = await anna.messenger.create_group("Station 3B", [JONAS, MALLORY])
            await handled_before(anna, cid, (jonas, mallory), "Guten Morgen")
            await handled_before(jonas, cid, (anna, mallory), "Morgen")
            before = {d.device_id for d in mallory.session.peers.live_devices([JONAS])}
            # A second device of Jonas is enrolled (a laptop, or planted).
            await w.person(JONAS, "-laptop")
            # Mallory's client asks the relay for Jonas's devices and sees the new one ...
            await mallory.session.peers.refresh(mallory.session.require_link(), [JONAS])
            now = {d.device_id for d in mallory.session.peers.live_devices([JONAS])}
            (new_device,) = now - before
            # ... and sends the group a chat message under the id of its future line.
            taken = line_id(cid, f"device/{new_device}")
            await sneak(mallory, cid, wire.ChatMessage(1, taken, to_ms(utc_now()), "ok"))
            await handled_before(mallory, cid, (anna,), "Bis später")
            # Anna's client learns of the new device (as when the device list ages).
            anna.session.peers.max_age_s = 0
            await anna.messenger.send_text(cid, "Visite um 10")
            assert len(anna.session.peers.live_devices([JONAS])) == 2  # she encrypts to it
            shown = lines(anna, cid)
            assert f"{JONAS} has a new device." in shown, shown

    asyncio.run(scenario())


def test_the_other_person_cannot_switch_on_disappearing_messages_unannounced(
    make_ward: Any,
) -> None:
    """In a 1:1 either person may set disappearing messages, and every change is a
    system line naming who set what (services/ephemeral.py)."""

    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person(ANNA)
            mallory = await w.person(MALLORY)
            await anna.messenger.send_text(MALLORY, "Hallo")
            (hello,) = await mallory.messenger.sync()
            cid = hello.conversation_id
            held = mallory.container.ephemeral.setting(cid)
            version = (held.version if held else 0) + 1
            changed = to_ms(utc_now()) - 60_000  # his own time for it, known in advance
            taken = line_id(cid, f"ephemeral-{version}-{MALLORY}-{changed}")
            await sneak(mallory, cid, wire.ChatMessage(1, taken, to_ms(utc_now()), "👍"))
            await sneak(mallory, cid, wire.Ephemeral(1, 1, version, changed))  # on, 1 hour
            await handled_before(mallory, cid, (anna,), "Alles klar")
            assert anna.messenger.ephemeral.hours(ConversationId(cid)) == 1  # in force
            shown = lines(anna, cid)
            assert any("disappear" in line.lower() for line in shown), shown

    asyncio.run(scenario())
