"""The hospital's own relay, taken over, attacks its clients (tests/services/rogue_relay.py
makes the real relay on 127.0.0.1 send what the attacker wants). End-to-end encryption
promises it can neither read nor forge content; a rogue relay gets a clear error and
loses nothing already stored."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import itertools
import logging
from datetime import timedelta
from pathlib import Path
from typing import Any

import msgspec
import pytest

from desktop_app.directory.errors import SnapshotRefused
from desktop_app.domain.ids import ConversationId, Uid, new_envelope_id
from desktop_app.domain.model import MessageState
from desktop_app.protocol import (
    Acked,
    BlobChunk,
    ClaimedKeys,
    Deliver,
    Devices,
    DirectoryPage,
    EnvelopeAccepted,
    FetchRevocations,
    Frame,
    Revocations,
)
from desktop_app.protocol.limits import MAX_FRAME_BYTES
from desktop_app.relay.admin import revoke
from desktop_app.services.arrival import MAX_RELAY_BEHIND
from desktop_app.services.errors import RelayUnavailable
from desktop_app.storage.timeutil import to_ms, utc_now
from tests.relay.conftest import ADMIN
from tests.services.conftest import ward
from tests.services.modified_client import until_shown
from tests.services.rogue_relay import raw, rogue
from tests.services.test_message_events import group_of_three
from tests.services.test_staff_directory import DIENST, EVERYONE, STAFF, publish


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


JUNK: dict[str, Any] = {
    "not_msgpack": b"\xc1 not a frame",
    "fails_validation": msgspec.msgpack.encode({"type": "Deliver", "envelope_id": 7}),
    "reply_to_no_request": raw(Acked(4242, 1)),
    "chunk_never_asked_for": raw(BlobChunk(4243, "blob-x", 0, b"data", True)),
    "enormous": b"\x00" * (MAX_FRAME_BYTES + 1),
}


@pytest.mark.parametrize("junk", list(JUNK), ids=list(JUNK))
def test_a_frame_that_makes_no_sense_drops_the_link_and_loses_nothing(
    make_ward: Any, monkeypatch: pytest.MonkeyPatch, junk: str
) -> None:
    attacker = rogue(monkeypatch)

    async def scenario() -> None:
        async with make_ward() as w:
            anna, _jonas, mia, cid = await group_of_three(w)
            await anna.messenger.send_text(cid, "Vorher")
            await until_shown(mia, cid, "Vorher")

            def junk_first(device: str | None, frame: Frame) -> list[Frame | bytes] | None:
                if device != mia.session.device_id or not isinstance(frame, Deliver):
                    return None
                attacker.rules.remove(junk_first)
                return [JUNK[junk], frame]

            attacker.rules.append(junk_first)
            await anna.messenger.send_text(cid, "Nachher")
            link = mia.session.require_link()
            with contextlib.suppress(RelayUnavailable):
                await mia.messenger.sync()
            assert junk_first not in attacker.rules
            with pytest.raises(RelayUnavailable, match=r"broke the protocol|connection"):
                await link.request(FetchRevocations(link.ids.next()))
            await mia.session.close()
            await mia.connect(w.relay.port)  # the app's locator does this by itself
            await until_shown(mia, cid, "Nachher")
            assert [b for _, b in bodies_from(mia, cid)].count("Nachher") == 1
            assert "Vorher" in [b for _, b in bodies_from(mia, cid)]

    asyncio.run(scenario())


def test_an_acceptance_for_an_envelope_never_sent_leaves_the_message_queued(
    make_ward: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    attacker = rogue(monkeypatch)

    async def scenario() -> None:
        async with make_ward() as w:
            anna, _jonas, mia, cid = await group_of_three(w)
            await anna.messenger.sync()
            anna_dev = anna.session.device_id

            def accept_another(device: str | None, frame: Frame) -> list[Frame | bytes] | None:
                if device != anna_dev or not isinstance(frame, EnvelopeAccepted):
                    return None
                attacker.rules.remove(accept_another)
                # Claims another envelope arrived; the real one is not confirmed.
                return [raw(msgspec.structs.replace(frame, envelope_id=new_envelope_id()))]

            attacker.rules.append(accept_another)
            sent = await anna.messenger.send_text(cid, "Bitte bestätigen")
            assert accept_another not in attacker.rules
            mine = anna.container.messages.get(sent.message_id)
            assert mine is not None and mine.state is MessageState.QUEUED
            await anna.session.close()
            await anna.connect(w.relay.port)
            await anna.messenger.sync()
            mine = anna.container.messages.get(sent.message_id)
            assert mine is not None and mine.state is not MessageState.QUEUED
            await until_shown(mia, cid, "Bitte bestätigen")
            assert [b for _, b in bodies_from(mia, cid)].count("Bitte bestätigen") == 1

    asyncio.run(scenario())


def test_one_time_keys_of_another_device_are_refused(
    make_ward: Any, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    attacker = rogue(monkeypatch)

    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person("weber.anna")
            ben = await w.person("neu.ben")
            cem = await w.person("neu.cem")
            swapped: list[str] = []

            def swap_keys(device: str | None, frame: Frame) -> list[Frame | bytes] | None:
                if device != anna.session.device_id or not isinstance(frame, ClaimedKeys):
                    return None
                if len(frame.keys) != 2:
                    return None
                first, second = frame.keys  # each gets the other's genuinely signed keys
                keys = {
                    first: msgspec.structs.replace(frame.keys[second], device_id=first),
                    second: msgspec.structs.replace(frame.keys[first], device_id=second),
                }
                swapped.extend(keys)
                return [msgspec.structs.replace(frame, keys=keys)]

            attacker.rules.append(swap_keys)
            with (
                caplog.at_level(logging.WARNING, logger="wardlink.send"),
                contextlib.suppress(Exception),  # what it makes of it: not the point here
            ):
                await anna.messenger.create_group("Neu", ["neu.ben", "neu.cem"])
            assert sorted(swapped) == sorted([ben.session.device_id, cem.session.device_id])
            for person in (ben, cem):
                device = anna.session.peers.device(person.uid, person.session.device_id)
                assert device is not None
                assert not anna.session.olm.has_session(device.device_id, device.curve25519)
            assert any("claimed key" in r.getMessage() for r in caplog.records)

    asyncio.run(scenario())


def test_an_older_directory_is_refused_and_the_hand_over_stays(
    relay_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    attacker = rogue(monkeypatch)
    publish(relay_dir, tmp_path, EVERYONE)

    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            anna = await w.person(STAFF[5].uid)  # connecting fetched version 1
            old = [f for _, f in attacker.sent if isinstance(f, DirectoryPage)]
            assert old and old[-1].version == 1
            handed = dataclasses.replace(DIENST, holders=(STAFF[5].uid,))
            publish(relay_dir, tmp_path, [*EVERYONE[:-1], handed], "v2.csv")
            directory = anna.session.directory
            link = anna.session.require_link()
            assert (await directory.refresh(link)).version == 2

            def roll_back(device: str | None, frame: Frame) -> list[Frame | bytes] | None:
                if device != anna.session.device_id or not isinstance(frame, DirectoryPage):
                    return None
                return [msgspec.structs.replace(old[-1], req_id=frame.req_id)]

            attacker.rules.append(roll_back)
            with pytest.raises(SnapshotRefused, match="older than 2"):
                await directory.refresh(link)
            assert await directory.refresh_quietly(link) is None
            assert directory.version == 2 and directory.get(DIENST.uid) == handed

    asyncio.run(scenario())


def test_a_revoked_device_listed_again_stays_revoked(
    make_ward: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    attacker = rogue(monkeypatch)

    async def scenario() -> None:
        async with make_ward() as w:
            _anna, jonas, mia, _cid = await group_of_three(w)
            link = mia.session.require_link()
            await mia.session.peers.refresh(link, ["mueller.jonas"])
            listed = [
                f
                for d, f in attacker.sent
                if d == mia.session.device_id
                and isinstance(f, Devices)
                and f.certificates.get(Uid("mueller.jonas"))
            ]
            assert listed
            revoke(w.relay.root, jonas.session.device_id, ADMIN, keep_data=True)
            await mia.session.peers.refresh_revocations(link)

            def old_list(device: str | None, frame: Frame) -> list[Frame | bytes] | None:
                if device != mia.session.device_id or not isinstance(frame, Devices):
                    return None
                return [msgspec.structs.replace(listed[-1], req_id=frame.req_id)]

            attacker.rules.append(old_list)
            await mia.session.peers.refresh(link, ["mueller.jonas"])
            device = mia.session.peers.device("mueller.jonas", jonas.session.device_id)
            assert device is not None and device.revoked
            assert not mia.session.peers.live_devices(["mueller.jonas"])

    asyncio.run(scenario())


def test_a_device_the_relay_hid_for_a_while_counts_again_when_listed(
    make_ward: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    attacker = rogue(monkeypatch)

    async def scenario() -> None:
        async with make_ward() as w:
            anna, jonas, _mia, cid = await group_of_three(w)
            peers, link = anna.session.peers, anna.session.require_link()

            def hide_jonas(device: str | None, frame: Frame) -> list[Frame | bytes] | None:
                if device != anna.session.device_id or not isinstance(frame, Devices):
                    return None
                certificates = {**frame.certificates, Uid("mueller.jonas"): []}
                return [msgspec.structs.replace(frame, certificates=certificates)]

            attacker.rules.append(hide_jonas)
            await peers.refresh(link, ["mueller.jonas"])
            assert not peers.live_devices(["mueller.jonas"])  # not listed: no keys for it
            attacker.rules.remove(hide_jonas)  # IT repaired the relay
            await peers.refresh(link, ["mueller.jonas"])
            assert [d.device_id for d in peers.live_devices(["mueller.jonas"])] == [
                jonas.session.device_id
            ]
            await anna.messenger.send_text(cid, "Wieder da")
            await until_shown(jonas, cid, "Wieder da")

    asyncio.run(scenario())
