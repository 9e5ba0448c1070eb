"""Device login signatures: vodozemac signs, cryptography verifies."""

from __future__ import annotations

from datetime import timedelta

import pytest
import vodozemac

from desktop_app.crypto.device_auth import authenticate_device, verify_device_signature
from desktop_app.crypto.device_certificates import issue_device_certificate
from desktop_app.crypto.keyformat import decode_b64, encode_b64
from desktop_app.crypto.org import create_org
from desktop_app.crypto.revocation import empty_revocation_list, revoke
from desktop_app.crypto.trust_errors import (
    CertificateRevoked,
    InvalidDeviceSignature,
    MalformedKey,
)
from tests.conftest import T0

TRANSCRIPT = b"wardlink-auth-v1|challenge-0123456789abcdef|relay-1|DEVICE1"


def test_vodozemac_signature_verifies_in_both_encodings() -> None:
    account = vodozemac.Account()
    signature = account.sign(TRANSCRIPT)
    key_b64, sig_b64 = account.ed25519_key.to_base64(), signature.to_base64()
    assert not key_b64.endswith("=") and len(sig_b64) == 86  # unpadded base64
    verify_device_signature(key_b64, TRANSCRIPT, sig_b64)
    verify_device_signature(decode_b64(key_b64), TRANSCRIPT, decode_b64(sig_b64))
    verify_device_signature(key_b64 + "=", TRANSCRIPT, sig_b64 + "==")


def test_base64_helpers_match_vodozemac() -> None:
    key = vodozemac.Account().curve25519_key.to_base64()
    assert encode_b64(decode_b64(key)) == key
    assert len(decode_b64(key)) == 32


@pytest.mark.parametrize(
    "transcript",
    [TRANSCRIPT + b"x", TRANSCRIPT.replace(b"relay-1", b"relay-2"), b""],
)
def test_other_transcript_is_refused(transcript: bytes) -> None:
    account = vodozemac.Account()
    signature = account.sign(TRANSCRIPT).to_base64()
    with pytest.raises(InvalidDeviceSignature, match="does not verify"):
        verify_device_signature(account.ed25519_key.to_base64(), transcript, signature)


def test_other_device_key_is_refused() -> None:
    signature = vodozemac.Account().sign(TRANSCRIPT).to_base64()
    with pytest.raises(InvalidDeviceSignature):
        verify_device_signature(vodozemac.Account().ed25519_key.to_base64(), TRANSCRIPT, signature)


@pytest.mark.parametrize(
    ("key", "signature", "message"),
    [
        ("AAAA", None, "32 bytes, got 3"),
        ("%%%%", None, "not valid base64"),
        (None, b"\x00" * 63, "64 bytes, got 63"),
        (None, "@@", "not valid base64"),
    ],
)
def test_malformed_key_or_signature(
    key: str | None, signature: str | bytes | None, message: str
) -> None:
    account = vodozemac.Account()
    good_sig = account.sign(TRANSCRIPT).to_base64()
    with pytest.raises(MalformedKey, match=message):
        verify_device_signature(
            key if key is not None else account.ed25519_key.to_base64(),
            TRANSCRIPT,
            signature if signature is not None else good_sig,
        )


def test_authenticate_device_checks_certificate_revocation_and_signature() -> None:
    org = create_org("Klinikum Nord", now=T0)
    account = vodozemac.Account()
    cert = issue_device_certificate(
        org.issuer,
        "weber.anna",
        "DEVICE1",
        account.ed25519_key.to_base64(),
        account.curve25519_key.to_base64(),
        now=T0,
    )
    crl = empty_revocation_list(org.issuer, T0)
    signature = account.sign(TRANSCRIPT).to_base64()
    certs = org.certificates
    now = T0 + timedelta(hours=1)
    identity = authenticate_device(cert, certs.issuing, certs.root, crl, TRANSCRIPT, signature, now)
    assert (identity.uid, identity.device_id) == ("weber.anna", "DEVICE1")
    impostor = vodozemac.Account().sign(TRANSCRIPT).to_base64()
    with pytest.raises(InvalidDeviceSignature):
        authenticate_device(cert, certs.issuing, certs.root, crl, TRANSCRIPT, impostor, now)
    revoked = revoke(org.issuer, crl, serial=1, device_id="DEVICE1", now=T0)
    with pytest.raises(CertificateRevoked):
        authenticate_device(cert, certs.issuing, certs.root, revoked, TRANSCRIPT, signature, now)
