"""Relay TLS certificates: profile, post-handshake identity check, files."""

from __future__ import annotations

import hashlib
import ipaddress
from datetime import timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.x509.oid import ExtendedKeyUsageOID

from desktop_app.crypto.certificates import (
    RELAY_CERT_FILE,
    issue_relay_certificate,
    load_relay_credentials,
    save_relay_credentials,
    spki_sha256,
    verify_relay_certificate,
)
from desktop_app.crypto.device_certificates import issue_device_certificate
from desktop_app.crypto.org import OrgAuthority, create_org
from desktop_app.crypto.profile import CLOCK_SKEW
from desktop_app.crypto.trust_errors import (
    CertificateExpired,
    CertificateNotYetValid,
    InvalidIdentifier,
    MalformedCertificate,
    OrgStoreError,
    UntrustedIssuer,
    WrongAdminPassphrase,
    WrongCertificateUsage,
)
from tests.conftest import FAST_KDF, T0

ADMIN = "admin passphrase"


@pytest.fixture(scope="module")
def org() -> OrgAuthority:
    return create_org("Klinikum Nord", now=T0)


def test_profile(org: OrgAuthority) -> None:
    creds = issue_relay_certificate(
        org.issuer, "relay-1", ["relay.klinik.local", "10.1.2.3", "::1"], now=T0
    )
    cert = creds.certificate
    san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert san.get_values_for_type(x509.UniformResourceIdentifier) == ["wardlink:relay:relay-1"]
    assert san.get_values_for_type(x509.DNSName) == ["relay.klinik.local"]
    assert san.get_values_for_type(x509.IPAddress) == [
        ipaddress.ip_address("10.1.2.3"),
        ipaddress.ip_address("::1"),
    ]
    eku = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert list(eku) == [ExtendedKeyUsageOID.SERVER_AUTH]
    assert not cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    key = cert.public_key()
    assert isinstance(key, ec.EllipticCurvePublicKey) and key.curve.name == "secp256r1"
    cert.verify_directly_issued_by(org.certificates.issuing)
    chain = x509.load_pem_x509_certificates(creds.chain_pem())
    assert chain == [cert, org.certificates.issuing, org.certificates.root]


def test_verify_returns_identity_and_spki_hash(org: OrgAuthority) -> None:
    creds = issue_relay_certificate(org.issuer, "relay-1", ["127.0.0.1"], now=T0)
    der = creds.certificate.public_bytes(serialization.Encoding.DER)
    identity = verify_relay_certificate(
        der, [org.certificates.issuing], org.certificates.root, T0, expected_relay_id="relay-1"
    )
    spki = creds.key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    assert identity.relay_id == "relay-1"
    assert identity.spki_sha256 == hashlib.sha256(spki).digest() == spki_sha256(creds.certificate)
    assert identity.ip_addresses == (ipaddress.ip_address("127.0.0.1"),)
    assert identity.not_after == creds.certificate.not_valid_after_utc


def test_wrong_relay_id_is_refused(org: OrgAuthority) -> None:
    creds = issue_relay_certificate(org.issuer, "relay-2", now=T0)
    with pytest.raises(WrongCertificateUsage, match="not the expected 'relay-1'"):
        verify_relay_certificate(
            creds.certificate, [org.certificates.issuing], org.certificates.root, T0, "relay-1"
        )


def test_device_certificate_cannot_pose_as_relay(org: OrgAuthority) -> None:
    device_key = ed25519.Ed25519PrivateKey.generate()
    cert = issue_device_certificate(
        org.issuer, "weber.anna", "DEV1", device_key.public_key().public_bytes_raw(), b"\x09" * 32
    )
    with pytest.raises(WrongCertificateUsage, match="not certified for relay"):
        verify_relay_certificate(cert, [org.certificates.issuing], org.certificates.root)


