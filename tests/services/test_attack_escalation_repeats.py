"""A colleague who is someone's escalation target makes that person's PC escalate again
and again, through the real relay: his modified client publishes one-time keys that do
not verify, so no copy can be encrypted to him, and every round made another copy."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path

from desktop_app.domain.model import MessageKind
from desktop_app.protocol.frames_keys import KeysPublished, PublishKeys, SignedKey
from desktop_app.services import conversations, escalation
from desktop_app.services.escalation import ESCALATION_CHECK_S
from tests.services.conftest import Person, ward
from tests.services.test_escalation import ANNA, JONAS, MIA, _setup, _with_clock


async def publish_keys_nobody_can_use(person: Person, count: int) -> None:
    """One-time keys the relay hands out first ('!' sorts before every real key id) and
    a fallback key in place of the real one (a claimer past its limits gets that), each
    with a signature that does not verify."""
    link = person.session.require_link()
    junk = [SignedKey(f"!junk-{n:03d}", "A" * 43, bytes(64)) for n in range(count + 1)]
    reply = await link.request(PublishKeys(link.ids.next(), junk[:count], junk[count]))
    assert isinstance(reply, KeysPublished)


def test_an_unreachable_target_gets_one_copy_not_one_per_round(
    relay_dir: Path, tmp_path: Path
) -> None:
    _setup(relay_dir, tmp_path)

    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            anna = await w.person(ANNA.uid)
            jonas = await w.person(JONAS.uid)
            mia = await w.person(MIA.uid)  # Anna's escalation target, modified client
            await publish_keys_nobody_can_use(mia, 20)
            clock = _with_clock(anna)
            anna.container.settings.set(escalation.TARGET_SETTING, MIA.uid)
            await anna.messenger.send_text(JONAS.uid, "Zi. 7 Blutdruck 70/40", urgent=True)
            await jonas.messenger.sync()  # delivered, not acknowledged
            clock.now += timedelta(minutes=6)
            for _round in range(6):  # three minutes of the live client's rounds
                await escalation.escalate_due(anna.messenger, 5)
                clock.now += timedelta(seconds=ESCALATION_CHECK_S)
            cid = conversations.direct_conversation_id(ANNA.uid, MIA.uid)
            copies = [m for m in anna.messenger.history(cid) if m.kind is MessageKind.TEXT]
            assert len(copies) <= 1, [m.state for m in copies]

    asyncio.run(scenario())
