"""Any enrolled colleague fills someone's container with room keys (found in an insider
audit, 2026-12-07; closed 2026-12-07).

A room key comes over Olm from any device the relay lists (no conversation is needed)
and was kept until retention, about 1 KB each: a modified client sent keys for
made-up conversations without end, each a new group session in the victim's container.

Now a device's keys that have decrypted nothing are counted (schema 24,
``room_key_origins``); beyond ``MAX_UNUSED_ROOM_KEYS_PER_DEVICE`` its new keys are
refused. A key whose session decrypted a message no longer counts, and other
colleagues' keys are kept as before.
"""

from __future__ import annotations

import asyncio
import uuid
from typing import Any, cast

import vodozemac as vz

from desktop_app.crypto.e2e.payloads import Control, RoomKey
from desktop_app.storage.sql_inbox import MAX_UNUSED_ROOM_KEYS_PER_DEVICE
from tests.services.conftest import Person
from tests.services.modified_client import handled_before

EVE, BOB, ANNA = "klein.eve", "braun.bob", "weber.anna"
FLOOD = MAX_UNUSED_ROOM_KEYS_PER_DEVICE + 30


async def made_up_room_keys(sender: Person, victim: Person, count: int) -> None:
    """``count`` room keys, each of a fresh session for a conversation that does not
    exist, sent over Olm to the victim's devices (as a modified client can)."""
    outgoing = sender.messenger.outgoing
    for _ in range(count):
        session = vz.GroupSession()
        key = RoomKey(
            conversation_id="made-up-" + uuid.uuid4().hex,
            session_id=session.session_id,
            session_key=session.session_key.to_base64(),
            sender_ed25519=sender.session.account.identity_keys.ed25519,
        )
        # queue_control encrypts any Olm content; the honest client sends controls there.
        await outgoing.queue_control(victim.uid, cast(Control, key), now=sender.session.clock())
    await outgoing.flush()


def inbound_sessions(person: Person) -> int:
    return int(
        person.container.database.scalar(
            "SELECT count(*) FROM crypto_pickles WHERE kind = 'megolm-in'"
        )
    )


def test_a_colleague_cannot_fill_a_container_with_room_keys(make_ward: Any) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            eve = await w.person(EVE)
            bob = await w.person(BOB)
            anna = await w.person(ANNA)
            # Eve and Bob chat: the 1:1's session decrypted a message, so it is used.
            await handled_before(eve, BOB, (bob,), "Hallo Bob")
            before = inbound_sessions(bob)

            await made_up_room_keys(eve, bob, FLOOD)
            # Eve's 1:1 session still works (it was used), and arrives after the flood.
            await handled_before(eve, BOB, (bob,), "Noch da?")
            kept = inbound_sessions(bob) - before
            assert kept == MAX_UNUSED_ROOM_KEYS_PER_DEVICE, kept

            # Another colleague's first message (a new key from her device) still decrypts.
            await handled_before(anna, BOB, (bob,), "Guten Morgen")
            assert inbound_sessions(bob) == before + kept + 1

    asyncio.run(scenario())
