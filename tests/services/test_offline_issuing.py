"""Offline issuing (issue 16 #15), through a real relay: the relay host cannot certify a
device that anyone encrypts to, and the export -> sign -> import round trip enrolls."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
import vodozemac
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519

from desktop_app.cli import main as cli
from desktop_app.crypto.certificates import RELAY_KEY_CONTEXT
from desktop_app.crypto.device_certificates import issue_device_certificate
from desktop_app.crypto.keyfile import unwrap_private_key
from desktop_app.crypto.org import IssuingAuthority
from desktop_app.crypto.org_files import (
    DEVICES_KEY_CONTEXT,
    DEVICES_KEY_FILE,
    ISSUING_KEY_CONTEXT,
    ROOT_KEY_CONTEXT,
    ROOT_KEY_FILE,
    load_org_certificates,
)
from desktop_app.crypto.trust_errors import CryptoError
from desktop_app.domain.system_lines import english
from desktop_app.relay.admin import init_relay, issue_code
from desktop_app.relay.data_dir import RelayDataDir
from desktop_app.relay.store import DeviceRecord
from desktop_app.services.enrollment import enroll
from desktop_app.services.errors import EnrollmentPending
from desktop_app.services.messenger import Messenger
from desktop_app.services.session import ClientSession
from desktop_app.storage.container import Container
from desktop_app.storage.keyslot import Owner
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.relay.conftest import ADMIN, ORG, live_relay
from tests.services.conftest import Person, Ward, texts

SIGNING = "signing passphrase, kept by IT"
HOSTS = ["127.0.0.1", "localhost"]


def run(coro: Any) -> Any:
    return asyncio.run(coro)


@pytest.fixture
def it_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WARDLINK_ADMIN_PASSPHRASE", ADMIN)
    monkeypatch.setenv("WARDLINK_SIGNING_PASSPHRASE", SIGNING)


def init_offline(tmp: Path) -> tuple[Path, Path]:
    root, keys = tmp / "relay", tmp / "it-workstation"
    init_relay(root, ORG, ADMIN, HOSTS, kdf=FAST_KDF, offline_keys=keys, signing_passphrase=SIGNING)
    return root, keys


def it_signs_waiting_devices(root: Path, keys: Path, tmp: Path) -> None:
    """IT's three steps, through the CLI: export on the relay, sign, import on the relay."""
    n = len(list(tmp.glob("requests-*.json")))
    requests, certs = tmp / f"requests-{n}.json", tmp / f"certs-{n}.json"
    assert cli(["relay", "pending-enrollments", "--data", str(root), "--out", str(requests)]) == 0
    sign = ["issuing", "sign-enrollments", str(requests), "--keys", str(keys), "--out", str(certs)]
    assert cli(sign) == 0
    assert cli(["relay", "import-certificates", "--data", str(root), str(certs)]) == 0


@asynccontextmanager
async def offline_ward(root: Path, keys: Path, tmp: Path) -> AsyncIterator[OfflineWard]:
    async with live_relay(root) as relay:
        w = OfflineWard(relay, tmp, {})
        w.keys = keys
        try:
            yield w
        finally:
            await w.close()


class OfflineWard(Ward):
    keys: Path

    async def person(self, uid: str, device: str = "") -> Person:
        """Enroll: the first attempt waits for IT, IT signs, the second attempt completes."""
        profile = self.tmp / "profiles" / (uid + device)
        container = Container.create(profile, PASSPHRASE, Owner(uid), kdf=FAST_KDF)
        code = issue_code(self.relay.root, uid).code
        address = ("127.0.0.1", self.relay.port)
        with pytest.raises(EnrollmentPending) as waiting:
            await enroll(container, address, code, f"PC of {uid}")
        with pytest.raises(EnrollmentPending):  # trying again before IT signed: still waiting
            await enroll(container, address, code, f"PC of {uid}")
        it_signs_waiting_devices(self.relay.root, self.keys, self.tmp)
        identity = await enroll(container, address, code, f"PC of {uid}")
        assert identity.uid == uid and identity.devices_pem  # the device CA is pinned
        self.fingerprints[uid + device] = waiting.value.key_fingerprint
        session = ClientSession(container)
        person = Person(uid, profile, container, session, Messenger(session))
        await person.connect(self.relay.port)
        self.people[uid + device] = person
        return person

    @property
    def fingerprints(self) -> dict[str, str]:
        if not hasattr(self, "_fingerprints"):
            self._fingerprints: dict[str, str] = {}
        return self._fingerprints


def test_round_trip_through_the_three_commands_then_chat(
    tmp_path: Path, it_env: None, capsys: pytest.CaptureFixture[str]
) -> None:
    root, keys = init_offline(tmp_path)

    async def scenario() -> None:
        async with offline_ward(root, keys, tmp_path) as w:
            anna = await w.person("weber.anna")
            jonas = await w.person("mueller.jonas")
            sent = await anna.messenger.send_text("mueller.jonas", "Visite um 9 Uhr?")
            assert texts(await jonas.messenger.sync()) == ["Visite um 9 Uhr?"]
            await jonas.messenger.send_text(sent.conversation_id, "Ja.")
            assert texts(await anna.messenger.sync()) == ["Ja."]
            return w.fingerprints["mueller.jonas"]

    fingerprint = run(scenario())
    out = capsys.readouterr().out
    # IT saw the same key fingerprint the waiting PC showed, next to uid and device name.
    assert f"device key fingerprint: {fingerprint}" in out
    assert "mueller.jonas: device" in out and "'PC of mueller.jonas'" in out
    assert "code issued" in out


