"""Device login: check a device's Ed25519 signature over the relay's challenge transcript.

The protocol layer builds the transcript (``auth_transcript(challenge, relay_id,
device_id)``) so that a signature cannot be replayed to another relay, device or
challenge; this module only verifies, with ``cryptography``'s Ed25519. Devices sign with
their vodozemac ``Account.sign``; keys and signatures may arrive as vodozemac's unpadded
base64 or as raw bytes. ``authenticate_device`` is the relay's whole check: certificate,
revocation, then the signature under the certified key.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from cryptography import x509
from cryptography.exceptions import InvalidSignature

from desktop_app.crypto.device_certificates import DeviceIdentity, verify_device_certificate
from desktop_app.crypto.keyformat import SIGNATURE_BYTES, ed25519_public_key, raw_bytes
from desktop_app.crypto.revocation import RevocationList
from desktop_app.crypto.trust_errors import InvalidDeviceSignature


def verify_device_signature(
    ed25519_public_key_b64_or_bytes: str | bytes,
    transcript: bytes,
    signature: str | bytes,
) -> None:
    """Return if ``signature`` is the device's signature over ``transcript``; else raise.

    MalformedKey for a key or signature of the wrong encoding or length,
    InvalidDeviceSignature if it does not verify.
    """
    key = ed25519_public_key(ed25519_public_key_b64_or_bytes)
    sig = raw_bytes(signature, SIGNATURE_BYTES, "Ed25519 signature")
    try:
        key.verify(sig, transcript)
    except InvalidSignature:
        raise InvalidDeviceSignature(
            "the device's signature over the login challenge does not verify"
        ) from None


def authenticate_device(
    cert_der: bytes | x509.Certificate,
    issuing_cert: x509.Certificate | Sequence[x509.Certificate],
    root_cert: x509.Certificate,
    revocations: RevocationList,
    transcript: bytes,
    signature: str | bytes,
    now: datetime | None = None,
) -> DeviceIdentity:
    """The relay's login check: a trusted, unrevoked device that signed this transcript."""
    identity = verify_device_certificate(cert_der, issuing_cert, root_cert, revocations, now)
    verify_device_signature(identity.ed25519, transcript, signature)
    return identity
