"""Enrollment and login against a real relay on 127.0.0.1 over TLS pinned to the org root."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import Encoding

from desktop_app.crypto.device_certificates import verify_device_certificate
from desktop_app.crypto.enrollment import new_code
from desktop_app.crypto.org import create_org
from desktop_app.crypto.revocation import load_revocation_list
from desktop_app.crypto.trust_errors import CertificateRevoked
from desktop_app.protocol import (
    Authenticated,
    ClaimedKeys,
    ClaimKeys,
    Devices,
    Enrolled,
    Error,
    ErrorCode,
    FetchDevices,
    FetchRevocations,
    Revocations,
)
from desktop_app.relay.admin import issue_code, list_devices, revoke
from desktop_app.relay.data_dir import RelayDataDir
from desktop_app.relay.server import REVOCATION_POLL_S
from tests.relay.conftest import ADMIN, live_relay
from tests.relay.wire_client import Closed, Device, WireClient

_DER = Encoding.DER

HOUR_MS = 3_600_000


def test_enroll_gives_a_certificate_that_verifies_for_the_right_uid(relay_root: Path) -> None:
    async def scenario() -> None:
        async with live_relay(relay_root) as relay:
            device = Device("weber.anna", "WEBER-PC1")
            client = await relay.client()
            assert client.welcome.relay_id == relay.runner.settings.relay_id
            reply = await client.enroll(device, issue_code(relay_root, "weber.anna").code)
            assert isinstance(reply, Enrolled), reply
            issuing, root = reply.chain
            assert issuing == relay.org.issuing.public_bytes(_DER)
            assert root == relay.org.root.public_bytes(_DER)
            crl = load_revocation_list(reply.revocations, relay.org.issuing)
            identity = verify_device_certificate(
                reply.device_certificate, relay.org.issuing, relay.org.root, crl
            )
            assert (identity.uid, identity.device_id) == ("weber.anna", "WEBER-PC1")
            assert identity.ed25519_b64 == device.ed25519
            assert identity.curve25519_b64 == device.curve25519
            # The enrolled connection is logged in: requests work at once.
            got = await client.request(FetchRevocations(client.ids.next()))
            assert isinstance(got, Revocations) and got.crl == reply.revocations
            await client.close()

    asyncio.run(scenario())
    (record,) = list_devices(relay_root)
    assert (record.uid, record.device_id, record.device_name) == (
        "weber.anna",
        "WEBER-PC1",
        "Stationsrechner",
    )


async def _refused(client: WireClient, device: Device, code: str) -> Error:
    reply = await client.enroll(device, code)
    assert isinstance(reply, Error), reply
    return reply


def test_reused_expired_foreign_and_mistyped_codes_are_refused(relay_root: Path) -> None:
    other_org = create_org("Klinikum Süd")
    foreign_code, _ = new_code(other_org.certificates.fingerprint)
    now = int(time.time() * 1000)
    expired = issue_code(relay_root, "mueller.jonas", now=now - 25 * HOUR_MS).code
    wrong_person = issue_code(relay_root, "mueller.jonas").code

    async def scenario() -> list[Error]:
        async with live_relay(relay_root) as relay:
            code = issue_code(relay_root, "weber.anna").code
            first, _ = await relay.enrolled_with(code, "weber.anna", "WEBER-PC1")
            await first.close()
            refusals = []
            for text, device in [
                (code, Device("weber.anna", "WEBER-PC2")),  # reused
                (expired, Device("mueller.jonas", "MUELLER-PC1")),
                (foreign_code, Device("weber.anna", "WEBER-PC3")),
                (code[:-1] + ("A" if code[-1] != "A" else "B"), Device("weber.anna", "W4")),
            ]:
                client = await relay.client()
                refusals.append(await _refused(client, device, text))
                with pytest.raises(Closed):  # refusals are fatal: that connection ends
                    await client.next_frame()
            # The person comes from the code, not from the device: jonas's code makes a
            # device of jonas.
            ok, _ = await relay.enrolled_with(wrong_person, "mueller.jonas", "MUELLER-PC9")
            await ok.close()
            return refusals

    reused, old, foreign, typo = asyncio.run(scenario())
    for error in (reused, old, foreign, typo):
        assert error.code is ErrorCode.ENROLLMENT_REFUSED and error.fatal
    assert "already used" in reused.message
    assert "expired" in old.message
    assert "another organisation" in foreign.message
    assert "typo" in typo.message
    assert {d.device_id for d in list_devices(relay_root)} == {"WEBER-PC1", "MUELLER-PC9"}
    events = [e["event"] for e in _audit(relay_root)]
    assert events.count("enrollment_refused") == 4 and events.count("enrolled") == 2


def test_login_then_revoked_device_is_refused_unclaimable_and_pushed(relay_root: Path) -> None:
    async def scenario() -> None:
        async with live_relay(relay_root) as relay:
            anna_conn, anna = await relay.enrolled("weber.anna", "WEBER-PC1")
            jonas_conn, jonas = await relay.enrolled("mueller.jonas", "MUELLER-PC1")
            await anna_conn.close()

            again = await relay.client()
            reply = await again.login(anna)
            assert isinstance(reply, Authenticated) and reply.device_id == "WEBER-PC1"

            # IT revokes Jonas's PC from another "process" while the relay runs.
            result = await asyncio.to_thread(revoke, relay_root, "MUELLER-PC1", ADMIN)
            assert result.crl_number == 2 and not result.already_revoked

            # Anna's open connection gets the new list pushed (req_id 0) ...
            pushed = [await again.next_frame(5 * REVOCATION_POLL_S)]
            assert isinstance(pushed[0], Revocations) and pushed[0].req_id == 0
            crl = load_revocation_list(pushed[0].crl, relay.org.issuing)
            assert crl.number == 2 and crl.is_revoked(device_id="MUELLER-PC1")
            with pytest.raises(CertificateRevoked):
                verify_device_certificate(jonas.certificate, relay.org.issuing, relay.org.root, crl)
            # ... Jonas's open connection is closed with device_revoked ...
            with pytest.raises(Closed):
                while True:
                    await jonas_conn.next_frame(5)
            assert jonas_conn.fatal is not None
            assert jonas_conn.fatal.code is ErrorCode.DEVICE_REVOKED
            # ... his next login is refused, and he is neither listed nor claimable.
            retry = await relay.client()
            refused = await retry.login(jonas)
            assert isinstance(refused, Error) and refused.code is ErrorCode.DEVICE_REVOKED
            listed = await again.request(
                FetchDevices(again.ids.next(), ["mueller.jonas", "weber.anna"])  # type: ignore[list-item]
            )
            assert isinstance(listed, Devices)
            assert set(listed.certificates) == {"weber.anna"}
            claimed = await again.request(ClaimKeys(again.ids.next(), ["MUELLER-PC1"]))  # type: ignore[list-item]
            assert isinstance(claimed, ClaimedKeys) and claimed.keys == {}
            await again.close()

    asyncio.run(scenario())
    events = _audit(relay_root)
    assert any(e["event"] == "device_revoked" and e["device_id"] == "MUELLER-PC1" for e in events)
    assert any(
        e["event"] == "login_refused" and e.get("device_id") == "MUELLER-PC1" for e in events
    )
    assert any(e["event"] == "login" and e.get("device_id") == "WEBER-PC1" for e in events)


def test_unknown_device_and_bad_signature_cannot_log_in(relay_root: Path) -> None:
    async def scenario() -> tuple[Error, Error]:
        async with live_relay(relay_root) as relay:
            conn, _ = await relay.enrolled("weber.anna", "WEBER-PC1")
            await conn.close()
            stranger = await relay.client()
            unknown = await stranger.login(Device("x", "NOBODY"))
            impostor = await relay.client()
            forged = Device("weber.anna", "WEBER-PC1")  # same id, other key
            bad = await impostor.login(forged)
            assert isinstance(unknown, Error) and isinstance(bad, Error)
            return unknown, bad

    unknown, bad = asyncio.run(scenario())
    assert unknown.code is ErrorCode.UNKNOWN_DEVICE and unknown.fatal
    assert bad.code is ErrorCode.UNAUTHENTICATED and "signature" in bad.message


def _audit(root: Path) -> list[dict[str, object]]:
    return RelayDataDir(root).audit().entries()