def test_server_auth_without_relay_name_is_refused(org: OrgAuthority) -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, "web")]))
        .issuer_name(org.certificates.issuing.subject)
        .public_key(key.public_key())
        .serial_number(7)
        .not_valid_before(T0)
        .not_valid_after(T0 + timedelta(days=1))
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), False)
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("web.local")]), False)
        .sign(org.issuing_key, None)
    )
    with pytest.raises(WrongCertificateUsage, match="not a WardLink relay certificate"):
        verify_relay_certificate(cert, [org.certificates.issuing], org.certificates.root, T0)


def test_relay_of_a_rogue_org_is_untrusted(org: OrgAuthority) -> None:
    rogue = create_org("Klinikum Nord", now=T0)
    creds = issue_relay_certificate(rogue.issuer, "relay-1", now=T0)
    with pytest.raises(UntrustedIssuer):
        verify_relay_certificate(
            creds.certificate, [org.certificates.issuing], org.certificates.root, T0
        )
    # Even with the rogue issuing CA supplied, it does not chain to our root.
    with pytest.raises(UntrustedIssuer, match="issuing CA certificate is not signed"):
        verify_relay_certificate(
            creds.certificate, [rogue.certificates.issuing], org.certificates.root, T0
        )


def test_validity_window(org: OrgAuthority) -> None:
    creds = issue_relay_certificate(org.issuer, "relay-1", now=T0, validity=timedelta(days=30))
    args = (creds.certificate, [org.certificates.issuing], org.certificates.root)
    verify_relay_certificate(*args, T0 + timedelta(days=28))
    verify_relay_certificate(*args, T0 - timedelta(days=1))  # a PC clock a day slow
    with pytest.raises(CertificateExpired, match="relay certificate expired"):
        verify_relay_certificate(*args, T0 + timedelta(days=31))
    with pytest.raises(CertificateNotYetValid, match="clock"):
        verify_relay_certificate(*args, T0 - CLOCK_SKEW - timedelta(minutes=1))


def test_garbage_is_malformed(org: OrgAuthority) -> None:
    with pytest.raises(MalformedCertificate):
        verify_relay_certificate(b"\x30\x03\x02\x01\x01", [], org.certificates.root)


@pytest.mark.parametrize(("relay_id", "hosts"), [("relay 1", []), ("r", ["bad/host"]), ("", [])])
def test_bad_ids_and_hosts(org: OrgAuthority, relay_id: str, hosts: list[str]) -> None:
    with pytest.raises(InvalidIdentifier):
        issue_relay_certificate(org.issuer, relay_id, hosts, now=T0)


def test_credentials_round_trip_and_renewal(org: OrgAuthority, tmp_path: Path) -> None:
    creds = issue_relay_certificate(org.issuer, "relay-1", now=T0)
    save_relay_credentials(creds, tmp_path, ADMIN, FAST_KDF)
    loaded = load_relay_credentials(tmp_path, ADMIN)
    assert loaded.relay_id == "relay-1"
    assert loaded.certificate == creds.certificate and loaded.org == org.certificates
    assert loaded.key.private_numbers() == creds.key.private_numbers()
    renewed = issue_relay_certificate(org.issuer, "relay-1", now=T0 + timedelta(days=300))
    save_relay_credentials(renewed, tmp_path, ADMIN, FAST_KDF)
    assert load_relay_credentials(tmp_path, ADMIN).certificate == renewed.certificate
    with pytest.raises(WrongAdminPassphrase):
        load_relay_credentials(tmp_path, "wrong")


def test_credentials_with_foreign_certificate_are_refused(
    org: OrgAuthority, tmp_path: Path
) -> None:
    creds = issue_relay_certificate(org.issuer, "relay-1", now=T0)
    other = issue_relay_certificate(org.issuer, "relay-1", now=T0)
    save_relay_credentials(creds, tmp_path, ADMIN, FAST_KDF)
    (tmp_path / RELAY_CERT_FILE).write_bytes(other.chain_pem())
    with pytest.raises(OrgStoreError, match="does not belong"):
        load_relay_credentials(tmp_path, ADMIN)
