"""The hospital's own relay, taken over, attacks its clients (tests/services/rogue_relay.py
makes the real relay on 127.0.0.1 send what the attacker wants). End-to-end encryption
promises it can neither read nor forge content; a rogue relay gets a clear error and
loses nothing already stored."""

from __future__ import annotations

import asyncio
import itertools
from datetime import timedelta
from typing import Any

import msgspec
import pytest

from desktop_app.domain.ids import ConversationId
from desktop_app.protocol import Deliver, Frame, Revocations
from desktop_app.relay.admin import revoke
from desktop_app.services.arrival import MAX_RELAY_BEHIND
from desktop_app.storage.timeutil import to_ms, utc_now
from tests.relay.conftest import ADMIN
from tests.services.modified_client import until_shown
from tests.services.rogue_relay import rogue
from tests.services.test_message_events import group_of_three


def bodies_from(person: Any, cid: str) -> list[tuple[str, str]]:
    return [(m.sender_uid, m.body) for m in person.messenger.history(cid)]


def test_a_relay_naming_another_sender_is_not_believed(
    make_ward: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    attacker = rogue(monkeypatch)

    async def scenario() -> None:
        async with make_ward() as w:
            anna, jonas, mia, cid = await group_of_three(w)
            await jonas.messenger.sync()
            await jonas.messenger.send_text(cid, "Hallo")  # Mia has Jonas's room key
            await until_shown(mia, cid, "Hallo")
            anna_dev, jonas_dev = anna.session.device_id, jonas.session.device_id
            claims = itertools.cycle([("weber.anna", anna_dev), ("weber.anna", jonas_dev)])
            forged: list[str] = []

            def as_anna(device: str | None, frame: Frame) -> list[Frame | bytes] | None:
                if device != mia.session.device_id or not isinstance(frame, Deliver):
                    return None
                if frame.sender_device != jonas_dev:
                    return None
                uid, dev = next(claims)
                forged.append(frame.envelope_id)
                return [msgspec.structs.replace(frame, sender_uid=uid, sender_device=dev)]

            attacker.rules.append(as_anna)
            # Megolm: Anna's device, then Anna's uid with Jonas's device.
            await jonas.messenger.send_text(cid, "Gefälscht 1")
            await jonas.messenger.send_text(cid, "Gefälscht 2")
            # Olm (the room key of their new direct chat) + Megolm, both ways again.
            await jonas.messenger.send_text("yilmaz.mia", "Gefälscht 3")
            await jonas.messenger.send_text("yilmaz.mia", "Gefälscht 4")
            await anna.messenger.send_text(cid, "Kontrolle")
            await until_shown(mia, cid, "Kontrolle")  # handled after the forgeries
            assert len(forged) >= 4
            shown = bodies_from(mia, cid)
            assert not [b for _, b in shown if b.startswith("Gefälscht")], shown
            for state in mia.container.conversations.recent(10):
                other = state.conversation.conversation_id
                assert not [b for _, b in bodies_from(mia, other) if b.startswith("Gefälscht")]

    asyncio.run(scenario())


def test_an_envelope_replayed_under_a_new_id_is_shown_once(
    make_ward: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    attacker = rogue(monkeypatch)

    async def scenario() -> None:
        async with make_ward() as w:
            anna, jonas, mia, cid = await group_of_three(w)
            await jonas.messenger.sync()
            sent = await jonas.messenger.send_text(cid, "Einmal")
            direct = await jonas.messenger.send_text("yilmaz.mia", "Direkt einmal")
            await jonas.messenger.events.react(sent.message_id, "👍")
            await until_shown(mia, direct.conversation_id, "Direkt einmal")
            old = [
                f
                for d, f in attacker.sent
                if d == mia.session.device_id
                and isinstance(f, Deliver)
                and f.sender_device == jonas.session.device_id
            ]
            assert len(old) >= 3
            replays = [
                msgspec.structs.replace(f, envelope_id=f"replay-{i}") for i, f in enumerate(old)
            ]

            def replay_first(device: str | None, frame: Frame) -> list[Frame | bytes] | None:
                if device != mia.session.device_id or not isinstance(frame, Deliver):
                    return None
                attacker.rules.remove(replay_first)
                return [*replays, frame]

            attacker.rules.append(replay_first)
            await anna.messenger.send_text(cid, "Kontrolle")
            await until_shown(mia, cid, "Kontrolle")
            assert replay_first not in attacker.rules  # the replays went out
            assert [b for _, b in bodies_from(mia, cid)].count("Einmal") == 1
            assert [b for _, b in bodies_from(mia, direct.conversation_id)] == ["Direkt einmal"]
            assert mia.messenger.incoming.events is not None

    asyncio.run(scenario())


def test_an_older_revocation_list_pushed_by_the_relay_does_not_stop_receiving(
    make_ward: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    attacker = rogue(monkeypatch)

    async def scenario() -> None:
        async with make_ward() as w:
            anna, _jonas, mia, cid = await group_of_three(w)
            old = mia.session.peers.revocations
            leaver = await w.person("alt.geraet")
            revoke(w.relay.root, leaver.session.device_id, ADMIN, keep_data=True)
            await mia.session.peers.refresh_revocations(mia.session.require_link())
            held = mia.session.peers.revocations.number
            assert held > old.number

            def stale_first(device: str | None, frame: Frame) -> list[Frame | bytes] | None:
                if device != mia.session.device_id or not isinstance(frame, Deliver):
                    return None
                attacker.rules.remove(stale_first)
                return [Revocations(0, old.der), Revocations(0, b"not a list"), frame]

            attacker.rules.append(stale_first)
            await anna.messenger.send_text(cid, "Nach der alten Liste")
            await until_shown(mia, cid, "Nach der alten Liste")
            assert stale_first not in attacker.rules
            assert mia.session.peers.revocations.number == held  # not rolled back

    asyncio.run(scenario())


def test_a_relay_cannot_backdate_what_it_delivers(
    make_ward: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    attacker = rogue(monkeypatch)
    three_days_ago = to_ms(utc_now() - timedelta(days=3))

    async def scenario() -> None:
        async with make_ward() as w:
            anna, _jonas, mia, cid = await group_of_three(w)
            await mia.messenger.sync()

            def backdate(device: str | None, frame: Frame) -> list[Frame | bytes] | None:
                if device != mia.session.device_id or not isinstance(frame, Deliver):
                    return None
                return [msgspec.structs.replace(frame, received_ms=three_days_ago)]

            attacker.rules.append(backdate)
            before = utc_now() - timedelta(seconds=1)
            await anna.messenger.send_text(cid, "Penicillin-Allergie!")
            await until_shown(mia, cid, "Penicillin-Allergie!")
            shown = [m for m in mia.messenger.history(cid) if m.body == "Penicillin-Allergie!"]
            # Anna's signed time, moved back at most MAX_RELAY_BEHIND (not three days).
            assert shown[0].sent_at >= before - MAX_RELAY_BEHIND, shown[0].sent_at
            assert mia.container.conversations.state(ConversationId(cid)) is not None

    asyncio.run(scenario())
