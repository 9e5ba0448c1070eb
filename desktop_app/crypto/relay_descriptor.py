"""The signed relay descriptor that travels in the zeroconf TXT record (issue 4).

Zeroconf is unauthenticated: anyone on the LAN can advertise ``_wardlink._tcp.local.``.
So the relay advertises, next to its id, a descriptor signed by the organisation's
issuing key (which the relay holds unwrapped while serving). A client keeps only adverts
whose descriptor verifies under its *pinned* issuing certificate and has not expired, and
after the TLS handshake demands that the peer's SPKI hash is the one in the descriptor.

Wire format (``DESCRIPTOR_BYTES`` = 103 bytes, big-endian)::

    version (1) = 1 | port (2) | expires, Unix seconds (4) | SPKI SHA-256 (32)
    | Ed25519 signature (64)

The relay id is *not* repeated inside (it is in the TXT ``id`` key) but it is signed:
the signature covers ``SIGNING_CONTEXT | len(relay id) (1) | relay id | the first 39
bytes``. Keeping the id out of the blob keeps the whole TXT record under 200 bytes
(RFC 6763 section 6.2) for every legal relay id (at most 64 bytes): see ``txt_size``.

Pure: no sockets, no clock of its own (callers pass ``now``).
"""

from __future__ import annotations

import hmac
import struct
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric import ed25519

from desktop_app.crypto.org import IssuingAuthority, OrgCertificates
from desktop_app.crypto.profile import check_relay_id
from desktop_app.crypto.trust_errors import InvalidIdentifier, TrustError

DESCRIPTOR_VERSION = 1
SIGNING_CONTEXT = b"wardlink-relay-descriptor-v1\x00"
_BODY = struct.Struct(">BHI32s")  # version, port, expires, spki sha-256
SIGNATURE_BYTES = 64
DESCRIPTOR_BYTES = _BODY.size + SIGNATURE_BYTES  # 103
DEFAULT_LIFETIME = timedelta(hours=24)
MAX_LIFETIME = timedelta(days=30)  # a descriptor valid longer than this is refused
MAX_TXT_BYTES = 200  # RFC 6763 section 6.2: keep the whole TXT record below this

# TXT keys
TXT_VERSION = b"v"
TXT_RELAY_ID = b"id"
TXT_DESCRIPTOR = b"d"
PROTOCOL_TXT_VERSION = b"1"


class DescriptorError(TrustError):
    """An advertised descriptor is malformed, expired, or not signed by the organisation."""


@dataclass(frozen=True, slots=True)
class RelayDescriptor:
    """What the organisation vouches for: this relay id, on this port, with this TLS key."""

    relay_id: str
    port: int
    spki_sha256: bytes
    expires: datetime

    def signed_bytes(self) -> bytes:
        return _signed_message(self.relay_id, self._body())

    def _body(self) -> bytes:
        return _BODY.pack(
            DESCRIPTOR_VERSION, self.port, int(self.expires.timestamp()), self.spki_sha256
        )

    def matches_spki(self, spki_sha256: bytes) -> bool:
        return hmac.compare_digest(self.spki_sha256, spki_sha256)


def sign_descriptor(
    issuer: IssuingAuthority,
    relay_id: str,
    port: int,
    spki_sha256: bytes,
    now: datetime,
    lifetime: timedelta = DEFAULT_LIFETIME,
) -> bytes:
    """The 103-byte signed descriptor for the TXT ``d`` key."""
    _check_fields(relay_id, port, spki_sha256)
    if not timedelta(0) < lifetime <= MAX_LIFETIME:
        raise DescriptorError(f"descriptor lifetime must be between 0 and {MAX_LIFETIME}")
    expires = datetime.fromtimestamp(int((now + lifetime).timestamp()), UTC)
    body = RelayDescriptor(relay_id, port, spki_sha256, expires)._body()
    return body + issuer.key.sign(_signed_message(relay_id, body))


def verify_descriptor(
    blob: bytes, relay_id: str, org: OrgCertificates, now: datetime
) -> RelayDescriptor:
    """Check ``blob`` (TXT ``d``) for ``relay_id`` (TXT ``id``) against the pinned org.

    Raises ``DescriptorError`` with a one-line reason: wrong size or version, a
    signature that is not the org's issuing key's, expired, or valid implausibly long.
    """
    if len(blob) != DESCRIPTOR_BYTES:
        raise DescriptorError(f"descriptor has {len(blob)} bytes, expected {DESCRIPTOR_BYTES}")
    try:
        check_relay_id(relay_id)
    except InvalidIdentifier as exc:
        raise DescriptorError(f"advertised relay id is not valid: {exc}") from None
    body, signature = blob[: _BODY.size], blob[_BODY.size :]
    version, port, expires_s, spki = _BODY.unpack(body)
    if version != DESCRIPTOR_VERSION:
        raise DescriptorError(f"descriptor version {version} is not supported")
    if not any(_signed_by(ca, signature, relay_id, body) for ca in org.issuing_cas):
        raise DescriptorError("descriptor is not signed by your organisation")
    expires = datetime.fromtimestamp(expires_s, UTC)
    if expires <= now:
        raise DescriptorError(f"descriptor expired at {expires:%Y-%m-%dT%H:%M:%SZ}")
    if expires - now > MAX_LIFETIME:
        raise DescriptorError("descriptor claims a validity longer than 30 days")
    if port == 0:
        raise DescriptorError("descriptor names port 0")
    return RelayDescriptor(relay_id, port, spki, expires)


def _signed_by(ca: x509.Certificate, signature: bytes, relay_id: str, body: bytes) -> bool:
    """Any pinned issuing CA (several during an issuing CA rotation) may have signed it."""
    key = ca.public_key()
    if not isinstance(key, ed25519.Ed25519PublicKey):
        return False
    try:
        key.verify(signature, _signed_message(relay_id, body))
    except InvalidSignature:
        return False
    return True


def txt_properties(relay_id: str, blob: bytes) -> dict[bytes, bytes]:
    """The TXT record's key/value pairs: protocol version, relay id, signed descriptor."""
    return {
        TXT_VERSION: PROTOCOL_TXT_VERSION,
        TXT_RELAY_ID: relay_id.encode("ascii"),
        TXT_DESCRIPTOR: blob,
    }


def txt_size(properties: dict[bytes, bytes]) -> int:
    """Bytes of the TXT RDATA: one length byte plus ``key=value`` per pair."""
    return sum(1 + len(k) + 1 + len(v) for k, v in properties.items())


def _check_fields(relay_id: str, port: int, spki_sha256: bytes) -> None:
    check_relay_id(relay_id)
    if not 0 < port < 65536:
        raise DescriptorError(f"port {port} is not a TCP port")
    if len(spki_sha256) != 32:
        raise DescriptorError("the SPKI hash must be 32 bytes (SHA-256)")


def _signed_message(relay_id: str, body: bytes) -> bytes:
    rid = relay_id.encode("ascii")
    return SIGNING_CONTEXT + bytes([len(rid)]) + rid + body
