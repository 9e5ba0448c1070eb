"""Relay TLS certificates: issued by the org's issuing CA, checked after every handshake.

Profile: subject O=<org>, CN=<relay id>; SAN = the relay's DNS names and IP addresses
plus the URI ``wardlink:relay:<relay id>``; EKU serverAuth only; KeyUsage
digitalSignature; key ECDSA P-256 (TLS 1.3's mandatory-to-implement signature scheme,
so any TLS stack and diagnostic tool can talk to the relay; the CA keys above it stay
Ed25519). Device certificates chain to the same root, so "chains to the root" alone does
not make a relay: ``verify_relay_certificate`` also demands the relay URI and serverAuth.

Files in the relay data dir (``save_relay_credentials``):

    relay.crt.pem    the TLS chain: relay certificate, issuing CA, root CA
    relay.key.json   relay TLS private key, wrapped under the admin passphrase
"""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from desktop_app.crypto.chain import (
    check_end_entity,
    load_certificate,
    utc_now,
    verify_org_chain,
)
from desktop_app.crypto.fingerprint import spki_sha256
from desktop_app.crypto.keyfile import unwrap_private_key, wrap_private_key
from desktop_app.crypto.keywrap import KdfParams
from desktop_app.crypto.org import IssuingAuthority, OrgCertificates
from desktop_app.crypto.org_files import read_file, write_files
from desktop_app.crypto.profile import (
    CLOCK_SKEW,
    RELAY_URI_PREFIX,
    RELAY_VALIDITY,
    check_relay_id,
)
from desktop_app.crypto.trust_errors import (
    InvalidIdentifier,
    MalformedCertificate,
    OrgStoreError,
    WrongCertificateUsage,
)

__all__ = [
    "RELAY_CERT_FILE",
    "RELAY_KEY_FILE",
    "RelayCredentials",
    "RelayIdentity",
    "issue_relay_certificate",
    "load_relay_credentials",
    "save_relay_credentials",
    "spki_sha256",
    "verify_relay_certificate",
]

RELAY_CERT_FILE = "relay.crt.pem"
RELAY_KEY_FILE = "relay.key.json"
RELAY_KEY_CONTEXT = b"wardlink-relay-tls-key"
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True, slots=True)
class RelayCredentials:
    """The relay's TLS key and certificate, plus the org certificates it sends along."""

    relay_id: str
    certificate: x509.Certificate
    org: OrgCertificates
    key: ec.EllipticCurvePrivateKey

    def chain_pem(self) -> bytes:
        """Relay, issuing CA, root CA, PEM: what the TLS server presents.

        Enrolled clients pin the root and ignore the copy sent. A client that is enrolling
        knows only the root's fingerprint from its code; the root in the chain lets it
        check the relay before it sends the code (``OrgCertificates.from_chain``). During
        an issuing CA rotation the previous issuing CA comes last: enrolled clients add
        every CA the root signed (``OrgCertificates.with_issuing_cas``).
        """
        certs = (self.certificate, self.org.issuing, self.org.root, *self.org.previous)
        return b"".join(c.public_bytes(serialization.Encoding.PEM) for c in certs)


@dataclass(frozen=True, slots=True)
class RelayIdentity:
    """What a verified relay certificate says; ``spki_sha256`` is for zeroconf descriptors."""

    relay_id: str
    spki_sha256: bytes
    not_after: datetime
    dns_names: tuple[str, ...]
    ip_addresses: tuple[IPAddress, ...]


def issue_relay_certificate(
    issuer: IssuingAuthority,
    relay_id: str,
    hosts: Sequence[str] = ("localhost", "127.0.0.1"),
    now: datetime | None = None,
    validity: timedelta = RELAY_VALIDITY,
) -> RelayCredentials:
    """New P-256 key and certificate for ``relay_id``; ``hosts`` are DNS names or IPs."""
    check_relay_id(relay_id)
    start = utc_now(now) - CLOCK_SKEW
    key = ec.generate_private_key(ec.SECP256R1())
    names: list[x509.GeneralName] = [x509.UniformResourceIdentifier(RELAY_URI_PREFIX + relay_id)]
    names.extend(_host_name(h) for h in hosts)
    issuing = issuer.certificates.issuing
    cert = (
        x509.CertificateBuilder()
        .subject_name(
            x509.Name(
                [
                    x509.NameAttribute(NameOID.ORGANIZATION_NAME, issuer.certificates.name),
                    x509.NameAttribute(NameOID.COMMON_NAME, relay_id),
                ]
            )
        )
        .issuer_name(issuing.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + validity)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.SubjectAlternativeName(names), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()), False
        )
        .sign(issuer.key, None)
    )
    return RelayCredentials(relay_id, cert, issuer.certificates, key)


