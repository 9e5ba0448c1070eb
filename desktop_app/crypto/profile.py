"""Names and numbers of WardLink's certificate profiles, in one place (see docs/trust.md).

Private OIDs live under a UUID arc (ITU-T X.667 / RFC 4122: ``2.25.<uuid as integer>``),
which needs no registration and cannot collide with anyone else's. The UUID was drawn
once with uuid4 for WardLink: 332328af-ff47-4d69-a961-92335959629f.
"""

from __future__ import annotations

import re
from datetime import timedelta

from cryptography import x509

from desktop_app.crypto.trust_errors import InvalidIdentifier

WARDLINK_OID_ARC = "2.25.67973183415396891357136901318861480607"

# Certificate extension (non-critical) on device certificates: the device's Curve25519
# identity key as a DER OCTET STRING of exactly 32 bytes.
OID_DEVICE_CURVE25519 = x509.ObjectIdentifier(WARDLINK_OID_ARC + ".1")

# CRL entry extension (non-critical): the revoked device's id as a DER UTF8String, so a
# revocation covers every certificate ever issued to that device, not just one serial.
OID_REVOKED_DEVICE_ID = x509.ObjectIdentifier(WARDLINK_OID_ARC + ".2")

# CA certificate extension (non-critical, value DER NULL) on the relay's online issuing CA
# in offline-issuing mode: "this CA must not certify devices". Clients refuse every device
# certificate issued by a CA that carries it (DeviceVerifier), so the key the running
# relay holds cannot make a device that anyone encrypts to. Only the root can add or
# remove it, and the root key is not on the relay host in that mode (docs/trust.md).
OID_NO_DEVICE_CERTIFICATES = x509.ObjectIdentifier(WARDLINK_OID_ARC + ".3")

# A relay certificate carries the SAN URI ``wardlink:relay:<relay_id>``; nothing else does.
RELAY_URI_PREFIX = "wardlink:relay:"

ROOT_VALIDITY = timedelta(days=20 * 365)
ISSUING_VALIDITY = timedelta(days=10 * 365)
RELAY_VALIDITY = timedelta(days=2 * 365)
DEVICE_VALIDITY = timedelta(days=2 * 365)
# A logged-in device asks for a new certificate (same keys) once its own expires within
# this; the relay refuses earlier requests, so a device cannot mint certificates at will.
RENEWAL_WINDOW = timedelta(days=60)
# The relay's log and the app warn this long before a certificate they depend on expires.
EXPIRY_WARNING = timedelta(days=30)
# Every certificate's notBefore is backdated by this much, so a ward PC whose clock is up
# to a day behind the relay's (dead CMOS battery, no NTP) still accepts what the relay
# issues "now": its own device certificate, new colleagues', a relay's TLS certificate
# (checked by OpenSSL in the handshake, where no tolerance can be added). Starting early
# is harmless: expiry (notAfter) and revocation are what limit a certificate.
CLOCK_SKEW = timedelta(hours=25)

# X.509 caps a commonName at 64 (ub-common-name), and cryptography counts UTF-8 bytes:
# org names, relay ids and device ids are CNs, so they get at most 64 bytes. (Device ids
# are 22-character tokens in practice; the wire format allows 128, see docs/trust.md.)
# A uid is a UID attribute, which has no such bound; 128 characters as on the wire. A
# relay id goes into a URI, so it keeps to unreserved URI characters.
MAX_CN_BYTES = 64
MAX_UID_LENGTH = 128
RELAY_ID_PATTERN = re.compile(r"[A-Za-z0-9._~-]+")


def check_identifier(value: str, what: str, max_length: int | None = None) -> str:
    """Return ``value`` if it is a usable name; else InvalidIdentifier.

    Without ``max_length`` the value must fit a commonName (1 to 64 UTF-8 bytes); with it,
    1 to ``max_length`` characters. Control characters and surrounding spaces are refused.
    """
    if max_length is None:
        if not value or len(value.encode("utf-8")) > MAX_CN_BYTES:
            raise InvalidIdentifier(
                f"{what} must have 1 to {MAX_CN_BYTES} bytes in UTF-8 (letters like ä count "
                f"twice): {value!r}"
            )
    elif not value or len(value) > max_length:
        raise InvalidIdentifier(f"{what} must have 1 to {max_length} characters: {value!r}")
    if not value.isprintable() or value != value.strip():
        raise InvalidIdentifier(
            f"{what} may not contain control characters or surrounding spaces: {value!r}"
        )
    return value


def check_relay_id(value: str) -> str:
    check_identifier(value, "relay id")
    if not RELAY_ID_PATTERN.fullmatch(value):
        raise InvalidIdentifier(f"relay id may use only letters, digits and . _ ~ - : {value!r}")
    return value
