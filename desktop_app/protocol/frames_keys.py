"""Key and device directory frames: publish one-time keys, look up devices, claim keys
for new Olm sessions, fetch the revocation list."""

from __future__ import annotations

from desktop_app.protocol.fields import (
    Count,
    Identifier,
    PublicKey,
    ReqId,
    ReqIdOrPush,
    Signature,
    WireDeviceId,
    WireUid,
)
from desktop_app.protocol.frame_base import FrameBase


class SignedKey(FrameBase, frozen=True):
    """A one-time or fallback Curve25519 key with the device's Ed25519 signature over
    (key id, key, fallback flag); not a frame on its own. The claimer checks the
    signature against the device certificate, so the relay cannot substitute a key."""

    key_id: Identifier
    key: PublicKey
    signature: Signature


class PublishKeys(FrameBase, frozen=True):
    """C->R: new signed one-time keys and, when rotated, the signed fallback key. An
    empty publish just asks for the current count."""

    req_id: ReqId
    one_time_keys: list[SignedKey]
    fallback_key: SignedKey | None


class KeysPublished(FrameBase, frozen=True):
    """R->C: how many unclaimed one-time keys the relay now holds for this device, so
    the client knows when to replenish."""

    req_id: ReqId
    one_time_key_count: Count


class FetchDevices(FrameBase, frozen=True):
    """C->R: the device certificates of these people."""

    req_id: ReqId
    uids: list[WireUid]


class Devices(FrameBase, frozen=True):
    """R->C: uid -> its devices' certificates. Unknown uids are absent; the client
    verifies every certificate itself and trusts none on the relay's word."""

    req_id: ReqId
    certificates: dict[WireUid, list[bytes]]


class ClaimKeys(FrameBase, frozen=True):
    """C->R: take one one-time key (or the fallback key) of each device, to start Olm
    sessions with them."""

    req_id: ReqId
    device_ids: list[WireDeviceId]


class ClaimedKey(FrameBase, frozen=True):
    """One device's claimed key with its certificate; not a frame on its own."""

    device_id: WireDeviceId
    certificate: bytes
    one_time_key: SignedKey | None
    fallback_key: SignedKey | None


class ClaimedKeys(FrameBase, frozen=True):
    """R->C: device id -> claimed key. Unknown or revoked devices are absent."""

    req_id: ReqId
    keys: dict[WireDeviceId, ClaimedKey]


class FetchRevocations(FrameBase, frozen=True):
    """C->R: the current signed revocation list."""

    req_id: ReqId


class Revocations(FrameBase, frozen=True):
    """R->C: the signed revocation list, as reply (req_id of FetchRevocations) or pushed
    unsolicited with req_id 0 whenever IT revokes a device."""

    req_id: ReqIdOrPush
    crl: bytes