def verify_relay_certificate(
    leaf: bytes | x509.Certificate,
    chain: Sequence[x509.Certificate],
    root: x509.Certificate,
    now: datetime | None = None,
    expected_relay_id: str | None = None,
) -> RelayIdentity:
    """Check that ``leaf`` is a relay certificate of the organisation rooted at ``root``.

    ``chain`` holds the issuing CA certificate(s) the client knows. Run it right after
    the TLS handshake, before sending anything: OpenSSL has checked the chain, but only
    this check knows that a *relay* (URI SAN + serverAuth) is on the other end, and which.
    """
    when = utc_now(now)
    cert = load_certificate(leaf, "the relay certificate")
    verify_org_chain(cert, chain, root, when, "the relay certificate")
    check_end_entity(cert, ExtendedKeyUsageOID.SERVER_AUTH, "the relay certificate")
    try:
        san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        raise WrongCertificateUsage("the certificate names no relay (no SAN)") from None
    uris = [
        u[len(RELAY_URI_PREFIX) :]
        for u in san.get_values_for_type(x509.UniformResourceIdentifier)
        if u.startswith(RELAY_URI_PREFIX)
    ]
    if len(uris) != 1:
        raise WrongCertificateUsage(
            "the certificate is not a WardLink relay certificate (needs exactly one "
            f"{RELAY_URI_PREFIX}<id> name)"
        )
    relay_id = uris[0]
    if expected_relay_id is not None and relay_id != expected_relay_id:
        raise WrongCertificateUsage(
            f"this is relay {relay_id!r}, not the expected {expected_relay_id!r}"
        )
    return RelayIdentity(
        relay_id=relay_id,
        spki_sha256=spki_sha256(cert),
        not_after=cert.not_valid_after_utc,
        dns_names=tuple(san.get_values_for_type(x509.DNSName)),
        ip_addresses=tuple(
            ip
            for ip in san.get_values_for_type(x509.IPAddress)
            if isinstance(ip, ipaddress.IPv4Address | ipaddress.IPv6Address)
        ),
    )


def save_relay_credentials(
    creds: RelayCredentials, directory: Path, passphrase: str, kdf: KdfParams | None = None
) -> None:
    """Write (or replace, on renewal) the relay's certificate chain and wrapped key."""
    params = kdf if kdf is not None else KdfParams()
    files = {
        RELAY_CERT_FILE: creds.chain_pem(),
        RELAY_KEY_FILE: wrap_private_key(creds.key, passphrase, params, RELAY_KEY_CONTEXT),
    }
    write_files(directory, files, overwrite=True)


def load_relay_credentials(directory: Path, passphrase: str) -> RelayCredentials:
    """Read the relay's chain and unwrap its key; checks that key and certificate match."""
    pem = read_file(directory, RELAY_CERT_FILE)
    try:
        certs = x509.load_pem_x509_certificates(pem)
    except ValueError as exc:
        raise MalformedCertificate(f"{RELAY_CERT_FILE}: {exc}") from None
    if len(certs) < 3:
        raise OrgStoreError(
            f"{RELAY_CERT_FILE} must hold the relay, issuing CA and root CA certificates"
        )
    leaf, issuing, root, *previous = certs  # previous: during an issuing CA rotation
    key = unwrap_private_key(
        read_file(directory, RELAY_KEY_FILE), passphrase, RELAY_KEY_CONTEXT, "relay TLS key"
    )
    if not isinstance(key, ec.EllipticCurvePrivateKey) or key.public_key() != leaf.public_key():
        raise OrgStoreError("the relay TLS key does not belong to the relay certificate")
    try:
        san = leaf.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        raise OrgStoreError(f"{RELAY_CERT_FILE} is not a relay certificate") from None
    uri = [
        u
        for u in san.get_values_for_type(x509.UniformResourceIdentifier)
        if u.startswith(RELAY_URI_PREFIX)
    ]
    if len(uri) != 1:
        raise OrgStoreError(f"{RELAY_CERT_FILE} is not a relay certificate")
    return RelayCredentials(
        uri[0][len(RELAY_URI_PREFIX) :],
        leaf,
        OrgCertificates(root, issuing, previous=tuple(previous)),
        key,
    )


def _host_name(host: str) -> x509.GeneralName:
    try:
        return x509.IPAddress(ipaddress.ip_address(host))
    except ValueError:
        pass
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        raise InvalidIdentifier(f"{host!r} is neither an IP address nor a host name") from None
    if not ascii_host or any(c in ascii_host for c in "/:@ "):
        raise InvalidIdentifier(f"{host!r} is neither an IP address nor a host name")
    return x509.DNSName(ascii_host)
