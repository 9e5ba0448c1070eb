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

# A relay certificate carries the SAN URI ``wardlink:relay:<relay_id>``; nothing else does.
RELAY_URI_PREFIX = "wardlink:relay:"

ROOT_VALIDITY = timedelta(days=20 * 365)
ISSUING_VALIDITY = timedelta(days=10 * 365)
RELAY_VALIDITY = timedelta(days=2 * 365)
DEVICE_VALIDITY = timedelta(days=2 * 365)
# Backdating notBefore a little tolerates ward PCs whose clocks run a few minutes slow.
CLOCK_SKEW = timedelta(minutes=5)

# X.509 caps a commonName at 64 characters (ub-common-name); org names and device ids are
# CNs. A relay id goes into a URI, so it keeps to unreserved URI characters.
MAX_CN_LENGTH = 64
MAX_UID_LENGTH = 128
RELAY_ID_PATTERN = re.compile(r"[A-Za-z0-9._~-]+")


def check_identifier(value: str, what: str, max_length: int = MAX_CN_LENGTH) -> str:
    """Return ``value`` if it is 1..max_length printable characters; else InvalidIdentifier."""
    if not value or len(value) > max_length:
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
