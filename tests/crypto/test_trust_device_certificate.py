"""Device certificates bind uid, device id and the vodozemac keys; every failure is typed."""

from __future__ import annotations

import base64
from datetime import datetime, timedelta

import pytest
import vodozemac
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from desktop_app.crypto.certificates import issue_relay_certificate
from desktop_app.crypto.device_certificates import (
    DeviceIdentity,
    DeviceVerifier,
    issue_device_certificate,
    read_device_certificate,
    revoke_device,
    verify_device_certificate,
)
from desktop_app.crypto.keyformat import decode_b64, encode_b64
from desktop_app.crypto.org import IssuingAuthority, OrgAuthority, OrgCertificates, create_org
from desktop_app.crypto.profile import CLOCK_SKEW, OID_DEVICE_CURVE25519
from desktop_app.crypto.revocation import RevocationList, empty_revocation_list, revoke
from desktop_app.crypto.trust_errors import (
    CertificateExpired,
    CertificateNotYetValid,
    CertificateRevoked,
    InvalidIdentifier,
    MalformedCertificate,
    MalformedKey,
    UntrustedIssuer,
    WrongCertificateUsage,
)
from tests.conftest import T0

NOW = T0 + timedelta(days=1)


@pytest.fixture(scope="module")
def org() -> OrgAuthority:
    return create_org("Klinikum Nord", now=T0)


@pytest.fixture(scope="module")
def crl(org: OrgAuthority) -> RevocationList:
    return empty_revocation_list(org.issuer, T0)


@pytest.fixture(scope="module")
def account() -> vodozemac.Account:
    return vodozemac.Account()


def issue(org: OrgAuthority, account: vodozemac.Account, **kw: object) -> x509.Certificate:
    args: dict[str, object] = {
        "uid": "weber.anna",
        "device_id": "ABCDEFGHIJ",
        "ed25519_key": account.ed25519_key.to_base64(),
        "curve25519_key": account.curve25519_key.to_base64(),
        "now": T0,
    }
    args.update(kw)
    return issue_device_certificate(org.issuer, **args)  # type: ignore[arg-type]


def verify(
    org: OrgAuthority,
    cert: x509.Certificate | bytes,
    crl: RevocationList,
    now: datetime = NOW,
) -> DeviceIdentity:
    return verify_device_certificate(
        cert, org.certificates.issuing, org.certificates.root, crl, now
    )


def test_vodozemac_keys_round_trip(
    org: OrgAuthority, crl: RevocationList, account: vodozemac.Account
) -> None:
    cert = issue(org, account)
    der = cert.public_bytes(serialization.Encoding.DER)
    identity = verify(org, der, crl)
    assert identity.uid == "weber.anna" and identity.device_id == "ABCDEFGHIJ"
    assert identity.ed25519_b64 == account.ed25519_key.to_base64()
    assert identity.curve25519_b64 == account.curve25519_key.to_base64()
    assert identity.serial == cert.serial_number
    assert identity.not_before == T0 - CLOCK_SKEW
    assert identity.not_after - identity.not_before == timedelta(days=730)


def test_longest_identifiers_fit(
    org: OrgAuthority, crl: RevocationList, account: vodozemac.Account
) -> None:
    cert = issue(org, account, uid="ü" * 128, device_id="€" * 21)
    identity = verify(org, cert, crl)
    assert (identity.uid, identity.device_id) == ("ü" * 128, "€" * 21)
    assert len(cert.public_bytes(serialization.Encoding.DER)) < 2048  # MAX_CERTIFICATE_BYTES


def test_profile(org: OrgAuthority, account: vodozemac.Account) -> None:
    cert = issue(org, account)
    assert cert.subject.get_attributes_for_oid(NameOID.USER_ID)[0].value == "weber.anna"
    assert cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == "ABCDEFGHIJ"
    eku = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert list(eku) == [ExtendedKeyUsageOID.CLIENT_AUTH]
    ext = cert.extensions.get_extension_for_oid(OID_DEVICE_CURVE25519)
    assert not ext.critical and isinstance(ext.value, x509.UnrecognizedExtension)
    curve = decode_b64(account.curve25519_key.to_base64())
    assert ext.value.value == b"\x04\x20" + curve  # DER OCTET STRING of 32 bytes
    public = cert.public_key()
    assert isinstance(public, ed25519.Ed25519PublicKey)
    assert encode_b64(public.public_bytes_raw()) == account.ed25519_key.to_base64()


