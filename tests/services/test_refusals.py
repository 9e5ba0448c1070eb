"""Each refusal of the message path, with the clear error a person or IT would see."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from desktop_app.crypto.trust_errors import RelayNotTrusted, TrustError
from desktop_app.protocol import Deliver
from desktop_app.relay.admin import init_relay, issue_code, revoke
from desktop_app.relay.data_dir import RelayDataDir
from desktop_app.services.enrollment import enroll
from desktop_app.services.errors import DeviceWithdrawn, RelayRefused
from desktop_app.storage.container import Container
from desktop_app.storage.keyslot import Owner
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.relay.conftest import ADMIN, live_relay
from tests.services.conftest import texts


def test_revoked_device_cannot_log_in_and_gets_nothing(make_ward: Any) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person("weber.anna")
            jonas_pc = await w.person("mueller.jonas", "-pc")
            jonas_laptop = await w.person("mueller.jonas", "-laptop")
            await anna.messenger.send_text("mueller.jonas", "An beide Geräte")
            assert texts(await jonas_pc.messenger.sync()) == ["An beide Geräte"]
            assert texts(await jonas_laptop.messenger.sync()) == ["An beide Geräte"]

            revoke(w.relay.root, jonas_pc.session.device_id, ADMIN)
            await anna.messenger.send_text("mueller.jonas", "Nur noch Laptop")
            assert texts(await jonas_laptop.messenger.sync()) == ["Nur noch Laptop"]
            store = RelayDataDir(w.relay.root).open_store()
            try:  # the relay holds nothing for the PC (its own login still runs, unread)
                assert store.pending_count(jonas_pc.session.device_id) == 0
                assert store.pending_count(jonas_laptop.session.device_id) == 0  # control
            finally:
                store.close()
            device = anna.session.peers.device("mueller.jonas", jonas_pc.session.device_id)
            assert device is not None and device.revoked  # never encrypted to again
            await jonas_pc.session.close()
            with pytest.raises(DeviceWithdrawn):  # the signed list came with the refusal
                await jonas_pc.messenger.connect(("127.0.0.1", w.relay.port))
            assert not jonas_pc.profile.exists()  # remote wipe (test_remote_wipe.py)

    asyncio.run(scenario())


def test_replayed_envelope_is_dropped(make_ward: Any) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person("weber.anna")
            jonas = await w.person("mueller.jonas")
            await anna.messenger.send_text("mueller.jonas", "Einmal")
            link = jonas.session.link
            assert link is not None
            # The room key (Olm), the conversation's state, then the message (Megolm).
            frames = [await asyncio.wait_for(link.incoming.get(), 10) for _ in range(3)]
            shown = []
            for frame in frames:
                assert isinstance(frame, Deliver)
                shown += await jonas.messenger.incoming.handle(frame)
            assert texts(shown) == ["Einmal"]
            message_frame = frames[2]
            assert isinstance(message_frame, Deliver)
            # The same envelope again (relay redelivery): dropped before decrypting.
            assert await jonas.messenger.incoming.handle(message_frame) == []
            # The same ciphertext under a new envelope id (a replay): Megolm refuses it.
            replay = Deliver(
                "replayed-envelope",  # type: ignore[arg-type]
                message_frame.sender_uid,
                message_frame.sender_device,
                message_frame.received_ms,
                message_frame.payload,
                None,
            )
            assert await jonas.messenger.incoming.handle(replay) == []
            assert jonas.container.messages.count() == 1

    asyncio.run(scenario())


def test_relay_of_another_organisation_is_refused(tmp_path: Path, make_ward: Any) -> None:
    rogue_dir = tmp_path / "rogue"
    init_relay(rogue_dir, "Rogue Org", ADMIN, ["127.0.0.1"], kdf=FAST_KDF)

    async def scenario() -> None:
        async with make_ward() as w, live_relay(rogue_dir) as rogue:
            anna = await w.person("weber.anna")
            await anna.session.close()
            with pytest.raises(RelayNotTrusted, match="does not belong to your organisation"):
                await anna.messenger.connect(("127.0.0.1", rogue.port))
            # Enrolling with our code at the rogue relay fails before the code is sent.
            fresh = Container.create(tmp_path / "new", PASSPHRASE, Owner("x"), kdf=FAST_KDF)
            code = issue_code(w.relay.root, "new.person").code
            with pytest.raises(TrustError, match="rogue relay"):
                await enroll(fresh, ("127.0.0.1", rogue.port), code, "PC")
            fresh.close()

    asyncio.run(scenario())


def test_reused_and_expired_codes_are_refused(make_ward: Any, tmp_path: Path) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            code = issue_code(w.relay.root, "weber.anna").code
            first = Container.create(tmp_path / "a1", PASSPHRASE, Owner("a"), kdf=FAST_KDF)
            await enroll(first, ("127.0.0.1", w.relay.port), code, "PC 1")
            second = Container.create(tmp_path / "a2", PASSPHRASE, Owner("a"), kdf=FAST_KDF)
            with pytest.raises(RelayRefused, match="already used"):
                await enroll(second, ("127.0.0.1", w.relay.port), code, "PC 2")
            old = issue_code(w.relay.root, "weber.anna", now=0).code
            with pytest.raises(RelayRefused, match="expired"):
                await enroll(second, ("127.0.0.1", w.relay.port), old, "PC 2")
            first.close()
            second.close()

    asyncio.run(scenario())
