"""The bytes a device signs to prove itself on one connection (Enroll, Authenticate).

Signing and verifying happen in the crypto layer; this module only fixes *what* is
signed, identically on client and relay. Each transcript starts with its own context
string (so an enrollment signature can never pass as a login signature, or as anything
else the device's Ed25519 key signs), then every field with a 4-byte big-endian length
prefix (so no two different field lists give the same bytes). The relay's fresh
32-byte challenge and its relay id bind the signature to this connection and relay.
"""

from __future__ import annotations

from typing import Final

from desktop_app.protocol.limits import CHALLENGE_BYTES

AUTH_CONTEXT: Final = b"WardLink protocol v1 authenticate"
ENROLL_CONTEXT: Final = b"WardLink protocol v1 enroll"


def _length_prefixed(*fields: bytes) -> bytes:
    return b"".join(len(field).to_bytes(4, "big") + field for field in fields)


def _checked(challenge: bytes) -> bytes:
    if len(challenge) != CHALLENGE_BYTES:
        raise ValueError(f"challenge must be {CHALLENGE_BYTES} bytes, got {len(challenge)}")
    return bytes(challenge)


def auth_transcript(challenge: bytes, relay_id: str, device_id: str) -> bytes:
    """What Authenticate.signature signs: context, challenge, relay id, device id."""
    return _length_prefixed(
        AUTH_CONTEXT, _checked(challenge), relay_id.encode(), device_id.encode()
    )


def enroll_transcript(
    challenge: bytes,
    relay_id: str,
    device_id: str,
    *,
    curve25519: str,
    ed25519: str,
) -> bytes:
    """What Enroll.signature signs: like `auth_transcript` under its own context, plus
    both public keys, so the Ed25519 key vouches for the Curve25519 key that the
    certificate will bind to it. The uid is not the device's to claim: the relay takes
    it from the enrollment code IT issued, and the device reads it from its new
    certificate. The code is not signed: it is a secret and travels in the frame."""
    return _length_prefixed(
        ENROLL_CONTEXT,
        _checked(challenge),
        relay_id.encode(),
        device_id.encode(),
        curve25519.encode(),
        ed25519.encode(),
    )
