"""Convert public keys and signatures between vodozemac's text form and raw bytes.

vodozemac hands out Ed25519/Curve25519 public keys and Ed25519 signatures as *unpadded*
standard base64 (``Account().ed25519_key.to_base64()``); certificates and
``cryptography`` want raw bytes. Decoding also accepts padded input, because people and
other tools add padding; the decoded length is always checked.
"""

from __future__ import annotations

import base64
import binascii

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519, x25519

from desktop_app.crypto.trust_errors import MalformedKey

KEY_BYTES = 32
SIGNATURE_BYTES = 64


def encode_b64(raw: bytes) -> str:
    """Unpadded standard base64, exactly as vodozemac's ``to_base64()`` prints it."""
    return base64.b64encode(raw).decode("ascii").rstrip("=")


def decode_b64(text: str, what: str = "value") -> bytes:
    """Decode unpadded (or padded) standard base64; MalformedKey on anything else."""
    stripped = text.strip().rstrip("=")
    try:
        return base64.b64decode(stripped + "=" * (-len(stripped) % 4), validate=True)
    except (binascii.Error, ValueError):
        raise MalformedKey(f"{what} is not valid base64") from None


def raw_bytes(value: str | bytes, length: int, what: str) -> bytes:
    """``value`` as raw bytes of ``length``: bytes pass through, text is base64-decoded."""
    raw = decode_b64(value, what) if isinstance(value, str) else bytes(value)
    if len(raw) != length:
        raise MalformedKey(f"{what} must be {length} bytes, got {len(raw)}")
    return raw


def ed25519_public_key(value: str | bytes | ed25519.Ed25519PublicKey) -> ed25519.Ed25519PublicKey:
    """An Ed25519 public key from raw 32 bytes, vodozemac base64, or a key object."""
    if isinstance(value, ed25519.Ed25519PublicKey):
        return value
    return ed25519.Ed25519PublicKey.from_public_bytes(
        raw_bytes(value, KEY_BYTES, "Ed25519 public key")
    )


def curve25519_public_bytes(value: str | bytes) -> bytes:
    """A Curve25519 public key as raw 32 bytes, checked to be a loadable X25519 key."""
    raw = raw_bytes(value, KEY_BYTES, "Curve25519 public key")
    x25519.X25519PublicKey.from_public_bytes(raw)
    return raw


def ed25519_raw(key: ed25519.Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
