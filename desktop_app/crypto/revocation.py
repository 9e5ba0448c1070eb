"""The organisation's revocation list: an X.509 CRL signed by the issuing key.

A standard CRL gives us signing, parsing and signature checks from ``cryptography``
(``CertificateRevocationListBuilder``, ``is_signature_valid``). Two WardLink rules sit on
top:

* every list carries a CRLNumber that only grows; a client keeps the highest number it
  has accepted and refuses an older list, so a relay (or attacker) cannot replay a list
  from before a revocation;
* an entry may carry the device id (CRL entry extension ``OID_REVOKED_DEVICE_ID``), and
  ``is_revoked`` matches it against the device id of any certificate, so revoking a lost
  device also covers certificates issued to it that the client never saw.

Each entry also carries a CRL reason code that tells the revoked device itself what to
do with its data (docs/trust.md, "Remote wipe"): ``certificateHold`` means *keep the
data* (``admin revoke --keep-data``, the audited exception for a PC revoked by
mistake); every other reason, and no reason at all, means *crypto-shred the container*.
New entries are written with ``cessationOfOperation`` (wipe) or ``certificateHold``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from cryptography import x509
from cryptography.hazmat.asn1 import decode_der, encode_der
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519

from desktop_app.crypto.chain import PARSE_ERRORS, check_ca, utc_now
from desktop_app.crypto.org import IssuingAuthority
from desktop_app.crypto.profile import OID_REVOKED_DEVICE_ID, check_identifier
from desktop_app.crypto.trust_errors import RevocationListError, StaleRevocationList

# How long a list is declared current. Clients do not refuse an overdue list (a relay
# that is down must not lock the ward out); the relay re-signs well before this.
NEXT_UPDATE = timedelta(days=30)
KEEP_DATA_REASON = x509.ReasonFlags.certificate_hold
WIPE_REASON = x509.ReasonFlags.cessation_of_operation


@dataclass(frozen=True, slots=True)
class RevocationEntry:
    """One revoked certificate serial, optionally naming the device it belonged to."""

    serial: int
    revoked_at: datetime
    device_id: str | None = None
    keep_data: bool = False  # reason certificateHold: the device keeps its container


@dataclass(frozen=True, slots=True)
class RevocationList:
    """A verified (or freshly signed) revocation list; ``der`` is what travels."""

    number: int
    entries: tuple[RevocationEntry, ...]
    issued_at: datetime
    der: bytes
    # Lookup sets: clients ask once per recipient device on every fan-out.
    _serials: frozenset[int] = field(init=False, repr=False, compare=False)
    _device_ids: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_serials", frozenset(e.serial for e in self.entries))
        object.__setattr__(
            self, "_device_ids", frozenset(e.device_id for e in self.entries if e.device_id)
        )

    def is_revoked(self, *, serial: int | None = None, device_id: str | None = None) -> bool:
        """True if the serial or the device id appears in the list."""
        return (serial is not None and serial in self._serials) or (
            device_id is not None and device_id in self._device_ids
        )

    def wipe_ordered(self, device_id: str) -> bool | None:
        """For the device itself: True = shred its data, False = keep it (every entry
        naming it says ``keep_data``), None = the list does not name it."""
        named = [e for e in self.entries if e.device_id == device_id]
        if not named:
            return None
        return not all(e.keep_data for e in named)

    def __iter__(self) -> Iterator[RevocationEntry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def pem(self) -> bytes:
        crl = x509.load_der_x509_crl(self.der)
        return crl.public_bytes(serialization.Encoding.PEM)


def sign_revocation_list(
    issuer: IssuingAuthority,
    entries: Iterable[RevocationEntry],
    number: int,
    now: datetime | None = None,
) -> RevocationList:
    """Sign a CRL with the given entries and CRL number."""
    if number < 0:
        raise ValueError("a CRL number is never negative")
    when = utc_now(now)
    issuing = issuer.certificates.issuing
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(issuing.subject)
        .last_update(when)
        .next_update(when + NEXT_UPDATE)
        .add_extension(x509.CRLNumber(number), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()),
            critical=False,
        )
    )
    kept = tuple(entries)
    for entry in kept:
        revoked = (
            x509.RevokedCertificateBuilder()
            .serial_number(entry.serial)
            .revocation_date(entry.revoked_at)
            .add_extension(
                x509.CRLReason(KEEP_DATA_REASON if entry.keep_data else WIPE_REASON),
                critical=False,
            )
        )
        if entry.device_id is not None:
            revoked = revoked.add_extension(
                x509.UnrecognizedExtension(
                    OID_REVOKED_DEVICE_ID,
                    encode_der(check_identifier(entry.device_id, "device id")),
                ),
                critical=False,
            )
        builder = builder.add_revoked_certificate(revoked.build())
    crl = builder.sign(issuer.key, None)
    return _parsed(crl)


def empty_revocation_list(issuer: IssuingAuthority, now: datetime | None = None) -> RevocationList:
    """The first list of a new organisation (number 1, no entries)."""
    return sign_revocation_list(issuer, (), 1, now)


def revoke(
    issuer: IssuingAuthority,
    current: RevocationList,
    *,
    serial: int,
    device_id: str | None = None,
    now: datetime | None = None,
    keep_data: bool = False,
) -> RevocationList:
    """A new list = ``current`` plus one entry, with the next CRL number.

    Passing ``device_id`` as well revokes the device as such (all its certificates);
    ``device_certificates.revoke_device`` does that from the certificates themselves.
    """
    when = utc_now(now)
    entry = RevocationEntry(
        serial=serial, revoked_at=when, device_id=device_id, keep_data=keep_data
    )
    return sign_revocation_list(issuer, (*current.entries, entry), current.number + 1, when)


def load_revocation_list(
    data: bytes,
    issuing_cert: x509.Certificate | Sequence[x509.Certificate],
    previous: RevocationList | None = None,
) -> RevocationList:
    """Parse and verify a list received from the relay.

    Refuses a list not signed by ``issuing_cert`` (or by one of several: during an
    issuing CA rotation, ``OrgCertificates.issuing_cas``), and one older than
    ``previous`` (the list the client already holds). The same number is accepted only
    for the identical list: two different lists with one number mean the issuing key is
    misused. The number carries on across a rotation.
    """
    try:
        if data.lstrip().startswith(b"-----BEGIN"):
            crl = x509.load_pem_x509_crl(data)
        else:
            crl = x509.load_der_x509_crl(data)
    except PARSE_ERRORS as exc:
        raise RevocationListError(f"the revocation list cannot be parsed ({exc})") from None
    cas = (issuing_cert,) if isinstance(issuing_cert, x509.Certificate) else tuple(issuing_cert)
    for ca in cas:
        check_ca(ca, "the issuing CA certificate")
    if not any(_signed_by(crl, ca) for ca in cas):
        raise RevocationListError("the revocation list is not signed by this organisation")
    parsed = _parsed(crl)
    if previous is not None:
        if parsed.number < previous.number:
            raise StaleRevocationList(
                f"revocation list number {parsed.number} is older than the one held "
                f"({previous.number})"
            )
        if parsed.number == previous.number and parsed.der != previous.der:
            raise StaleRevocationList(
                f"two different revocation lists carry number {parsed.number}"
            )
    return parsed


def _signed_by(crl: x509.CertificateRevocationList, ca: x509.Certificate) -> bool:
    public = ca.public_key()
    try:
        return (
            isinstance(public, ed25519.Ed25519PublicKey)
            and crl.issuer == ca.subject
            and crl.is_signature_valid(public)
        )
    except PARSE_ERRORS as exc:  # parsing is lazy: a damaged issuer name fails only here
        raise RevocationListError(f"the revocation list is malformed ({exc})") from None


def _parsed(crl: x509.CertificateRevocationList) -> RevocationList:
    try:
        number = crl.extensions.get_extension_for_class(x509.CRLNumber).value.crl_number
        entries = tuple(_entry(r) for r in crl)
    except x509.ExtensionNotFound as exc:
        raise RevocationListError(f"the revocation list is malformed ({exc})") from None
    except PARSE_ERRORS as exc:
        raise RevocationListError(f"the revocation list is malformed ({exc})") from None
    return RevocationList(
        number=number,
        entries=entries,
        issued_at=crl.last_update_utc,
        der=crl.public_bytes(serialization.Encoding.DER),
    )


def _entry(revoked: x509.RevokedCertificate) -> RevocationEntry:
    device_id = None
    keep_data = False
    for ext in revoked.extensions:
        if ext.oid == OID_REVOKED_DEVICE_ID and isinstance(ext.value, x509.UnrecognizedExtension):
            device_id = decode_der(str, ext.value.value)
        elif isinstance(ext.value, x509.CRLReason):
            keep_data = ext.value.reason is KEEP_DATA_REASON
    return RevocationEntry(
        serial=revoked.serial_number,
        revoked_at=revoked.revocation_date_utc,
        device_id=device_id,
        keep_data=keep_data,
    )
