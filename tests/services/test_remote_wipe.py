"""Remote wipe through the real relay: a revoked device crypto-shreds its container.

Only a revocation list signed by the organisation wipes; the relay's word alone does
not (a rogue relay must not be able to delete a ward PC's data).
"""

from __future__ import annotations

import asyncio
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from desktop_app.crypto.org import create_org
from desktop_app.crypto.revocation import RevocationEntry, sign_revocation_list
from desktop_app.crypto.trust_errors import TrustError
from desktop_app.relay.admin import revoke
from desktop_app.relay.data_dir import RelayDataDir
from desktop_app.services.errors import DeviceWithdrawn, RelayRefused
from desktop_app.storage.container import DB_NAME, Container
from desktop_app.storage.errors import CorruptContainer
from desktop_app.storage.keyslot import KEYSLOT_NAME
from desktop_app.storage.prune import WITHDRAWN_FILE
from tests.conftest import PASSPHRASE
from tests.relay.conftest import ADMIN, ORG
from tests.services.conftest import Person, texts


def _keep_evidence(person: Person, where: Path) -> tuple[Path, Path]:
    """What a thief could have copied before the wipe: the database, and a second name
    (hard link) for the key file's inode, to see what the shred did to its bytes."""
    person.container.checkpoint()
    where.mkdir()
    shutil.copy2(person.profile / DB_NAME, where / DB_NAME)
    link = where / "key-inode"
    os.link(person.profile / KEYSLOT_NAME, link)
    return where, link


def _assert_shredded(person: Person, copy_dir: Path, key_inode: Path) -> None:
    assert not person.profile.exists()
    data = key_inode.read_bytes()
    assert data and data == bytes(len(data))  # the key file's bytes were overwritten
    key_inode.unlink()
    with pytest.raises(CorruptContainer, match="key file"):
        Container.open(copy_dir, PASSPHRASE)  # the copied database alone is useless


def test_revoke_while_connected_wipes_the_container(make_ward: Any, tmp_path: Path) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person("weber.anna")
            jonas = await w.person("mueller.jonas")
            await anna.messenger.send_text("mueller.jonas", "Befund folgt")
            assert texts(await jonas.messenger.sync()) == ["Befund folgt"]
            copy_dir, key_inode = _keep_evidence(jonas, tmp_path / "copy")
            withdrawn: list[bool] = []
            jonas.session.on_withdrawn = withdrawn.append

            revoke(w.relay.root, jonas.session.device_id, ADMIN)
            with pytest.raises(DeviceWithdrawn) as caught:
                await jonas.messenger.sync(wait_s=10)
            assert caught.value.wiped and withdrawn == [True]
            _assert_shredded(jonas, copy_dir, key_inode)

    asyncio.run(scenario())


def test_revoked_while_offline_wipes_at_the_next_login(make_ward: Any, tmp_path: Path) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            jonas = await w.person("mueller.jonas")
            await jonas.session.close()
            copy_dir, key_inode = _keep_evidence(jonas, tmp_path / "copy")
            revoke(w.relay.root, jonas.session.device_id, ADMIN)
            with pytest.raises(DeviceWithdrawn, match="has been deleted"):
                await jonas.connect(w.relay.port)
            _assert_shredded(jonas, copy_dir, key_inode)

    asyncio.run(scenario())


def test_keep_data_revocation_keeps_the_container(make_ward: Any) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person("weber.anna")
            jonas = await w.person("mueller.jonas")
            await anna.messenger.send_text("mueller.jonas", "Bleibt lesbar")
            assert texts(await jonas.messenger.sync()) == ["Bleibt lesbar"]
            await jonas.session.close()
            revoke(w.relay.root, jonas.session.device_id, ADMIN, keep_data=True)
            with pytest.raises(DeviceWithdrawn) as caught:
                await jonas.connect(w.relay.port)
            assert not caught.value.wiped
            assert (jonas.profile / WITHDRAWN_FILE).exists()  # IT may prune it later
            jonas.container.close()
            with Container.open(jonas.profile, PASSPHRASE) as again:
                page = again.messages.page(
                    again.conversations.recent(5)[0].conversation.conversation_id
                )
                assert [m.body for m in page.messages] == ["Bleibt lesbar"]

    asyncio.run(scenario())


def test_relay_saying_revoked_without_a_signed_list_does_not_wipe(make_ward: Any) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            jonas = await w.person("mueller.jonas")
            await jonas.session.close()
            # A rogue relay operator marks the device revoked in the relay's store but
            # cannot sign a list: the relay refuses the login and sends the current
            # (genuine) list, which does not name the device.
            store = RelayDataDir(w.relay.root).open_store()
            try:
                store.revoke_device(jonas.session.device_id, 0)
            finally:
                store.close()
            with pytest.raises(RelayRefused, match="device_revoked") as caught:
                await jonas.connect(w.relay.port)
            assert not isinstance(caught.value, DeviceWithdrawn)
            assert (jonas.profile / KEYSLOT_NAME).is_file()
            assert jonas.container.messages is not None
            jonas.container.checkpoint()  # still open and usable

            # A list naming the device but signed by another organisation's key.
            forger = create_org(ORG, None).issuer  # same name, other key
            entry = RevocationEntry(1, datetime.now(UTC), jonas.session.device_id)
            forged = sign_revocation_list(forger, [entry], 99)
            with pytest.raises(TrustError):
                jonas.session.peers.accept_revocations(forged.der)
            assert (jonas.profile / KEYSLOT_NAME).is_file()

    asyncio.run(scenario())