def _relay_host_keys(root: Path) -> list[ed25519.Ed25519PrivateKey]:
    """Every Ed25519 key an attacker with the relay host (and its env file) can unwrap."""
    found: list[ed25519.Ed25519PrivateKey] = []
    contexts = (ROOT_KEY_CONTEXT, ISSUING_KEY_CONTEXT, DEVICES_KEY_CONTEXT, RELAY_KEY_CONTEXT)
    for path in sorted(root.rglob("*.key.json")):
        for context in contexts:
            try:
                key = unwrap_private_key(path.read_bytes(), ADMIN, context, path.name)
            except CryptoError:
                continue
            if isinstance(key, ed25519.Ed25519PrivateKey):
                found.append(key)
    return found


def _plant_hidden_devices(root: Path, uid: str) -> list[str]:
    """The attack: certify a hidden device of ``uid`` with every key and CA name the relay
    host offers, and list it in the relay's store so peers fetch it."""
    certs = load_org_certificates(root)
    cas = [c for c in (certs.issuing, certs.devices, certs.root) if c is not None]
    hidden = vodozemac.Account()
    planted: list[str] = []
    store = RelayDataDir(root).open_store()
    try:
        for k, key in enumerate(_relay_host_keys(root)):
            for c, ca in enumerate(cas):
                device_id = f"hidden{k}{c}"
                cert: x509.Certificate = issue_device_certificate(
                    IssuingAuthority(key, certs, ca),
                    uid,
                    device_id,
                    hidden.ed25519_key.to_base64(),
                    hidden.curve25519_key.to_base64(),
                )
                der = cert.public_bytes(serialization.Encoding.DER)
                store.add_device(
                    DeviceRecord(
                        device_id,
                        uid,
                        "hidden",
                        der,
                        format(cert.serial_number, "X"),
                        0,
                        None,
                        None,
                    )
                )
                planted.append(device_id)
    finally:
        store.close()
    return planted


def test_relay_host_cannot_add_a_hidden_device_in_offline_issuing(
    tmp_path: Path, it_env: None
) -> None:
    root, keys = init_offline(tmp_path)
    # Nothing in the relay's data directory can sign for the root or the device CA.
    assert not (root / ROOT_KEY_FILE).exists() and not (root / DEVICES_KEY_FILE).exists()
    assert (keys / ROOT_KEY_FILE).exists() and (keys / DEVICES_KEY_FILE).exists()

    async def scenario() -> None:
        async with offline_ward(root, keys, tmp_path) as w:
            anna = await w.person("weber.anna")
            jonas = await w.person("mueller.jonas")
            first = await anna.messenger.send_text("mueller.jonas", "Vorher")
            planted = _plant_hidden_devices(root, "mueller.jonas")
            assert planted  # the relay's online issuing key was usable for the forgery
            anna.session.peers.max_age_s = 0  # fetch Jonas's devices again on the next send
            await anna.messenger.send_text(first.conversation_id, "Befund: vertraulich")
            known = {d.device_id for d in anna.container.peers.devices_of("mueller.jonas")}
            assert known.isdisjoint(planted)
            store = RelayDataDir(root).open_store()
            try:
                assert all(store.pending_count(d) == 0 for d in planted)
            finally:
                store.close()
            lines = [english(m.body) for m in anna.messenger.history(first.conversation_id)]
            assert "mueller.jonas has a new device." not in lines
            assert texts(await jonas.messenger.sync()) == ["Vorher", "Befund: vertraulich"]

    run(scenario())


def test_online_issuing_trusts_the_relay_host(make_ward: Any, relay_dir: Path) -> None:
    """The same attack against the default mode succeeds: the documented trade-off."""

    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person("weber.anna")
            await w.person("mueller.jonas")
            planted = _plant_hidden_devices(relay_dir, "mueller.jonas")
            link = anna.session.link
            assert link is not None
            await anna.session.peers.refresh(link, ["mueller.jonas"])
            known = {d.device_id for d in anna.container.peers.devices_of("mueller.jonas")}
            assert known & set(planted)

    run(scenario())


def test_waiting_join_keeps_its_container_and_retries(tmp_path: Path, it_env: None) -> None:
    """The GUI's join: the container waits hidden from the start screen, then completes."""
    from desktop_app.services.joining import join_hospital
    from desktop_app.storage.profiles import PENDING_JOIN_FILE, ProfileRoot

    root, keys = init_offline(tmp_path)
    profiles = ProfileRoot(tmp_path / "profiles")
    owner = Owner("Dr. Anna Weber", "Kardiologie")

    async def scenario() -> Path:
        async with live_relay(root) as relay:
            code = issue_code(root, "weber.anna").code
            relay_text = f"127.0.0.1:{relay.port}"
            with pytest.raises(EnrollmentPending):
                await join_hospital(profiles, owner, PASSPHRASE, code, relay_text, kdf=FAST_KDF)
            kept = [p for p in profiles.root.iterdir() if (p / PENDING_JOIN_FILE).exists()]
            assert len(kept) == 1 and profiles.people() == []
            it_signs_waiting_devices(root, keys, tmp_path)
            return await join_hospital(profiles, owner, PASSPHRASE, code, relay_text, kdf=FAST_KDF)

    directory = run(scenario())
    assert not (directory / PENDING_JOIN_FILE).exists()
    assert [p.directory for p in profiles.people()] == [directory]
