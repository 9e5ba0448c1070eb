"""The issuing CA is rotated with `wardlink relay rotate-issuing` (docs/trust.md,
"Issuing CA rotation"): the root certifies a new issuing CA while two people chat; after
the relay's restart both still connect and chat, pin the new CA (the root signed it),
renew onto it at once, and nobody sees a "new device". A revocation list signed by the
new CA wipes as before, `--finish` drops the old CA once nobody uses it, and a CA the
root did not sign is never pinned, whoever sends it.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519
from cryptography.x509.oid import NameOID

from desktop_app.crypto.certificates import RelayCredentials
from desktop_app.crypto.org import create_org
from desktop_app.crypto.org_files import load_org, load_org_certificates
from desktop_app.crypto.org_rotation import (
    new_issuing_ca,
)
from desktop_app.directory.generate import staff
from desktop_app.relay.admin import init_relay, revoke
from desktop_app.relay.data_dir import RelayDataDir
from desktop_app.relay.directory_admin import import_directory
from desktop_app.relay.issuing_rotation import (
    RotationRefused,
    devices_on_previous_ca,
    finish_rotation,
    rotate_issuing,
)
from desktop_app.relay.runner import RelayRunner
from desktop_app.relay.trust_adapter import OrgTrust
from desktop_app.services.errors import DeviceWithdrawn
from desktop_app.services.session import ClientSession
from tests.conftest import FAST_KDF
from tests.directory.files import to_csv
from tests.faults.test_certificate_renewal import Clock, Ward, audit_events
from tests.relay.conftest import ADMIN, ORG, LiveRelay, wardlink_env
from tests.relay.wire_client import org_of
from tests.services.conftest import texts
from tests.services.test_offline_issuing import SIGNING, init_offline, offline_ward


def _issuer(certificate: bytes) -> x509.Name:
    return x509.load_der_x509_certificate(certificate).issuer


def _wardlink(*args: str, signing: bool = False) -> subprocess.CompletedProcess[str]:
    env = wardlink_env()
    if signing:
        env["WARDLINK_SIGNING_PASSPHRASE"] = SIGNING
    return subprocess.run(
        [sys.executable, "-m", "desktop_app", *args],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


class Relay:
    """A relay on the test's clock that the test can restart on the same data dir."""

    def __init__(self, root: Path, clock: Clock) -> None:
        self.root, self.clock = root, clock
        self.runner: RelayRunner | None = None

    async def start(self, port: int = 0) -> int:
        self.runner = RelayRunner.load(self.root, ADMIN, clock_ms=self.clock.ms, now=self.clock.now)
        _, bound = await self.runner.start("127.0.0.1", port)
        return bound

    async def stop(self) -> None:
        if self.runner is not None:
            await self.runner.stop()
            self.runner = None


@asynccontextmanager
async def ward(tmp: Path) -> AsyncIterator[tuple[Ward, Relay]]:
    root = tmp / "relay"
    init_relay(root, ORG, ADMIN, ["127.0.0.1", "localhost"], kdf=FAST_KDF)
    relay = Relay(root, Clock())
    port = await relay.start()
    w = Ward(root, port, relay.clock, tmp)
    try:
        yield w, relay
    finally:
        for m in w.people.values():
            await m.s.close()
            m.s.container.close()
        await relay.stop()


async def _restart(w: Ward, relay: Relay) -> None:
    for m in w.people.values():
        await m.s.close()
    await relay.stop()
    w.port = await relay.start(w.port)


def _publish_directory(root: Path, tmp: Path, uids: list[str]) -> None:
    people = [replace(e, uid=uid) for e, uid in zip(staff(len(uids)), uids, strict=True)]
    (tmp / "staff.csv").write_bytes(to_csv(people))
    import_directory(root, tmp / "staff.csv", ADMIN)


