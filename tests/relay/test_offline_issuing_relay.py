"""Offline issuing at the relay (issue 16 #15): a waiting device cannot log in, its code
is bound to it, and the relay stores only certificates of the offline device CA."""

from __future__ import annotations

import asyncio
import base64
import json
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import Encoding

from desktop_app.crypto.device_certificates import issue_device_certificate
from desktop_app.crypto.org_files import load_device_issuer, load_issuing_authority
from desktop_app.crypto.trust_errors import WrongAdminPassphrase
from desktop_app.protocol import Error, ErrorCode
from desktop_app.relay.admin import init_relay, issue_code, list_devices
from desktop_app.relay.errors import AdminInputError
from desktop_app.relay.offline_issuing import (
    WorkstationSigner,
    export_pending,
    import_certificates,
    read_requests,
    sign_requests,
)
from tests.conftest import FAST_KDF
from tests.relay.conftest import ADMIN, ORG, live_relay
from tests.relay.wire_client import Device

SIGNING = "signing passphrase, kept by IT"


@pytest.fixture
def offline(tmp_path: Path) -> tuple[Path, Path]:
    root, keys = tmp_path / "relay", tmp_path / "keys"
    init_relay(
        root, ORG, ADMIN, ["127.0.0.1"], kdf=FAST_KDF, offline_keys=keys, signing_passphrase=SIGNING
    )
    return root, keys


def _sign_all(root: Path, keys: Path) -> int:
    signer = WorkstationSigner.load(keys, SIGNING)
    data, _ = export_pending(root)
    requests = read_requests(data, signer.organisation)
    return len(import_certificates(root, sign_requests(requests, signer, signer.organisation)))


def test_waiting_device_cannot_log_in_until_it_completes(offline: tuple[Path, Path]) -> None:
    root, keys = offline

    async def scenario() -> None:
        async with live_relay(root) as relay:
            code = issue_code(root, "weber.anna").code
            anna = Device("weber.anna", "WEBER-PC1")
            first = await (await relay.client()).enroll(anna, code)
            assert isinstance(first, Error) and first.code is ErrorCode.ENROLLMENT_PENDING
            assert first.fatal and "waiting for IT" in first.message
            # Waiting is not enrolled: no login, before or after IT signed.
            refused = await (await relay.client()).login(anna)
            assert isinstance(refused, Error) and refused.code is ErrorCode.UNKNOWN_DEVICE
            # Another device with the stolen code does not take the request over.
            thief = Device("weber.anna", "THIEF-PC")
            stolen = await (await relay.client()).enroll(thief, code)
            assert isinstance(stolen, Error) and stolen.code is ErrorCode.ENROLLMENT_REFUSED
            assert _sign_all(root, keys) == 1
            still = await (await relay.client()).login(anna)
            assert isinstance(still, Error) and still.code is ErrorCode.UNKNOWN_DEVICE
            done = await (await relay.client()).enroll(anna, code)
            assert type(done).__name__ == "Enrolled", done
            await relay.logged_in(anna)
            again = await (await relay.client()).enroll(anna, code)  # the code is used up
            assert isinstance(again, Error) and again.code is ErrorCode.ENROLLMENT_REFUSED

    asyncio.run(scenario())
    assert [d.device_id for d in list_devices(root)] == ["WEBER-PC1"]
    assert export_pending(root)[1] == []


def test_import_refuses_certificates_the_relay_host_could_make(offline: tuple[Path, Path]) -> None:
    root, keys = offline

    async def request() -> None:
        async with live_relay(root) as relay:
            code = issue_code(root, "weber.anna").code
            reply = await (await relay.client()).enroll(Device("weber.anna", "WEBER-PC1"), code)
            assert isinstance(reply, Error) and reply.code is ErrorCode.ENROLLMENT_PENDING

    asyncio.run(request())
    waiting = export_pending(root)[1][0]
    online = load_issuing_authority(root, ADMIN)  # what the relay host holds
    forged = issue_device_certificate(
        online, waiting.uid, waiting.device_id, waiting.ed25519, waiting.curve25519
    )
    fingerprint = online.certificates.fingerprint_text
    with pytest.raises(AdminInputError, match="does not verify"):
        import_certificates(
            root, _certificates_file(fingerprint, forged.public_bytes(Encoding.DER))
        )
    # IT's key, but other keys than the waiting device's: refused too.
    device_ca = load_device_issuer(keys, SIGNING)
    other = Device("weber.anna", "WEBER-PC1")
    swapped = issue_device_certificate(
        device_ca, waiting.uid, waiting.device_id, other.ed25519, other.curve25519
    )
    with pytest.raises(AdminInputError, match="does not match its request"):
        import_certificates(
            root, _certificates_file(fingerprint, swapped.public_bytes(Encoding.DER))
        )
    assert export_pending(root)[1] == [waiting]  # still waiting, nothing stored


def _certificates_file(fingerprint: str, der: bytes) -> bytes:
    doc = {
        "format": "wardlink-device-certificates-v1",
        "org_fingerprint": fingerprint,
        "certificates": [{"device_id": "x", "certificate": base64.b64encode(der).decode()}],
    }
    return json.dumps(doc).encode()


NOT_A_KEY = base64.b64encode(bytes(16)).decode()


class NoKeyDevice(Device):
    """A device whose client claims a Curve25519 key of the wrong length."""

    @property
    def curve25519(self) -> str:
        return NOT_A_KEY


def test_a_request_with_a_key_that_is_no_key_is_refused_and_the_queue_still_signs(
    offline: tuple[Path, Path],
) -> None:
    """Session 19 attack: a colleague's modified client redeems her own code naming a
    Curve25519 key that is no key (nothing proves that key; the Ed25519 key is proven by
    the transcript signature). The relay queued it unchecked, and signing the queue on
    IT's workstation failed for every request, so nobody's new device was signed until
    IT removed it. Now refused before anything is stored; the code stays usable."""
    root, keys = offline

    async def scenario() -> tuple[object, object]:
        async with live_relay(root) as relay:
            anna = await (await relay.client()).enroll(
                Device("weber.anna", "WEBER-PC1"), issue_code(root, "weber.anna").code
            )
            mallory_code = issue_code(root, "schulz.jonas").code
            mallory = await (await relay.client()).enroll(
                NoKeyDevice("schulz.jonas", "SCHULZ-PC2"), mallory_code
            )
            return anna, mallory

    anna, mallory = asyncio.run(scenario())
    assert isinstance(anna, Error) and anna.code is ErrorCode.ENROLLMENT_PENDING
    assert isinstance(mallory, Error) and mallory.code is ErrorCode.ENROLLMENT_REFUSED
    assert "Curve25519" in mallory.message
    assert [r.device_id for r in export_pending(root)[1]] == ["WEBER-PC1"]
    assert _sign_all(root, keys) == 1  # the honest request is signed


def test_a_wrong_signing_passphrase_is_called_by_its_name(offline: tuple[Path, Path]) -> None:
    """walk20: `issuing sign-enrollments` with a wrong signing passphrase (or the admin
    passphrase, the likely slip) said "the admin passphrase does not open the device CA
    key": IT was told to fix the one passphrase that was not asked for."""
    _, keys = offline
    for slip in ("not the signing passphrase", ADMIN):
        with pytest.raises(
            WrongAdminPassphrase,
            match=r"^the signing passphrase \(of the offline keys, not the admin one\) does "
            "not open the device CA key",
        ):
            WorkstationSigner.load(keys, slip)
    assert WorkstationSigner.load(keys, SIGNING).organisation.devices is not None
