"""Device certificates: the org's signature on (uid, device id, Ed25519, Curve25519, expiry).

Profile (docs/trust.md): subject UID=<uid>, CN=<device id>; the certificate's own public
key is the device's vodozemac Ed25519 identity key; the Curve25519 identity key rides in
the non-critical private extension ``OID_DEVICE_CURVE25519`` (DER OCTET STRING, 32
bytes); EKU clientAuth only, KeyUsage digitalSignature, BasicConstraints CA=false.
Clients encrypt only to devices whose certificate passes ``verify_device_certificate``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from cryptography import x509
from cryptography.hazmat.asn1 import decode_der, encode_der
from cryptography.hazmat.primitives.asymmetric import ed25519
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from desktop_app.crypto.chain import (
    TrustedCAs,
    check_end_entity,
    load_certificate,
    trusted_cas,
    utc_now,
    verify_leaf,
)
from desktop_app.crypto.keyformat import (
    KEY_BYTES,
    curve25519_public_bytes,
    ed25519_public_key,
    ed25519_raw,
    encode_b64,
)
from desktop_app.crypto.org import IssuingAuthority, may_not_certify_devices
from desktop_app.crypto.profile import (
    CLOCK_SKEW,
    DEVICE_VALIDITY,
    MAX_UID_LENGTH,
    OID_DEVICE_CURVE25519,
    check_identifier,
)
from desktop_app.crypto.revocation import RevocationEntry, RevocationList, sign_revocation_list
from desktop_app.crypto.trust_errors import (
    CertificateRevoked,
    MalformedCertificate,
    UntrustedIssuer,
)

_DEVICE_KEY_USAGE = x509.KeyUsage(
    digital_signature=True,
    content_commitment=False,
    key_encipherment=False,
    data_encipherment=False,
    key_agreement=False,
    key_cert_sign=False,
    crl_sign=False,
    encipher_only=False,
    decipher_only=False,
)


@dataclass(frozen=True, slots=True)
class DeviceIdentity:
    """A verified device: who it belongs to and which keys to encrypt to / verify with."""

    uid: str
    device_id: str
    ed25519: bytes
    curve25519: bytes
    not_before: datetime
    not_after: datetime
    serial: int

    @property
    def ed25519_b64(self) -> str:
        """The Ed25519 key as vodozemac prints it (unpadded base64)."""
        return encode_b64(self.ed25519)

    @property
    def curve25519_b64(self) -> str:
        """The Curve25519 key as vodozemac prints it (unpadded base64)."""
        return encode_b64(self.curve25519)


def check_device_request(
    uid: str, device_id: str, ed25519_key: str | bytes, curve25519_key: str | bytes
) -> tuple[ed25519.Ed25519PublicKey, bytes]:
    """What a device certificate would certify, checked: InvalidIdentifier or MalformedKey
    if it cannot be issued. The relay asks before it queues a request for offline
    signing, so one request cannot make IT's signing of the whole queue fail."""
    check_identifier(uid, "uid", MAX_UID_LENGTH)
    check_identifier(device_id, "device id")
    return ed25519_public_key(ed25519_key), curve25519_public_bytes(curve25519_key)


def issue_device_certificate(
    issuer: IssuingAuthority,
    uid: str,
    device_id: str,
    ed25519_key: str | bytes,
    curve25519_key: str | bytes,
    now: datetime | None = None,
    validity: timedelta = DEVICE_VALIDITY,
) -> x509.Certificate:
    """Certify a device's vodozemac identity keys (raw bytes or unpadded base64)."""
    public, curve = check_device_request(uid, device_id, ed25519_key, curve25519_key)
    start = utc_now(now) - CLOCK_SKEW
    return (
        x509.CertificateBuilder()
        .subject_name(
            x509.Name(
                [
                    x509.NameAttribute(NameOID.USER_ID, uid),
                    x509.NameAttribute(NameOID.COMMON_NAME, device_id),
                ]
            )
        )
        .issuer_name(issuer.ca_certificate.subject)
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + validity)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_DEVICE_KEY_USAGE, critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False)
        .add_extension(
            x509.UnrecognizedExtension(OID_DEVICE_CURVE25519, encode_der(curve)), critical=False
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()), False
        )
        .sign(issuer.key, None)
    )


def read_device_certificate(cert: bytes | x509.Certificate) -> DeviceIdentity:
    """Read the fields WITHOUT checking trust: for display and logging only."""
    c = load_certificate(cert, "the device certificate")
    public = c.public_key()
    if not isinstance(public, ed25519.Ed25519PublicKey):
        raise MalformedCertificate("a device certificate must carry an Ed25519 key")
    return DeviceIdentity(
        uid=_single(c, NameOID.USER_ID, "uid"),
        device_id=_single(c, NameOID.COMMON_NAME, "device id"),
        ed25519=ed25519_raw(public),
        curve25519=_curve25519(c),
        not_before=c.not_valid_before_utc,
        not_after=c.not_valid_after_utc,
        serial=c.serial_number,
    )


