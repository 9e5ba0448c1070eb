"""End-to-end encryption on vodozemac: device account, Olm, Megolm, payloads.

Pure layer: it is handed a ``PickleStore`` and the container's 32-byte pickle key and
does no I/O of its own. See docs/e2e.md for what is encrypted how and what is stored.
"""

from desktop_app.crypto.e2e.account import DeviceAccount
from desktop_app.crypto.e2e.keys import IdentityKeys, SignedKey, verify_signature, verify_signed_key
from desktop_app.crypto.e2e.megolm_inbound import GroupPlaintext, MegolmInbound
from desktop_app.crypto.e2e.megolm_outbound import (
    MegolmCiphertext,
    MegolmOutbound,
    SharePlan,
    member_devices,
)
from desktop_app.crypto.e2e.olm_sessions import OlmCiphertext, OlmSessions
from desktop_app.crypto.e2e.payloads import Control, RoomKey, decode_payload, encode_payload
from desktop_app.crypto.e2e.rotation import MemberDevice, RotationPolicy, RotationReason
from desktop_app.crypto.e2e.sharing import (
    RoomKeyShare,
    accept_room_key,
    receive_from_device,
    send_to_device,
    share_room_key,
)
from desktop_app.crypto.e2e.store import PickleStore

__all__ = [
    "Control",
    "DeviceAccount",
    "GroupPlaintext",
    "IdentityKeys",
    "MegolmCiphertext",
    "MegolmInbound",
    "MegolmOutbound",
    "MemberDevice",
    "OlmCiphertext",
    "OlmSessions",
    "PickleStore",
    "RoomKey",
    "RoomKeyShare",
    "RotationPolicy",
    "RotationReason",
    "SharePlan",
    "SignedKey",
    "accept_room_key",
    "decode_payload",
    "encode_payload",
    "member_devices",
    "receive_from_device",
    "send_to_device",
    "share_room_key",
    "verify_signature",
    "verify_signed_key",
]
