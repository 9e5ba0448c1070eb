"""The organisation authority: Ed25519 root CA and the issuing CA it certifies.

The root key signs exactly one thing in normal operation, the issuing CA certificate;
the issuing key signs relay and device certificates and the revocation list. So a
running relay needs only the issuing key (``load_issuing_authority``) and the root key
stays wrapped on disk. Both are wrapped under the admin passphrase (keyfile.py).

Offline issuing (``create_org(..., offline_issuing=True)``): a third CA, the *device CA*,
certified by the root, signs device certificates, and its key and the root key live
only in a keys directory on the admin workstation (``save_org(..., keys_dir=...)``,
wrapped under a separate signing passphrase). The relay keeps the issuing key for what
must be signed while it runs (revocation lists, directory versions, zeroconf adverts,
its TLS certificate), but that CA carries ``OID_NO_DEVICE_CERTIFICATES``: clients refuse
any device certificate it signed. The relay host can then not make a device anyone
encrypts to.

Issuing CA rotation (``wardlink relay rotate-issuing``, docs/trust.md): the root
certifies a new issuing CA (``org_rotation.new_issuing_ca``); the old one stays trusted as
``OrgCertificates.previous`` until ``--finish``, so device certificates from either
verify while devices renew. Clients add every CA the pinned root signed
(``with_issuing_cas``); a CA of another root is never added.

The files on disk: ``org_files.py``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ed25519
from cryptography.x509.oid import NameOID

from desktop_app.crypto.chain import check_validity, load_certificate, trusted_cas, utc_now
from desktop_app.crypto.fingerprint import fingerprints_match, format_fingerprint, spki_sha256
from desktop_app.crypto.profile import (
    CLOCK_SKEW,
    ISSUING_VALIDITY,
    OID_NO_DEVICE_CERTIFICATES,
    ROOT_VALIDITY,
    check_identifier,
)
from desktop_app.crypto.trust_errors import (
    FingerprintError,
    MalformedCertificate,
    TrustError,
    UntrustedIssuer,
)

DEVICE_CA_NAME = "WardLink device CA (offline)"

_CA_KEY_USAGE = x509.KeyUsage(
    digital_signature=False,
    content_commitment=False,
    key_encipherment=False,
    data_encipherment=False,
    key_agreement=False,
    key_cert_sign=True,
    crl_sign=True,
    encipher_only=False,
    decipher_only=False,
)


@dataclass(frozen=True, slots=True)
class OrgCertificates:
    """The public half of an organisation, as every client holds it after enrollment."""

    root: x509.Certificate
    issuing: x509.Certificate
    devices: x509.Certificate | None = None  # the offline device CA, in offline issuing
    # Older issuing CAs the root certified, still trusted while devices renew after an
    # issuing CA rotation (``with_issuing_cas``); empty outside a rotation.
    previous: tuple[x509.Certificate, ...] = ()

    @property
    def offline_issuing(self) -> bool:
        """The issuing CA may not certify devices: only the offline device CA does."""
        return may_not_certify_devices(self.issuing)

    @property
    def issuing_cas(self) -> tuple[x509.Certificate, ...]:
        """Every trusted issuing CA, current first: what revocation lists, directory
        versions, adverts and relay TLS certificates are verified against."""
        return (self.issuing, *self.previous)

    @property
    def device_cas(self) -> tuple[x509.Certificate, ...]:
        """The CAs to verify device certificates with (DeviceVerifier drops a marked one)."""
        extra = () if self.devices is None else (self.devices,)
        return (*self.issuing_cas, *extra)

    def previous_pem(self) -> bytes:
        """The previous issuing CAs as concatenated PEM (b"" outside a rotation)."""
        return b"".join(c.public_bytes(serialization.Encoding.PEM) for c in self.previous)

    def with_issuing_cas(
        self,
        candidates: Iterable[x509.Certificate],
        now: datetime | None = None,
        *,
        first_is_current: bool = False,
    ) -> OrgCertificates:
        """This org plus every candidate that is an issuing CA the pinned root signed.

        A candidate is added only if the root's signature verifies, it is a CA, it is
        valid now, it names the root's organisation and it has the same device-certifying
        rule as the current issuing CA (so neither a CA of another root nor the offline
        device CA becomes an issuing CA). Anything else is skipped: the chain a relay
        sends is not trusted as such. ``first_is_current``: the candidates are a chain
        from the relay, which puts its current issuing CA first; the first accepted one
        becomes ``issuing`` (the one renewals come from), the others ``previous``.
        """
        when = utc_now(now)
        known = {c.fingerprint(hashes.SHA256()): c for c in self.issuing_cas}
        current = self.issuing
        found_current = False
        for cert in candidates:
            digest = cert.fingerprint(hashes.SHA256())
            if digest not in known:
                if not self._is_issuing_ca(cert, when):
                    continue
                known[digest] = cert
            if first_is_current and not found_current:
                current, found_current = known[digest], True
        if len(known) == len(self.issuing_cas) and current == self.issuing:
            return self
        others = tuple(c for c in known.values() if c != current)
        return OrgCertificates(self.root, current, self.devices, others)

    def _is_issuing_ca(self, cert: x509.Certificate, when: datetime) -> bool:
        if cert.issuer != self.root.subject or cert.subject == self.root.subject:
            return False
        if self.devices is not None and cert.subject == self.devices.subject:
            return False
        if may_not_certify_devices(cert) != self.offline_issuing:
            return False
        try:
            trusted_cas(self.root, (cert,))
            check_validity(cert, when, "an issuing CA certificate")
            return organisation(cert) == organisation(self.root)
        except TrustError:
            return False

    @property
    def fingerprint(self) -> bytes:
        return spki_sha256(self.root)

    @property
    def fingerprint_text(self) -> str:
        return format_fingerprint(self.fingerprint)

    @property
    def name(self) -> str:
        return _common_name(self.root)

    def root_pem(self) -> bytes:
        return self.root.public_bytes(serialization.Encoding.PEM)

    def issuing_pem(self) -> bytes:
        return self.issuing.public_bytes(serialization.Encoding.PEM)

    def devices_pem(self) -> bytes:
        """The device CA (PEM), or b"" in online issuing."""
        if self.devices is None:
            return b""
        return self.devices.public_bytes(serialization.Encoding.PEM)

    @classmethod
    def verified(
        cls,
        root: bytes | x509.Certificate,
        issuing: bytes | x509.Certificate,
        expected_fingerprint: bytes | str | None = None,
        now: datetime | None = None,
        devices: bytes | x509.Certificate | None = None,
        previous: Sequence[bytes | x509.Certificate] = (),
    ) -> OrgCertificates:
        """Parse and check a root + issuing pair received from elsewhere (e.g. the relay).

        With ``expected_fingerprint`` (from the enrollment code or the client's pin), a
        root with another key is refused: this is how a client trusts an org it has only
        the fingerprint of. ``devices``, the offline device CA, must be signed by the
        root and must not itself be barred from certifying devices. ``previous`` issuing
        CAs are kept if the root signed them and they are still valid
        (``with_issuing_cas``).
        """
        org = cls._verified(root, issuing, expected_fingerprint, now, devices)
        if not previous:
            return org
        loaded = [load_certificate(c, "a previous issuing CA certificate") for c in previous]
        return org.with_issuing_cas(loaded, now)

    @classmethod
    def _verified(
        cls,
        root: bytes | x509.Certificate,
        issuing: bytes | x509.Certificate,
        expected_fingerprint: bytes | str | None,
        now: datetime | None,
        devices: bytes | x509.Certificate | None,
    ) -> OrgCertificates:
        root_cert = load_certificate(root, "the organisation root certificate")
        issuing_cert = load_certificate(issuing, "the issuing CA certificate")
        if expected_fingerprint is not None and not fingerprints_match(
            spki_sha256(root_cert), expected_fingerprint
        ):
            raise FingerprintError(
                "the relay presented organisation "
                f"{format_fingerprint(spki_sha256(root_cert))}, not the pinned one"
            )
        when = utc_now(now)
        trusted_cas(root_cert, (issuing_cert,))
        check_validity(root_cert, when, "the organisation root certificate")
        check_validity(issuing_cert, when, "the issuing CA certificate")
        if not devices:
            return cls(root_cert, issuing_cert)
        devices_cert = load_certificate(devices, "the device CA certificate")
        trusted_cas(root_cert, (devices_cert,))
        check_validity(devices_cert, when, "the device CA certificate")
        if may_not_certify_devices(devices_cert) or devices_cert.subject == issuing_cert.subject:
            raise UntrustedIssuer("the device CA certificate is not one that may certify devices")
        return cls(root_cert, issuing_cert, devices_cert)

    @classmethod
    def from_chain(
        cls,
        certificates: Sequence[x509.Certificate],
        expected_fingerprint: bytes | str,
        now: datetime | None = None,
    ) -> OrgCertificates:
        """Find the org with ``expected_fingerprint`` among certificates a relay sent.

        For the first contact at enrollment: the relay's TLS chain carries the root and
        issuing CA; the root is recognised by its SPKI fingerprint (from the code), the
        issuing CA by the root's signature. FingerprintError if the root is not there.
        """
        roots = [
            c for c in certificates if fingerprints_match(spki_sha256(c), expected_fingerprint)
        ]
        if not roots:
            raise FingerprintError(
                "the relay did not present the organisation of your enrollment code: it may "
                "be a rogue relay, or the code is for another organisation"
            )
        error: TrustError = UntrustedIssuer("the relay sent no issuing CA certificate")
        for candidate in certificates:
            if candidate is roots[0] or candidate.issuer != roots[0].subject:
                continue
            try:
                org = cls.verified(roots[0], candidate, expected_fingerprint, now)
            except TrustError as exc:
                error = exc
                continue
            try:
                return org.with_issuing_cas(certificates, now, first_is_current=True)
            except TrustError as exc:
                error = exc
        raise error


@dataclass(frozen=True, slots=True)
class IssuingAuthority:
    """What the relay needs to sign device certificates and revocation lists."""

    key: ed25519.Ed25519PrivateKey
    certificates: OrgCertificates
    ca: x509.Certificate | None = None  # the CA ``key`` belongs to, if not the issuing CA

    @property
    def ca_certificate(self) -> x509.Certificate:
        """The certificate of the CA whose key this is (issuing CA or device CA)."""
        return self.certificates.issuing if self.ca is None else self.ca


@dataclass(frozen=True, slots=True)
class OrgAuthority:
    """All CA keys with their certificates; exists only in ``relay init`` and admin tools."""

    root_key: ed25519.Ed25519PrivateKey
    issuing_key: ed25519.Ed25519PrivateKey
    certificates: OrgCertificates
    devices_key: ed25519.Ed25519PrivateKey | None = None  # offline issuing only

    @property
    def issuer(self) -> IssuingAuthority:
        return IssuingAuthority(self.issuing_key, self.certificates)

    @property
    def device_issuer(self) -> IssuingAuthority:
        """Who signs device certificates: the device CA (offline) or the issuing CA."""
        if self.devices_key is None or self.certificates.devices is None:
            return self.issuer
        return IssuingAuthority(self.devices_key, self.certificates, self.certificates.devices)


def may_not_certify_devices(ca: x509.Certificate) -> bool:
    """True for a CA the root barred from certifying devices (``OID_NO_DEVICE_CERTIFICATES``)."""
    try:
        ca.extensions.get_extension_for_oid(OID_NO_DEVICE_CERTIFICATES)
    except x509.ExtensionNotFound:
        return False
    except ValueError:
        return True  # unreadable extensions: fail closed
    return True


def intermediate_ca(
    root_key: ed25519.Ed25519PrivateKey,
    root_name: x509.Name,
    org_name: str,
    common_name: str,
    start: datetime,
    *,
    no_devices: bool,
) -> tuple[ed25519.Ed25519PrivateKey, x509.Certificate]:
    key = ed25519.Ed25519PrivateKey.generate()
    builder = (
        x509.CertificateBuilder()
        .subject_name(
            x509.Name(
                [
                    x509.NameAttribute(NameOID.ORGANIZATION_NAME, org_name),
                    x509.NameAttribute(NameOID.COMMON_NAME, common_name),
                ]
            )
        )
        .issuer_name(root_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + ISSUING_VALIDITY)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_CA_KEY_USAGE, critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()), False
        )
    )
    if no_devices:
        # Non-critical: OpenSSL sees this CA in the relay's TLS chain and would refuse an
        # unknown critical extension; WardLink clients check it explicitly.
        builder = builder.add_extension(
            x509.UnrecognizedExtension(OID_NO_DEVICE_CERTIFICATES, b"\x05\x00"), critical=False
        )
    return key, builder.sign(root_key, None)


def create_org(
    name: str, now: datetime | None = None, *, offline_issuing: bool = False
) -> OrgAuthority:
    """Make fresh root and issuing keys and certificates for organisation ``name``.

    ``offline_issuing``: also a device CA, and the issuing CA is barred from devices.
    """
    check_identifier(name, "organisation name")
    start = utc_now(now) - CLOCK_SKEW
    root_key = ed25519.Ed25519PrivateKey.generate()
    root_name = x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, name),
            x509.NameAttribute(NameOID.COMMON_NAME, name),
        ]
    )
    root = (
        x509.CertificateBuilder()
        .subject_name(root_name)
        .issuer_name(root_name)
        .public_key(root_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + ROOT_VALIDITY)
        .add_extension(x509.BasicConstraints(ca=True, path_length=1), critical=True)
        .add_extension(_CA_KEY_USAGE, critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(root_key.public_key()), False)
        .sign(root_key, None)
    )
    issuing_key, issuing = intermediate_ca(
        root_key, root_name, name, "WardLink issuing CA", start, no_devices=offline_issuing
    )
    if not offline_issuing:
        return OrgAuthority(root_key, issuing_key, OrgCertificates(root, issuing))
    devices_key, devices = intermediate_ca(
        root_key, root_name, name, DEVICE_CA_NAME, start, no_devices=False
    )
    return OrgAuthority(root_key, issuing_key, OrgCertificates(root, issuing, devices), devices_key)


def organisation(cert: x509.Certificate) -> str:
    attrs = cert.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)
    return str(attrs[0].value) if len(attrs) == 1 else ""


def _common_name(cert: x509.Certificate) -> str:
    attrs = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    if len(attrs) != 1 or not isinstance(attrs[0].value, str):
        raise MalformedCertificate("a certificate subject needs exactly one common name")
    return attrs[0].value
