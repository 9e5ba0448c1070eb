"""One-time enrollment codes that also pin the organisation.

A code is ``WL1-`` followed by 16 groups of 5 base32 characters (RFC 4648 alphabet
A-Z, 2-7), encoding 50 bytes:

    secret (16 bytes, from ``secrets``) | org fingerprint (32 bytes) | check (2 bytes)

``check`` is the first two bytes of SHA-256("wardlink-enroll-v1" | secret | fingerprint),
so a mistyped code is caught on the client before any network traffic (all but 1 in
65,536 random typos). Carrying the full fingerprint lets a fresh client refuse a relay
of any other organisation before it reveals the secret. Parsing is lenient about case,
spaces, dashes and the look-alikes 0/O and 1/I. The relay stores only
``secret_hash`` = SHA-256(secret), never the code.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from desktop_app.crypto.fingerprint import DIGEST_BYTES, format_fingerprint
from desktop_app.crypto.trust_errors import (
    CodeCharacter,
    CodeCheckDigits,
    CodeLength,
    CodeOfOtherVersion,
    CodeWithoutPrefix,
)

PREFIX = "WL1"
SECRET_BYTES = 16
CHECK_BYTES = 2
PAYLOAD_BYTES = SECRET_BYTES + DIGEST_BYTES + CHECK_BYTES  # 50 bytes = 80 base32 chars
GROUP = 5
_CHECK_CONTEXT = b"wardlink-enroll-v1"
_IGNORED = str.maketrans("", "", " -\t\n\r")


@dataclass(frozen=True, slots=True)
class EnrollmentCode:
    """A parsed code: the one-time secret and the fingerprint of the org it belongs to."""

    secret: bytes
    org_fingerprint: bytes

    @property
    def secret_hash(self) -> bytes:
        """SHA-256 of the secret: what the relay stores and looks the code up by."""
        return hash_secret(self.secret)

    @property
    def org_fingerprint_text(self) -> str:
        return format_fingerprint(self.org_fingerprint)

    def text(self) -> str:
        """The code as shown to IT and typed by the user."""
        payload = self.secret + self.org_fingerprint + _check(self.secret, self.org_fingerprint)
        body = base64.b32encode(payload).decode("ascii")
        groups = [body[i : i + GROUP] for i in range(0, len(body), GROUP)]
        return "-".join([PREFIX, *groups])


def hash_secret(secret: bytes) -> bytes:
    """SHA-256 of an enrollment secret; the relay hashes what a device presents."""
    return hashlib.sha256(secret).digest()


def new_code(org_fingerprint: bytes) -> tuple[str, bytes]:
    """A fresh code for the org; returns (code text for the user, secret hash to store)."""
    if len(org_fingerprint) != DIGEST_BYTES:
        raise ValueError(f"an org fingerprint has {DIGEST_BYTES} bytes")
    code = EnrollmentCode(secrets.token_bytes(SECRET_BYTES), bytes(org_fingerprint))
    return code.text(), code.secret_hash


def parse_code(text: str) -> EnrollmentCode:
    """Read a typed or pasted code; EnrollmentCodeError says what is wrong with it."""
    compact = text.translate(_IGNORED).upper()
    if not compact.startswith(PREFIX):
        if compact.startswith("WL"):
            raise CodeOfOtherVersion(
                "this enrollment code is from another WardLink version (expected WL1-…)"
            )
        raise CodeWithoutPrefix("an enrollment code starts with WL1-")
    body = compact[len(PREFIX) :]
    expected = len(base64.b32encode(bytes(PAYLOAD_BYTES)))
    if len(body) != expected:
        raise CodeLength(
            f"the enrollment code has {len(body)} characters after WL1-, expected {expected}: "
            "a part is missing or doubled",
            found=len(body),
            expected=expected,
        )
    try:
        payload = base64.b32decode(body, map01="I")
    except (binascii.Error, ValueError):
        raise CodeCharacter(
            "the enrollment code contains a character that cannot occur (only A-Z and 2-7)"
        ) from None
    secret = payload[:SECRET_BYTES]
    fingerprint = payload[SECRET_BYTES : SECRET_BYTES + DIGEST_BYTES]
    if not hmac.compare_digest(payload[-CHECK_BYTES:], _check(secret, fingerprint)):
        raise CodeCheckDigits("the enrollment code has a typo (its check digits do not match)")
    return EnrollmentCode(secret, fingerprint)


def _check(secret: bytes, fingerprint: bytes) -> bytes:
    return hashlib.sha256(_CHECK_CONTEXT + secret + fingerprint).digest()[:CHECK_BYTES]
