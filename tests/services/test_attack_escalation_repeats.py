"""A colleague who is someone's escalation target made that person's PC escalate again
and again, through the real relay: his modified client published one-time keys that do
not verify, so no copy could be encrypted to him, and every round made another copy.
The relay now refuses such keys at publish time (tests/relay/test_relay_abuse.py); a
relay taken over can still hand them out, which is what this test plays."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path

import msgspec
import pytest

from desktop_app.domain.model import MessageKind
from desktop_app.protocol import ClaimedKeys, Frame
from desktop_app.protocol.frames_keys import SignedKey
from desktop_app.services import conversations, escalation
from desktop_app.services.escalation import ESCALATION_CHECK_S
from tests.services.conftest import Person, ward
from tests.services.rogue_relay import rogue
from tests.services.test_escalation import ANNA, JONAS, MIA, _setup, _with_clock


def hand_out_keys_nobody_can_use(monkeypatch: pytest.MonkeyPatch, target: Person) -> None:
    """Every claim of the target's keys answered with keys whose signature does not
    verify (as his modified client's keys were, before the relay checked them)."""
    attacker = rogue(monkeypatch)
    device = target.session.device_id
    junk = SignedKey("!junk", "A" * 43, bytes(64))

    def junk_keys(_to: str | None, frame: Frame) -> list[Frame | bytes] | None:
        if not isinstance(frame, ClaimedKeys) or device not in frame.keys:
            return None
        keys = dict(frame.keys)
        keys[device] = msgspec.structs.replace(  # type: ignore[index]
            keys[device],
            one_time_key=junk,
            fallback_key=junk,  # type: ignore[index]
        )
        return [msgspec.structs.replace(frame, keys=keys)]

    attacker.rules.append(junk_keys)


def test_an_unreachable_target_gets_one_copy_not_one_per_round(
    relay_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _setup(relay_dir, tmp_path)

    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            anna = await w.person(ANNA.uid)
            jonas = await w.person(JONAS.uid)
            mia = await w.person(MIA.uid)  # Anna's escalation target, modified client
            hand_out_keys_nobody_can_use(monkeypatch, mia)
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