def test_rotation_keeps_people_chatting_and_renews_them_onto_the_new_ca(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with ward(tmp_path) as (w, relay):
            _publish_directory(w.root, tmp_path, ["weber.anna", "mueller.jonas", "berg.lisa"])
            anna = await w.person("weber.anna")
            jonas = await w.person("mueller.jonas")
            old_ca = load_org_certificates(w.root).issuing
            anna_device, jonas_device = anna.s.device_id, jonas.s.device_id
            await anna.send_text("mueller.jonas", "vor dem Wechsel")
            first = await jonas.sync()
            assert texts(first) == ["vor dem Wechsel"]
            conversation = first[0].conversation_id

            # Rotate while the relay runs and both are connected (the root key is
            # unwrapped by the command only), then restart the relay.
            rotated = _wardlink("relay", "rotate-issuing", "--data", str(w.root))
            assert rotated.returncode == 0, rotated.stderr
            new_ca = load_org_certificates(w.root).issuing
            assert new_ca.subject != old_ca.subject
            assert f"{new_ca.serial_number:X}" in rotated.stdout
            assert load_org_certificates(w.root).previous == (old_ca,)
            await jonas.send_text("weber.anna", "während des Wechsels")
            assert texts(await anna.sync()) == ["während des Wechsels"]
            await _restart(w, relay)

            # Both connect (the TLS certificate is from the new CA), pin it, renew at once.
            for m in (anna, jonas):
                await m.s.connect(("127.0.0.1", w.port))
                assert m.s.org.issuing == new_ca and m.s.org.previous == (old_ca,)
                assert _issuer(m.s.identity.certificate) == new_ca.subject
            renewed = audit_events(w.root, "certificate_renewed", 2)
            assert {e["device_id"] for e in renewed} == {anna_device, jonas_device}
            assert len(audit_events(w.root, "issuing_rotated")) == 1
            await jonas.send_text("weber.anna", "nach dem Wechsel")
            assert texts(await anna.sync()) == ["nach dem Wechsel"]
            await anna.send_text("mueller.jonas", "gut")
            assert texts(await jonas.sync()) == ["gut"]
            said = ["vor dem Wechsel", "während des Wechsels", "nach dem Wechsel", "gut"]
            assert [m.body for m in anna.history(conversation)] == said
            assert [m.body for m in jonas.history(conversation)] == said
            assert anna.s.peers.new_devices == [] and jonas.s.peers.new_devices == []
            assert [d.device_id for d in anna.s.peers.live_devices(["mueller.jonas"])] == [
                jonas_device
            ]
            assert devices_on_previous_ca(w.root) == []

            # The pin is stored: a new session (the app restarted) has both CAs.
            reopened = ClientSession(anna.s.container)
            assert reopened.org.issuing_cas == (new_ca, old_ca)

            # `--finish` drops the old CA; everyone still connects after the restart.
            finished = _wardlink("relay", "rotate-issuing", "--data", str(w.root), "--finish")
            assert finished.returncode == 0, finished.stderr
            assert load_org_certificates(w.root).previous == ()
            assert len(audit_events(w.root, "issuing_rotation_finished")) == 1
            await _restart(w, relay)
            for m in (anna, jonas):
                await m.s.connect(("127.0.0.1", w.port))
            await anna.send_text("mueller.jonas", "fertig")
            assert texts(await jonas.sync()) == ["fertig"]
            # Enrolled after --finish, Lisa pins only the new CA, yet reads the directory:
            # the relay signed the current version again with the new key at its restart.
            lisa = await w.person("berg.lisa")
            assert lisa.s.org.issuing_cas == (new_ca,)
            assert lisa.s.directory.version == 2
            assert lisa.s.directory.get("weber.anna") is not None
            await lisa.send_text("weber.anna", "hallo")
            assert texts(await anna.sync()) == ["hallo"]

            # A revocation list signed by the new CA wipes the revoked PC as before.
            revoke(w.root, jonas_device, ADMIN)
            assert _issuer_of_crl(w.root) == new_ca.subject
            await anna.s.close()
            await anna.s.connect(("127.0.0.1", w.port))
            assert anna.s.peers.live_devices(["mueller.jonas"]) == []
            profile = jonas.s.container.directory
            await jonas.s.close()
            with pytest.raises(DeviceWithdrawn):
                await jonas.s.connect(("127.0.0.1", w.port))
            assert not profile.exists()
            del w.people["mueller.jonas"]

    asyncio.run(scenario())


def _issuer_of_crl(root: Path) -> x509.Name:
    store = RelayDataDir(root).open_store()
    try:
        latest = store.latest_revocations()
    finally:
        store.close()
    assert latest is not None
    return x509.load_der_x509_crl(latest[1]).issuer


def test_finish_waits_for_devices_on_the_old_ca(tmp_path: Path) -> None:
    """A device that has not logged in since the rotation keeps the old CA alive; a person
    enrolled meanwhile writes to it; once it renewed, `--finish` works. A second rotation
    waits for `--finish`."""

    async def scenario() -> None:
        async with ward(tmp_path) as (w, relay):
            anna = await w.person("weber.anna")
            rotate_issuing(w.root, ADMIN, kdf=FAST_KDF)
            with pytest.raises(RotationRefused, match="not finished"):
                rotate_issuing(w.root, ADMIN, kdf=FAST_KDF)
            assert [d.device_id for d in devices_on_previous_ca(w.root)] == [anna.s.device_id]
            listed = _wardlink("admin", "--data", str(w.root), "devices").stdout
            assert "ISSUER" in listed and "WardLink issuing CA" in listed
            with pytest.raises(RotationRefused, match=anna.s.device_id):
                finish_rotation(w.root)
            await _restart(w, relay)
            # Enrolled during the transition: pins both CAs, writes to Anna's old device.
            lisa = await w.person("berg.lisa")
            new_ca = load_org_certificates(w.root).issuing
            assert lisa.s.org.issuing == new_ca and len(lisa.s.org.issuing_cas) == 2
            assert _issuer(lisa.s.identity.certificate) == new_ca.subject
            await lisa.send_text("weber.anna", "neu hier")
            await anna.s.connect(("127.0.0.1", w.port))
            assert _issuer(anna.s.identity.certificate) == new_ca.subject
            assert texts(await anna.sync()) == ["neu hier"]
            assert devices_on_previous_ca(w.root) == []
            finish_rotation(w.root)
            assert load_org_certificates(w.root).previous == ()

    asyncio.run(scenario())


def _forged_ca(now: datetime) -> x509.Certificate:
    """A CA that looks like a new issuing CA of ORG (the real root's name) under another key."""
    root_name = x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, ORG),
            x509.NameAttribute(NameOID.COMMON_NAME, ORG),
        ]
    )
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, ORG),
            x509.NameAttribute(NameOID.COMMON_NAME, "WardLink issuing CA forged"),
        ]
    )
    forged = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(root_name)  # claims the real root
        .public_key(ed25519.Ed25519PrivateKey.generate().public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False),
            critical=True,
        )  # a CA in every respect but the root's signature
    )
    return forged.sign(ed25519.Ed25519PrivateKey.generate(), None)


