"""SHA-256 fingerprints of public keys, and their human-readable form.

We hash the SubjectPublicKeyInfo (SPKI) DER, not the whole certificate: the key is what
is trusted, so a root certificate re-issued with a new validity period (same key) keeps
its fingerprint, and the same function yields the relay TLS key hash that zeroconf
descriptors carry (issue 4). People compare fingerprints by eye or read them over the
phone, hence upper-case hex in groups of four; parsing accepts what people type or copy
(spaces, colons, dashes, lower case).
"""

from __future__ import annotations

import hashlib
import hmac
import string

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from desktop_app.crypto.trust_errors import FingerprintError

DIGEST_BYTES = 32
GROUP = 4
_SEPARATORS = str.maketrans("", "", " :-\t\n\r")
_HEX = frozenset(string.hexdigits)


def spki_sha256(cert: x509.Certificate) -> bytes:
    """SHA-256 of the certificate's SubjectPublicKeyInfo DER (32 bytes)."""
    spki = cert.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return hashlib.sha256(spki).digest()


def org_fingerprint(root_cert: x509.Certificate) -> bytes:
    """The organisation fingerprint: SPKI SHA-256 of the root CA certificate."""
    return spki_sha256(root_cert)


def format_fingerprint(digest: bytes) -> str:
    """``'3F2A 91C0 …'``: upper-case hex, groups of four separated by single spaces."""
    if len(digest) != DIGEST_BYTES:
        raise FingerprintError(f"a fingerprint has {DIGEST_BYTES} bytes, not {len(digest)}")
    text = digest.hex().upper()
    return " ".join(text[i : i + GROUP] for i in range(0, len(text), GROUP))


def parse_fingerprint(text: str) -> bytes:
    """Read a fingerprint as typed or pasted; ignores spaces, colons, dashes and case."""
    compact = text.translate(_SEPARATORS)
    if not compact or not set(compact) <= _HEX:
        raise FingerprintError("a fingerprint contains only hex digits 0-9 and A-F")
    if len(compact) != 2 * DIGEST_BYTES:
        raise FingerprintError(
            f"a fingerprint has {2 * DIGEST_BYTES} hex digits, this one has {len(compact)}"
        )
    return bytes.fromhex(compact)


def fingerprints_match(a: bytes | str, b: bytes | str) -> bool:
    """True if both denote the same fingerprint; text forms are parsed leniently."""
    da = parse_fingerprint(a) if isinstance(a, str) else a
    db = parse_fingerprint(b) if isinstance(b, str) else b
    return len(da) == DIGEST_BYTES and hmac.compare_digest(da, db)


DEVICE_KEY_FINGERPRINT_GROUPS = 8  # 128 bits: enough for IT and the person to compare aloud


def device_key_fingerprint(ed25519_raw: bytes) -> str:
    """SHA-256 of a device's raw Ed25519 key, first 8 groups of 4 hex digits.

    The waiting device shows it and ``admin sign-enrollments`` prints it, so IT can
    check that the request it signs is the one the person's PC made (offline issuing).
    """
    return " ".join(
        format_fingerprint(hashlib.sha256(ed25519_raw).digest()).split()[
            :DEVICE_KEY_FINGERPRINT_GROUPS
        ]
    )