def test_raw_and_base64_keys_give_the_same_certificate_fields(
    org: OrgAuthority, account: vodozemac.Account
) -> None:
    raw = issue(
        org,
        account,
        ed25519_key=decode_b64(account.ed25519_key.to_base64()),
        curve25519_key=base64.b64decode(account.curve25519_key.to_base64() + "="),
    )
    a, b = read_device_certificate(raw), read_device_certificate(issue(org, account))
    assert (a.ed25519, a.curve25519, a.uid) == (b.ed25519, b.curve25519, b.uid)


def test_expired_and_not_yet_valid(
    org: OrgAuthority, crl: RevocationList, account: vodozemac.Account
) -> None:
    cert = issue(org, account, validity=timedelta(days=10))
    verify(org, cert, crl, T0 + timedelta(days=8))
    verify(org, cert, crl, T0 - timedelta(days=1))  # a PC clock a day slow (CLOCK_SKEW)
    with pytest.raises(CertificateExpired, match="device certificate expired"):
        verify(org, cert, crl, T0 + timedelta(days=11))
    with pytest.raises(CertificateNotYetValid):
        verify(org, cert, crl, T0 - CLOCK_SKEW - timedelta(minutes=1))


def test_revoked_by_serial_and_by_device_id(
    org: OrgAuthority, crl: RevocationList, account: vodozemac.Account
) -> None:
    cert = issue(org, account)
    by_serial = revoke(org.issuer, crl, serial=cert.serial_number, now=T0)
    with pytest.raises(CertificateRevoked, match=r"ABCDEFGHIJ of weber\.anna"):
        verify(org, cert, by_serial)
    # Revoking the device covers a certificate the revocation list never named.
    other_serial = revoke(org.issuer, crl, serial=1, device_id="ABCDEFGHIJ", now=T0)
    with pytest.raises(CertificateRevoked):
        verify(org, issue(org, account), other_serial)
    assert verify(org, issue(org, account, device_id="OTHER"), other_serial).device_id == "OTHER"


def test_revoke_device_names_serials_and_device_id(
    org: OrgAuthority, crl: RevocationList, account: vodozemac.Account
) -> None:
    old, new = issue(org, account), issue(org, account, now=T0 + timedelta(hours=1))
    revoked = revoke_device(org.issuer, crl, [old, new.public_bytes(serialization.Encoding.DER)])
    assert revoked.number == crl.number + 1
    assert {(e.serial, e.device_id) for e in revoked} == {
        (old.serial_number, "ABCDEFGHIJ"),
        (new.serial_number, "ABCDEFGHIJ"),
    }
    for cert in (old, new, issue(org, account)):
        with pytest.raises(CertificateRevoked):
            verify(org, cert, revoked)
    with pytest.raises(ValueError, match="at least one"):
        revoke_device(org.issuer, crl, [])


def test_other_org_is_untrusted(
    org: OrgAuthority, crl: RevocationList, account: vodozemac.Account
) -> None:
    rogue = create_org("Klinikum Nord", now=T0)
    with pytest.raises(UntrustedIssuer):
        verify(org, issue(rogue, account), crl)
    # The rogue issuing CA paired with our root: the issuing link breaks.
    with pytest.raises(UntrustedIssuer, match="issuing CA certificate is not signed"):
        verify_device_certificate(
            issue(rogue, account), rogue.certificates.issuing, org.certificates.root, crl, NOW
        )


def test_certificate_signed_by_the_root_directly_is_untrusted(
    org: OrgAuthority, crl: RevocationList, account: vodozemac.Account
) -> None:
    root_as_issuer = IssuingAuthority(
        org.root_key, OrgCertificates(org.certificates.root, org.certificates.root)
    )
    cert = issue_device_certificate(
        root_as_issuer, "weber.anna", "D", decode_b64(account.ed25519_key.to_base64()), b"\x01" * 32
    )
    with pytest.raises(UntrustedIssuer, match="not an issuing CA of this organisation"):
        verify(org, cert, crl)


def test_relay_certificate_is_not_a_device(org: OrgAuthority, crl: RevocationList) -> None:
    relay = issue_relay_certificate(org.issuer, "relay-1", now=T0).certificate
    with pytest.raises(WrongCertificateUsage, match="not certified for device"):
        verify(org, relay, crl)


