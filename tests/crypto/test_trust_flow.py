"""The whole trust life cycle as the relay and a client will drive it, through the files."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
import vodozemac

from desktop_app.crypto.certificates import (
    issue_relay_certificate,
    load_relay_credentials,
    save_relay_credentials,
    verify_relay_certificate,
)
from desktop_app.crypto.device_auth import authenticate_device
from desktop_app.crypto.device_certificates import (
    DeviceVerifier,
    issue_device_certificate,
    revoke_device,
)
from desktop_app.crypto.enrollment import hash_secret, new_code, parse_code
from desktop_app.crypto.org import OrgCertificates, create_org
from desktop_app.crypto.org_files import load_issuing_authority, save_org
from desktop_app.crypto.revocation import empty_revocation_list, load_revocation_list
from desktop_app.crypto.trust_errors import CertificateRevoked
from tests.conftest import FAST_KDF, T0

ADMIN = "admin"


def test_init_enroll_login_revoke(tmp_path: Path) -> None:
    # relay init
    org = create_org("Klinikum Nord", now=T0)
    save_org(org, tmp_path, ADMIN, FAST_KDF)
    save_relay_credentials(
        issue_relay_certificate(org.issuer, "relay-1", ["127.0.0.1"], now=T0),
        tmp_path,
        ADMIN,
        FAST_KDF,
    )
    crl = empty_revocation_list(org.issuer, T0)

    # relay serve: only the issuing key is unwrapped
    now = T0 + timedelta(days=1)
    issuer = load_issuing_authority(tmp_path, ADMIN, now=now)
    relay = load_relay_credentials(tmp_path, ADMIN)

    # admin enroll: the relay keeps only the hash
    code_text, stored_hash = new_code(issuer.certificates.fingerprint)

    # client: the code alone pins the org; the relay's certificates are checked against it
    code = parse_code(code_text.lower().replace("-", " "))
    pinned = OrgCertificates.verified(
        issuer.certificates.root_pem(),
        issuer.certificates.issuing_pem(),
        code.org_fingerprint,
        now,
    )
    relay_identity = verify_relay_certificate(
        relay.certificate, [pinned.issuing], pinned.root, now, "relay-1"
    )
    assert relay_identity.relay_id == "relay-1"

    # relay: the presented secret matches; issue the device certificate
    assert hash_secret(code.secret) == stored_hash
    account = vodozemac.Account()
    device_cert = issue_device_certificate(
        issuer,
        "weber.anna",
        "WEBER-PC1",
        account.ed25519_key.to_base64(),
        account.curve25519_key.to_base64(),
        now=now,
    )

    # login
    transcript = b"challenge|relay-1|WEBER-PC1"
    signature = account.sign(transcript).to_base64()
    identity = authenticate_device(
        device_cert, pinned.issuing, pinned.root, crl, transcript, signature, now
    )
    assert identity.curve25519_b64 == account.curve25519_key.to_base64()

    # another client checks the device before encrypting to it
    held = load_revocation_list(crl.der, pinned.issuing)
    assert DeviceVerifier(pinned.issuing, pinned.root, held).verify(device_cert, now) == identity

    # admin revoke: the new list reaches the client and the relay refuses the device
    newer = load_revocation_list(
        revoke_device(issuer, crl, [device_cert], now).der, pinned.issuing, previous=held
    )
    with pytest.raises(CertificateRevoked):
        DeviceVerifier(pinned.issuing, pinned.root, newer).verify(device_cert, now)
    with pytest.raises(CertificateRevoked):
        authenticate_device(
            device_cert, pinned.issuing, pinned.root, newer, transcript, signature, now
        )
