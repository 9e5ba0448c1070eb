"""Public keys and signatures as the rest of WardLink passes them: unpadded base64.

vodozemac parses and checks the keys; this module only turns its exceptions into typed
errors and adds the one signing convention the layer defines (signed one-time keys).
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from typing import Final

import vodozemac as vz

from desktop_app.crypto.e2e.errors import InvalidKey, InvalidSignature

ED25519_SIGNATURE_BYTES: Final = 64
# Domain separation: a one-time-key signature can never be replayed as any other signature.
_OTK_CONTEXT: Final = b"wardlink-one-time-key-v1"


@dataclass(frozen=True, slots=True)
class IdentityKeys:
    """A device's long-term public keys, unpadded base64 (what certificates bind)."""

    curve25519: str
    ed25519: str


@dataclass(frozen=True, slots=True)
class SignedKey:
    """A one-time or fallback Curve25519 key as uploaded to the relay, signed by the device.

    The claimer checks the signature against the device certificate's Ed25519 key with
    ``verify_signed_key`` before using the key, so the relay cannot substitute its own.
    """

    key_id: str
    key: str
    fallback: bool
    signature: str


def b64encode(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii").rstrip("=")


def b64decode(text: str, what: str) -> bytes:
    try:
        return base64.b64decode(text + "=" * (-len(text) % 4), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise InvalidKey(f"The {what} is not valid base64.") from exc


def parse_curve25519(key: str) -> vz.Curve25519PublicKey:
    try:
        return vz.Curve25519PublicKey.from_base64(key)
    except (vz.KeyException, ValueError, TypeError) as exc:
        raise InvalidKey(f"Not a Curve25519 public key: {key!r:.60}") from exc


def parse_ed25519(key: str) -> vz.Ed25519PublicKey:
    try:
        return vz.Ed25519PublicKey.from_base64(key)
    except (vz.KeyException, ValueError, TypeError) as exc:
        raise InvalidKey(f"Not an Ed25519 public key: {key!r:.60}") from exc


def verify_signature(ed25519: str, message: bytes, signature: bytes) -> None:
    """Raise ``InvalidSignature`` unless ``signature`` (64 raw bytes) signs ``message``."""
    public = parse_ed25519(ed25519)
    if len(signature) != ED25519_SIGNATURE_BYTES:
        raise InvalidSignature(f"An Ed25519 signature is 64 bytes, got {len(signature)}.")
    try:
        public.verify_signature(message, vz.Ed25519Signature.from_base64(b64encode(signature)))
    except (vz.SignatureException, vz.KeyException, ValueError) as exc:
        raise InvalidSignature(f"The signature does not verify for device key {ed25519}.") from exc


def signed_key_message(key_id: str, key: str, fallback: bool) -> bytes:
    """The exact bytes a device signs for one of its one-time or fallback keys."""
    kind = b"fallback" if fallback else b"one-time"
    return b"|".join([_OTK_CONTEXT, kind, key_id.encode(), key.encode()])


def verify_signed_key(device_ed25519: str, signed: SignedKey) -> str:
    """Check a claimed key's signature; return the Curve25519 key to open a session with."""
    signature = b64decode(signed.signature, "one-time key signature")
    verify_signature(
        device_ed25519, signed_key_message(signed.key_id, signed.key, signed.fallback), signature
    )
    parse_curve25519(signed.key)
    return signed.key