def test_ca_certificate_issued_below_the_issuing_ca_is_not_a_device(
    org: OrgAuthority, crl: RevocationList
) -> None:
    key = ed25519.Ed25519PrivateKey.generate()
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "sub-CA")]))
        .issuer_name(org.certificates.issuing.subject)
        .public_key(key.public_key())
        .serial_number(78)
        .not_valid_before(T0)
        .not_valid_after(T0 + timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH]), False)
        .sign(org.issuing_key, None)
    )
    with pytest.raises(WrongCertificateUsage, match="is a CA certificate"):
        verify(org, cert, crl)


def test_one_verifier_for_many_devices(
    org: OrgAuthority, crl: RevocationList, account: vodozemac.Account
) -> None:
    certs = [issue(org, account, device_id=f"D{i}") for i in range(5)]
    revoked = revoke(org.issuer, crl, serial=certs[3].serial_number, now=T0)
    verifier = DeviceVerifier(org.certificates.issuing, org.certificates.root, revoked)
    ids = []
    for cert in certs:
        try:
            ids.append(verifier.verify(cert, NOW).device_id)
        except CertificateRevoked:
            ids.append("revoked")
    assert ids == ["D0", "D1", "D2", "revoked", "D4"]
    rogue = create_org("Klinikum Nord", now=T0)
    with pytest.raises(UntrustedIssuer):
        DeviceVerifier(rogue.certificates.issuing, org.certificates.root, crl)


def test_issuing_ca_certificate_is_not_a_device(org: OrgAuthority, crl: RevocationList) -> None:
    with pytest.raises(UntrustedIssuer):
        verify(org, org.certificates.issuing, crl)


def test_missing_curve25519_key_is_malformed(org: OrgAuthority, crl: RevocationList) -> None:
    key = ed25519.Ed25519PrivateKey.generate()
    cert = (
        x509.CertificateBuilder()
        .subject_name(
            x509.Name(
                [
                    x509.NameAttribute(NameOID.USER_ID, "weber.anna"),
                    x509.NameAttribute(NameOID.COMMON_NAME, "D"),
                ]
            )
        )
        .issuer_name(org.certificates.issuing.subject)
        .public_key(key.public_key())
        .serial_number(77)
        .not_valid_before(T0)
        .not_valid_after(T0 + timedelta(days=30))
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH]), False)
        .sign(org.issuing_key, None)
    )
    with pytest.raises(MalformedCertificate, match="no Curve25519 key"):
        verify(org, cert, crl)


def test_tampered_signature_and_garbage(
    org: OrgAuthority, crl: RevocationList, account: vodozemac.Account
) -> None:
    der = bytearray(issue(org, account).public_bytes(serialization.Encoding.DER))
    der[-1] ^= 0x01
    with pytest.raises(UntrustedIssuer):
        verify(org, bytes(der), crl)
    with pytest.raises(MalformedCertificate):
        verify(org, b"garbage", crl)


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"uid": ""}, InvalidIdentifier),
        ({"device_id": "x" * 65}, InvalidIdentifier),
        ({"device_id": "€" * 22}, InvalidIdentifier),  # 66 bytes: too long for a CN
        ({"uid": "ü" * 129}, InvalidIdentifier),
        ({"ed25519_key": "AAAA"}, MalformedKey),
        ({"curve25519_key": b"\x00" * 31}, MalformedKey),
        ({"ed25519_key": "not base64!"}, MalformedKey),
    ],
)
def test_bad_inputs_are_refused_at_issue(
    org: OrgAuthority, account: vodozemac.Account, change: dict[str, object], error: type
) -> None:
    with pytest.raises(error):
        issue(org, account, **change)


@pytest.mark.parametrize("tag", [0x02, 0x03], ids=["INTEGER", "BIT STRING"])
def test_a_damaged_issuer_name_is_malformed_not_a_crash(
    org: OrgAuthority, account: vodozemac.Account, crl: RevocationList, tag: int
) -> None:
    # Found by fuzzing (tests/fuzz): cryptography decodes names lazily, so the damage
    # surfaced as ValueError/TypeError in the middle of verify_leaf.
    der = bytearray(issue(org, account).public_bytes(serialization.Encoding.DER))
    at = der.index(b"WardLink issuing CA") - 2
    der[at] = tag
    with pytest.raises(MalformedCertificate):
        verify(org, bytes(der), crl)
    with pytest.raises(MalformedCertificate):
        read_device_certificate(bytes(der))