class DeviceVerifier:
    """Verifies device certificates of one organisation against one revocation list.

    The root and issuing CA signatures are checked once, here; each ``verify`` then
    costs one Ed25519 signature check. Make a new verifier when a new revocation list
    arrives. ``issuing_cert`` may be several CAs (``OrgCertificates.device_cas``); a CA
    the root barred from certifying devices (the relay's online CA in offline issuing)
    is never used, whoever passes it.
    """

    def __init__(
        self,
        issuing_cert: x509.Certificate | Sequence[x509.Certificate],
        root_cert: x509.Certificate,
        revocations: RevocationList,
    ) -> None:
        given = (issuing_cert,) if isinstance(issuing_cert, x509.Certificate) else issuing_cert
        cas = trusted_cas(root_cert, tuple(given))
        self._barred = tuple(c for c in cas.issuing if may_not_certify_devices(c))
        self._cas = TrustedCAs(cas.root, tuple(c for c in cas.issuing if c not in self._barred))
        self._revocations = revocations

    def verify(
        self, cert_der: bytes | x509.Certificate, now: datetime | None = None
    ) -> DeviceIdentity:
        """Return the device's identity if its certificate is trusted now; raise otherwise.

        Checks, in order: parse (MalformedCertificate), issuing CA signed by the root and
        leaf signed by the issuing CA (UntrustedIssuer), CA constraints, validity of all
        three (CertificateExpired / CertificateNotYetValid), client usage
        (WrongCertificateUsage), the device fields (MalformedCertificate), then serial and
        device id against the revocation list (CertificateRevoked), which must already
        be verified (``load_revocation_list``).
        """
        when = utc_now(now)
        cert = load_certificate(cert_der, "the device certificate")
        if any(ca.subject == cert.issuer for ca in self._barred) and not any(
            ca.subject == cert.issuer for ca in self._cas.issuing
        ):
            raise UntrustedIssuer(
                "the device certificate was signed by the relay's online CA, which may not "
                "certify devices: this organisation signs devices offline"
            )
        verify_leaf(cert, self._cas, when, "the device certificate")
        check_end_entity(cert, ExtendedKeyUsageOID.CLIENT_AUTH, "the device certificate")
        identity = read_device_certificate(cert)
        if self._revocations.is_revoked(serial=identity.serial, device_id=identity.device_id):
            raise CertificateRevoked(
                f"device {identity.device_id} of {identity.uid} has been revoked by the "
                "organisation"
            )
        return identity


def verify_device_certificate(
    cert_der: bytes | x509.Certificate,
    issuing_cert: x509.Certificate | Sequence[x509.Certificate],
    root_cert: x509.Certificate,
    revocations: RevocationList,
    now: datetime | None = None,
) -> DeviceIdentity:
    """One-off ``DeviceVerifier(issuing_cert, root_cert, revocations).verify(cert_der, now)``."""
    return DeviceVerifier(issuing_cert, root_cert, revocations).verify(cert_der, now)


def revoke_device(
    issuer: IssuingAuthority,
    current: RevocationList,
    certificates: Iterable[bytes | x509.Certificate],
    now: datetime | None = None,
    *,
    keep_data: bool = False,
) -> RevocationList:
    """A new list revoking each certificate by serial *and* by its device id, in one step.

    Pass every certificate the relay issued to the lost device; because the entries name
    the device id, clients also refuse any other certificate carrying that id.
    """
    when = utc_now(now)
    added = tuple(
        RevocationEntry(
            serial=d.serial, revoked_at=when, device_id=d.device_id, keep_data=keep_data
        )
        for d in map(read_device_certificate, certificates)
    )
    if not added:
        raise ValueError("revoke_device needs at least one certificate")
    return sign_revocation_list(issuer, (*current.entries, *added), current.number + 1, when)


def _single(cert: x509.Certificate, oid: x509.ObjectIdentifier, what: str) -> str:
    attrs = cert.subject.get_attributes_for_oid(oid)
    if len(attrs) != 1 or not isinstance(attrs[0].value, str):
        raise MalformedCertificate(f"a device certificate needs exactly one {what}")
    return attrs[0].value


def _curve25519(cert: x509.Certificate) -> bytes:
    try:
        ext = cert.extensions.get_extension_for_oid(OID_DEVICE_CURVE25519).value
    except x509.ExtensionNotFound:
        raise MalformedCertificate("the device certificate carries no Curve25519 key") from None
    except ValueError as exc:
        raise MalformedCertificate(f"the device certificate's extensions: {exc}") from None
    try:
        if not isinstance(ext, x509.UnrecognizedExtension):
            raise ValueError("unexpected extension type")
        raw = decode_der(bytes, ext.value)
    except ValueError:
        raise MalformedCertificate("the device's Curve25519 key is not DER-encoded") from None
    if len(raw) != KEY_BYTES:
        raise MalformedCertificate(f"the device's Curve25519 key has {len(raw)} bytes, not 32")
    return raw
