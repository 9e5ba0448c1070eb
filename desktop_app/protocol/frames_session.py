"""Handshake and identity frames: Hello/Welcome, then Enroll or Authenticate."""

from __future__ import annotations

from desktop_app.protocol.fields import (
    Challenge,
    Count,
    EnrollmentCode,
    Identifier,
    PublicKey,
    ReqId,
    Signature,
    Text,
    TimeMs,
    Version,
    WireDeviceId,
)
from desktop_app.protocol.frame_base import FrameBase


class Hello(FrameBase, frozen=True):
    """C->R, first frame: the protocol version the client speaks and a name for logs."""

    version: Version
    client_name: Text


class Welcome(FrameBase, frozen=True):
    """R->C: version accepted (equal to Hello's), who the relay is, and a fresh challenge
    that the device signs (see `transcript`) so a signature is bound to this connection."""

    version: Version
    relay_id: Identifier
    challenge: Challenge
    server_time_ms: TimeMs


class Enroll(FrameBase, frozen=True):
    """C->R: a new device redeems a one-time enrollment code for a device certificate.

    The person is the one IT issued the code for; the device learns its uid from the
    certificate in ``Enrolled``.

    ``signature`` is the device's Ed25519 signature over `transcript.enroll_transcript`,
    proving possession of the key being certified on this very connection.
    """

    req_id: ReqId
    code: EnrollmentCode
    device_id: WireDeviceId
    curve25519: PublicKey
    ed25519: PublicKey
    device_name: Text
    signature: Signature


class Enrolled(FrameBase, frozen=True):
    """R->C: the signed device certificate, its chain up to (not including) the org root,
    and the current signed revocation list. The connection is then authenticated."""

    req_id: ReqId
    device_certificate: bytes
    chain: list[bytes]
    revocations: bytes


class Authenticate(FrameBase, frozen=True):
    """C->R: an enrolled device logs in by signing `transcript.auth_transcript`."""

    req_id: ReqId
    device_id: WireDeviceId
    signature: Signature


class Authenticated(FrameBase, frozen=True):
    """R->C: login accepted; ``pending`` envelopes wait in the mailbox and follow as
    Deliver frames."""

    req_id: ReqId
    device_id: WireDeviceId
    pending: Count


class RenewCertificate(FrameBase, frozen=True):
    """C->R: the logged-in device asks for a new certificate for the same device id and
    the same keys, because its own expires soon (docs/trust.md, Certificate lifecycle).
    Login already proved possession of the key; the relay takes the keys from the
    certificate it holds, so a renewal can never change them."""

    req_id: ReqId


class CertificateRenewed(FrameBase, frozen=True):
    """R->C: the new device certificate (same uid, device id and keys, a new serial and
    validity) and the chain up to the root, as in ``Enrolled``."""

    req_id: ReqId
    device_certificate: bytes
    chain: list[bytes]
