"""Any enrolled colleague fills someone's container with envelopes "waiting for a key"
(found in an insider audit, 2026-12-07).

A group message whose Megolm session is not known yet is kept as ciphertext until its
room key comes (``incoming.py`` ``_group_part``, ``inbox.hold``). Nothing bounded
that: a modified client sends envelopes to a colleague's device (no conversation
needed: the relay lists anyone's devices) whose shared payload names a session that
never comes, up to 256 KiB each. The receiver holds every one and acknowledges it, so
the relay's mailbox quota is free again for the next batch, and the held ciphertexts
stay in the victim's container for good: its disk fills.

Now at most ``MAX_HELD_PER_DEVICE`` envelopes and ``MAX_HELD_BYTES_PER_DEVICE`` bytes
are held per sender device (storage/sql_inbox.py); more are dropped with a log line,
and another sender's envelope is still held (and released when its key comes).
"""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

from desktop_app.domain.ids import DeviceId, EnvelopeId
from desktop_app.protocol import EnvelopeAccepted, SendEnvelope
from desktop_app.protocol import content as wire
from desktop_app.services import conversations
from desktop_app.storage.sql_inbox import MAX_HELD_BYTES_PER_DEVICE, MAX_HELD_PER_DEVICE
from tests.services.conftest import Person
from tests.services.modified_client import handled_before

EVE, BOB, ANNA = "klein.eve", "braun.bob", "weber.anna"
BIG = 200 * 1024  # a ciphertext near the relay's largest payload (256 KiB)


async def waiting_for_a_key(sender: Person, victim: Person, size: int) -> None:
    """One envelope to the victim's device whose payload names a session never shared."""
    link = sender.session.require_link()
    cid = conversations.direct_conversation_id(sender.uid, victim.uid)
    body = wire.EnvelopeBody(1, cid, "no-such-session-" + uuid.uuid4().hex, b"\0" * size)
    frame = SendEnvelope(
        link.ids.next(),
        EnvelopeId(uuid.uuid4().hex),
        [DeviceId(victim.session.device_id)],
        wire.encode(body),
        {},
    )
    assert isinstance(await link.request(frame), EnvelopeAccepted)


def held_bytes(person: Person) -> int:
    return int(
        person.container.database.scalar(
            "SELECT coalesce(sum(length(payload)), 0) FROM held_envelopes"
        )
    )


def test_a_colleague_cannot_fill_a_container_with_envelopes_waiting_for_a_key(
    make_ward: Any,
) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            eve = await w.person(EVE)
            bob = await w.person(BOB)
            anna = await w.person(ANNA)
            # Many small ones (the count) ...
            for _ in range(MAX_HELD_PER_DEVICE + 20):
                await waiting_for_a_key(eve, bob, 16)
            await bob.messenger.sync()
            # ... and large ones, in rounds: each is acknowledged, the relay's quota free.
            for _ in range(3):
                for _ in range(MAX_HELD_BYTES_PER_DEVICE // BIG // 2 + 1):
                    await waiting_for_a_key(eve, bob, BIG)
                await bob.messenger.sync()
            await handled_before(eve, BOB, (bob,), "Hallo")  # all of it handled
            assert bob.container.inbox.held_count() <= MAX_HELD_PER_DEVICE
            assert held_bytes(bob) <= MAX_HELD_BYTES_PER_DEVICE
            # Another colleague's envelope still waits for its key.
            before = bob.container.inbox.held_count()
            await waiting_for_a_key(anna, bob, 64)
            await handled_before(anna, BOB, (bob,), "Guten Morgen")
            assert bob.container.inbox.held_count() == before + 1

    asyncio.run(scenario())