def test_a_ca_the_root_did_not_sign_is_never_pinned(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A relay host that serves extra CAs (in Enrolled.chain, CertificateRenewed.chain and
    its TLS chain) cannot make clients trust them: a CA of another root with the real
    root's name, and the issuing CA of another organisation of the same name, are
    skipped; a real new CA of the root in the same chain is taken."""
    now = Clock().now()
    forged = _forged_ca(now)
    other = create_org(ORG).certificates.issuing  # another root, same organisation name
    extra = [c.public_bytes(serialization.Encoding.DER) for c in (forged, other)]
    real_chain = OrgTrust.chain
    monkeypatch.setattr(OrgTrust, "chain", lambda self: [*real_chain(self), *extra])
    real_pem = RelayCredentials.chain_pem
    pem = b"".join(c.public_bytes(serialization.Encoding.PEM) for c in (forged, other))
    monkeypatch.setattr(RelayCredentials, "chain_pem", lambda self: real_pem(self) + pem)

    async def scenario() -> None:
        async with ward(tmp_path) as (w, _relay):
            org = load_org_certificates(w.root)
            anna = await w.person("weber.anna")  # Enrolled.chain and the TLS chain
            assert anna.s.org.issuing_cas == (org.issuing,)
            await anna.s.close()
            await anna.s.connect(("127.0.0.1", w.port))  # the TLS chain again
            assert anna.s.org.issuing_cas == (org.issuing,)
            assert ClientSession(anna.s.container).org.issuing_cas == (org.issuing,)
            real = new_issuing_ca(load_org(w.root, ADMIN).root_key, org, now)[1]
            grown = org.with_issuing_cas([forged, real, other], now, first_is_current=True)
            assert grown.issuing_cas == (real, org.issuing)
            assert org.with_issuing_cas([forged, other], now, first_is_current=True) is org

    asyncio.run(scenario())


def test_offline_issuing_rotates_with_the_root_key_of_the_keys_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Offline issuing: the root key is on IT's workstation (signing passphrase); the new
    issuing CA is barred from devices like the old one, devices keep their certificates
    from the unchanged device CA, and IT goes on signing enrollments."""
    monkeypatch.setenv("WARDLINK_ADMIN_PASSPHRASE", ADMIN)  # IT's in-process commands
    monkeypatch.setenv("WARDLINK_SIGNING_PASSPHRASE", SIGNING)
    root, keys = init_offline(tmp_path)
    old_ca = load_org_certificates(root).issuing

    async def scenario() -> None:
        async with offline_ward(root, keys, tmp_path) as w:
            anna = await w.person("weber.anna")
            jonas = await w.person("mueller.jonas")
            certificates = (anna.session.identity.certificate, jonas.session.identity.certificate)
            await anna.messenger.send_text("mueller.jonas", "vorher")
            assert texts(await jonas.messenger.sync()) == ["vorher"]

            refused = _wardlink("relay", "rotate-issuing", "--data", str(root))
            assert refused.returncode == 1 and "--keys" in refused.stderr
            args = ("relay", "rotate-issuing", "--data", str(root), "--keys", str(keys))
            rotated = _wardlink(*args, signing=True)
            assert rotated.returncode == 0, rotated.stderr
            new_ca = load_org_certificates(root).issuing
            assert new_ca != old_ca and load_org_certificates(keys).issuing == new_ca
            assert load_org_certificates(root).offline_issuing

            for p in w.people.values():
                await p.session.close()
            await w.relay.runner.stop()
            runner = RelayRunner.load(root, ADMIN)
            _, port = await runner.start("127.0.0.1", w.relay.port)
            w.relay = LiveRelay(runner, root, port, org_of(root))
            try:
                for p in (anna, jonas):
                    await p.connect(port)
                    assert p.session.org.issuing_cas == (new_ca, old_ca)
                    assert p.session.org.offline_issuing
                assert _issuer_of_crl(root) == new_ca.subject
                assert (anna.session.identity.certificate, jonas.session.identity.certificate) == (
                    certificates
                )  # the device CA signed them and did not change: nothing to renew
                assert devices_on_previous_ca(root) == []
                finish_rotation(root)
                lisa = await w.person("berg.lisa")  # IT signs with the unchanged device CA
                await lisa.messenger.send_text("weber.anna", "neu hier")
                assert texts(await anna.messenger.sync()) == ["neu hier"]
                # No colleague's device looks new to Anna: only Lisa (a new person) is new.
                assert {d.uid for d in anna.session.peers.new_devices} <= {"berg.lisa"}
            finally:
                await runner.stop()

    asyncio.run(scenario())
