"""Revocation list: a signed X.509 CRL with a growing number and device-id entries."""

from __future__ import annotations

from datetime import timedelta

import pytest
from cryptography import x509

from desktop_app.crypto.org import OrgAuthority, create_org
from desktop_app.crypto.profile import OID_REVOKED_DEVICE_ID
from desktop_app.crypto.revocation import (
    RevocationEntry,
    empty_revocation_list,
    load_revocation_list,
    revoke,
    sign_revocation_list,
)
from desktop_app.crypto.trust_errors import (
    InvalidIdentifier,
    RevocationListError,
    StaleRevocationList,
)
from tests.conftest import T0


@pytest.fixture(scope="module")
def org() -> OrgAuthority:
    return create_org("Klinikum Nord", now=T0)


def test_revoke_grows_the_number_and_keeps_entries(org: OrgAuthority) -> None:
    first = empty_revocation_list(org.issuer, T0)
    assert first.number == 1 and len(first) == 0
    second = revoke(org.issuer, first, serial=1234, device_id="DEV-A", now=T0)
    third = revoke(org.issuer, second, serial=5678, now=T0 + timedelta(hours=1))
    assert (second.number, third.number) == (2, 3)
    assert [(e.serial, e.device_id) for e in third] == [(1234, "DEV-A"), (5678, None)]
    assert third.is_revoked(serial=1234) and third.is_revoked(serial=5678)
    assert third.is_revoked(device_id="DEV-A")
    assert third.is_revoked(serial=999, device_id="DEV-A")
    assert not third.is_revoked(serial=999, device_id="DEV-B")
    assert not third.is_revoked()


def test_it_is_a_standard_crl(org: OrgAuthority) -> None:
    rl = revoke(org.issuer, empty_revocation_list(org.issuer, T0), serial=42, device_id="D1")
    crl = x509.load_der_x509_crl(rl.der)
    assert crl.is_signature_valid(org.issuing_key.public_key())
    assert crl.issuer == org.certificates.issuing.subject
    assert crl.extensions.get_extension_for_class(x509.CRLNumber).value.crl_number == 2
    entry = crl.get_revoked_certificate_by_serial_number(42)
    assert entry is not None
    ext = entry.extensions.get_extension_for_oid(OID_REVOKED_DEVICE_ID)
    assert not ext.critical
    assert isinstance(ext.value, x509.UnrecognizedExtension)
    assert ext.value.value == b"\x0c\x02D1"  # DER UTF8String "D1"


def test_client_loads_and_verifies(org: OrgAuthority) -> None:
    rl = revoke(org.issuer, empty_revocation_list(org.issuer, T0), serial=42, device_id="D1")
    for data in (rl.der, rl.pem()):
        loaded = load_revocation_list(data, org.certificates.issuing)
        assert loaded == rl


def test_older_list_is_refused(org: OrgAuthority) -> None:
    first = empty_revocation_list(org.issuer, T0)
    second = revoke(org.issuer, first, serial=1, device_id="D1", now=T0)
    with pytest.raises(StaleRevocationList, match="number 1 is older than the one held \\(2\\)"):
        load_revocation_list(first.der, org.certificates.issuing, previous=second)
    assert load_revocation_list(second.der, org.certificates.issuing, previous=second) == second
    assert load_revocation_list(second.der, org.certificates.issuing, previous=first) == second


def test_same_number_with_other_content_is_refused(org: OrgAuthority) -> None:
    held = sign_revocation_list(org.issuer, [], 5, T0)
    other = sign_revocation_list(org.issuer, [RevocationEntry(9, T0, "D9")], 5, T0)
    with pytest.raises(StaleRevocationList, match="two different"):
        load_revocation_list(other.der, org.certificates.issuing, previous=held)


def test_list_of_another_org_is_refused(org: OrgAuthority) -> None:
    rogue = create_org("Klinikum Nord", now=T0)
    forged = sign_revocation_list(rogue.issuer, [], 99, T0)
    with pytest.raises(RevocationListError, match="not signed by this organisation"):
        load_revocation_list(forged.der, org.certificates.issuing)


def test_tampered_or_garbage_list_is_refused(org: OrgAuthority) -> None:
    rl = revoke(org.issuer, empty_revocation_list(org.issuer, T0), serial=4242, now=T0)
    der = bytearray(rl.der)
    der[-1] ^= 0x01  # last byte of the signature
    with pytest.raises(RevocationListError):
        load_revocation_list(bytes(der), org.certificates.issuing)
    with pytest.raises(RevocationListError, match="cannot be parsed"):
        load_revocation_list(b"not a crl", org.certificates.issuing)


def test_bad_device_id_cannot_enter_the_list(org: OrgAuthority) -> None:
    with pytest.raises(InvalidIdentifier):
        revoke(org.issuer, empty_revocation_list(org.issuer, T0), serial=1, device_id="a\nb")


def _retag_issuer_name(der: bytes, tag: int) -> bytes:
    """The issuing CA's common name in ``der`` with another ASN.1 string tag."""
    out = bytearray(der)
    at = out.index(b"WardLink issuing CA") - 2
    assert out[at] in (0x0C, 0x13)  # UTF8String or PrintableString
    out[at] = tag
    return bytes(out)


@pytest.mark.parametrize(
    "damage", ["version 7", "INTEGER in the issuer", "BIT STRING in the issuer"]
)
def test_a_damaged_list_is_a_revocation_list_error_not_a_crash(
    org: OrgAuthority, damage: str
) -> None:
    # Found by fuzzing (tests/fuzz): cryptography raised InvalidVersion at load, and
    # ValueError/TypeError only when the issuer name was first compared.
    der = empty_revocation_list(org.issuer, T0).der
    if damage == "version 7":
        at = der.index(b"\x02\x01\x01")  # tbsCertList.version = v2
        der = der[: at + 2] + b"\x07" + der[at + 3 :]
    else:
        der = _retag_issuer_name(der, 0x02 if damage.startswith("INTEGER") else 0x03)
    with pytest.raises(RevocationListError):
        load_revocation_list(der, org.certificates.issuing)
