"""Several issuing CAs under one root (issuing CA rotation, docs/trust.md): which CAs a
client adds to its pin, and that lists, directory headers and device certificates from
either verify while nothing from another root does. The flow through a real relay is
tests/faults/test_issuing_rotation.py."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from desktop_app.crypto.device_certificates import DeviceVerifier, issue_device_certificate
from desktop_app.crypto.org import IssuingAuthority, OrgCertificates, create_org
from desktop_app.crypto.org_files import load_issuing_authority, load_org_certificates, save_org
from desktop_app.crypto.org_rotation import (
    drop_previous_issuing,
    new_issuing_ca,
    save_rotated_issuing,
)
from desktop_app.crypto.revocation import (
    empty_revocation_list,
    load_revocation_list,
    sign_revocation_list,
)
from desktop_app.crypto.trust_errors import RevocationListError, UntrustedIssuer
from desktop_app.directory.errors import SnapshotRefused
from desktop_app.directory.snapshot import SignedHeader, sign_header, verify_header
from tests.conftest import FAST_KDF, T0

ED = "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo"
CURVE = "hSDwCYkwp1R0i33ctD73Wg2/Og0mOBr066SpjqqbTmo"


def _rotated() -> tuple[OrgCertificates, IssuingAuthority, IssuingAuthority]:
    org = create_org("Klinikum Nord", now=T0)
    key, cert = new_issuing_ca(org.root_key, org.certificates, T0 + timedelta(days=1))
    both = org.certificates.with_issuing_cas([cert], T0 + timedelta(days=2))
    new = IssuingAuthority(key, OrgCertificates(both.root, cert, None, (both.issuing,)))
    return both, org.issuer, new


def test_a_ca_the_root_signed_is_added_others_are_skipped() -> None:
    both, old, new = _rotated()
    assert both.issuing == old.certificates.issuing  # not a relay chain: pin order kept
    assert both.previous == (new.certificates.issuing,)
    assert new.certificates.issuing.subject != old.certificates.issuing.subject
    rogue = create_org("Klinikum Nord", now=T0)  # another root with the same names
    assert both.with_issuing_cas([rogue.certificates.issuing, rogue.certificates.root]) is both
    assert both.with_issuing_cas([both.root], T0) is both  # the root is no issuing CA
    late = T0 + timedelta(days=11 * 365)  # the CA has expired by then
    assert old.certificates.with_issuing_cas([new.certificates.issuing], late) is (old.certificates)
    current = old.certificates.with_issuing_cas(
        [rogue.certificates.issuing, new.certificates.issuing], T0 + timedelta(days=2),
        first_is_current=True,
    )  # fmt: skip
    assert current.issuing_cas == (new.certificates.issuing, old.certificates.issuing)


def test_offline_device_ca_never_becomes_an_issuing_ca() -> None:
    org = create_org("Klinikum Nord", now=T0, offline_issuing=True)
    certs = org.certificates
    assert certs.devices is not None
    assert certs.with_issuing_cas([certs.devices], T0 + timedelta(days=1)) is certs


def test_lists_headers_and_devices_from_either_ca_verify(tmp_path: Path) -> None:
    both, old, new = _rotated()
    when = T0 + timedelta(days=2)
    old_list = empty_revocation_list(old, when)
    new_list = sign_revocation_list(new, (), 2, when)
    assert load_revocation_list(new_list.der, both.issuing_cas, old_list).number == 2
    with pytest.raises(RevocationListError):
        load_revocation_list(new_list.der, old.certificates.issuing)
    rogue = create_org("Klinikum Nord", now=T0)
    with pytest.raises(RevocationListError):
        load_revocation_list(empty_revocation_list(rogue.issuer, when).der, both.issuing_cas)

    signed = sign_header(new.key, both.fingerprint, 1, 0, {})
    assert verify_header(signed, both.issuing_cas, both.fingerprint).version == 1
    with pytest.raises(SnapshotRefused):
        verify_header(signed, old.certificates.issuing, both.fingerprint)
    forged = SignedHeader(signed.header, rogue.issuing_key.sign(signed.header))
    with pytest.raises(SnapshotRefused):
        verify_header(forged, both.issuing_cas, both.fingerprint)

    verifier = DeviceVerifier(both.device_cas, both.root, new_list)
    for issuer in (old, new):
        cert = issue_device_certificate(issuer, "weber.anna", "dev-anna", ED, CURVE, now=when)
        assert verifier.verify(cert, when).uid == "weber.anna"
    rogue_cert = issue_device_certificate(rogue.issuer, "weber.anna", "dev-x", ED, CURVE, now=when)
    with pytest.raises(UntrustedIssuer):
        verifier.verify(rogue_cert, when)


def test_rotated_files_load_with_the_previous_ca_until_dropped(tmp_path: Path) -> None:
    org = create_org("Klinikum Nord")
    save_org(org, tmp_path, "pw", FAST_KDF)
    key, cert = new_issuing_ca(org.root_key, org.certificates)
    save_rotated_issuing(tmp_path, "pw", key, cert, org.certificates.issuing, FAST_KDF)
    loaded = load_issuing_authority(tmp_path, "pw")
    assert loaded.certificates.issuing == cert
    assert loaded.certificates.previous == (org.certificates.issuing,)
    assert drop_previous_issuing(tmp_path) is True
    assert load_org_certificates(tmp_path).previous == ()
    assert drop_previous_issuing(tmp_path) is False
