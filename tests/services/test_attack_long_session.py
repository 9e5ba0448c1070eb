"""A colleague's modified client that never rotates its group key.

Honest senders rotate after 100 messages. Before, the receiver kept a session's replay
record (which envelope carried which message index) as one record rewritten whole for
every message, so each message of an endless session cost more than the one before:
thousands of entries rewritten, and encrypted, per message on every member's PC. Now
each index is a record of its own, so a message costs the same at any length.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from desktop_app.crypto.e2e import RotationPolicy
from desktop_app.crypto.e2e.megolm_inbound import MAX_TRACKED_INDICES
from desktop_app.services.conversations import direct_conversation_id
from tests.services.conftest import ward

MALLORY, JONAS = "schulz.mallory", "mueller.jonas"
MESSAGES = 150  # past the honest limit of 100 per session
RECORD_BYTES = 200  # a replay record names one envelope: far below this


def test_a_session_that_never_rotates_costs_the_receiver_the_same_per_message(
    relay_dir: Path, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            mallory = await w.person(MALLORY)
            jonas = await w.person(JONAS)
            mallory.session.outbound.policy = RotationPolicy(max_messages=MAX_TRACKED_INDICES)
            for i in range(MESSAGES):
                await mallory.messenger.send_text(JONAS, f"Nachricht {i}")
            await jonas.messenger.sync()
            cid = direct_conversation_id(MALLORY, JONAS)
            bodies = [m.body for m in jonas.messenger.history(cid)]
            assert [b for b in bodies if b.startswith("Nachricht ")] == [
                f"Nachricht {i}" for i in range(MESSAGES)
            ]
            rows = jonas.container.database.query(
                "SELECT kind, name, length(pickle) FROM crypto_pickles "
                "WHERE kind LIKE 'megolm-seen%'"
            )
            assert len({str(r[1]).split("#")[0] for r in rows}) == 1  # one session
            assert len(rows) > MESSAGES  # a record per message index (and the chat's state)
            assert max(int(r[2]) for r in rows) < RECORD_BYTES, rows[:3]

    asyncio.run(scenario())
