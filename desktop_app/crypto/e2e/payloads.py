"""What travels inside Olm: room keys and control messages, versioned and strictly typed.

Every Olm plaintext is one ``OlmPayload``: a version, the sender and recipient device
ids, the recipient's Ed25519 key, and the content. The addressing fields are checked
against what the Olm channel proved (the session is with the sender's Curve25519 key,
and only we can decrypt), so a payload decrypted from device A that claims to come from
device B, or one meant for another device, is refused. Nothing else in a payload is
trusted: e.g. ``RoomKey.sender_ed25519`` must equal the certificate's key of the device
whose Olm session delivered it (``MegolmInbound.add_room_key`` checks that).

Decoding is msgspec-msgpack with unknown fields forbidden and every field bounded.
"""

from __future__ import annotations

from typing import Annotated, Final, Literal

import msgspec

from desktop_app.crypto.e2e.errors import PayloadError
from desktop_app.domain.ids import VISIBLE_ID_PATTERN

PAYLOAD_VERSION: Final = 1
MAX_ID_CHARS: Final = 256
MAX_KEY_CHARS: Final = 128  # base64 keys and signatures are 43-86 characters
MAX_SESSION_KEY_CHARS: Final = 1024  # a Megolm session key is 306 characters today
MAX_CONTROL_BYTES: Final = 64 * 1024
MAX_PAYLOAD_BYTES: Final = MAX_CONTROL_BYTES + 4 * 1024
MAX_GROUP_CONTENT_BYTES: Final = 1024 * 1024  # a message body, never an attachment body

Id = Annotated[str, msgspec.Meta(min_length=1, max_length=MAX_ID_CHARS)]
Key = Annotated[str, msgspec.Meta(min_length=1, max_length=MAX_KEY_CHARS)]
ConversationRef = Annotated[
    str, msgspec.Meta(min_length=1, max_length=MAX_ID_CHARS, pattern=VISIBLE_ID_PATTERN)
]
"""A conversation id a peer names: visible ASCII, like every id a peer chooses in
content (protocol/fields.py ``ChosenId``), so a key for one no message can name is
refused before it is stored or logged."""


class RoomKey(
    msgspec.Struct, frozen=True, forbid_unknown_fields=True, tag="room_key", tag_field="type"
):
    """A Megolm session key for one conversation, from the device that encrypts with it."""

    conversation_id: ConversationRef
    session_id: Key  # must be the session key's own id (MegolmInbound.add_room_key)
    session_key: Annotated[str, msgspec.Meta(min_length=1, max_length=MAX_SESSION_KEY_CHARS)]
    sender_ed25519: Key


class Control(
    msgspec.Struct, frozen=True, forbid_unknown_fields=True, tag="control", tag_field="type"
):
    """A device-to-device control message for the client services (membership changes,
    receipts, ...); ``body`` is theirs to define and decode, just as strictly."""

    name: Annotated[str, msgspec.Meta(pattern=r"\A[a-z][a-z0-9_.-]{0,63}\Z")]
    body: Annotated[bytes, msgspec.Meta(max_length=MAX_CONTROL_BYTES)]


Content = RoomKey | Control


class OlmPayload(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    v: Literal[1]
    sender_device_id: Id
    recipient_device_id: Id
    recipient_ed25519: Key
    content: Content


_ENCODER = msgspec.msgpack.Encoder()
_DECODER = msgspec.msgpack.Decoder(OlmPayload)


def encode_payload(
    content: Content, *, sender_device_id: str, recipient_device_id: str, recipient_ed25519: str
) -> bytes:
    """The Olm plaintext for ``content`` addressed from us to one recipient device."""
    payload = OlmPayload(
        v=PAYLOAD_VERSION,
        sender_device_id=sender_device_id,
        recipient_device_id=recipient_device_id,
        recipient_ed25519=recipient_ed25519,
        content=content,
    )
    data = _ENCODER.encode(payload)
    if len(data) > MAX_PAYLOAD_BYTES:
        raise PayloadError(f"Payload of {len(data)} bytes exceeds {MAX_PAYLOAD_BYTES}.")
    return data


def decode_payload(
    data: bytes, *, sender_device_id: str, own_device_id: str, own_ed25519: str
) -> Content:
    """Decode an Olm plaintext from ``sender_device_id`` (whose session decrypted it)."""
    if len(data) > MAX_PAYLOAD_BYTES:
        raise PayloadError(f"Payload of {len(data)} bytes exceeds {MAX_PAYLOAD_BYTES}.")
    try:
        payload = _DECODER.decode(data)
    except msgspec.DecodeError as exc:
        # msgspec names the field and the expected type, never the payload's text.
        raise PayloadError(
            f"Malformed or unsupported payload from device {sender_device_id}: {exc}"
        ) from exc
    if payload.sender_device_id != sender_device_id:
        raise PayloadError(
            f"Payload decrypted from device {sender_device_id} claims to come from "
            f"{payload.sender_device_id}; refused."
        )
    if payload.recipient_device_id != own_device_id or payload.recipient_ed25519 != own_ed25519:
        raise PayloadError(
            f"Payload from device {sender_device_id} is addressed to another device; refused."
        )
    return payload.content


class GroupContent(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """The plaintext inside every Megolm message: the content, bound to its conversation
    and sending device under the session's signature.

    Another member holds the same session key and could re-send our ciphertext from
    their own device or claim the session as theirs; they cannot change these fields,
    so ``MegolmInbound`` refuses such a message instead of misattributing it.
    """

    v: Literal[1]
    conversation_id: Id
    sender_device_id: Id
    body: Annotated[bytes, msgspec.Meta(max_length=MAX_GROUP_CONTENT_BYTES)]


_GROUP_DECODER = msgspec.msgpack.Decoder(GroupContent)


def encode_group_content(body: bytes, *, conversation_id: str, sender_device_id: str) -> bytes:
    if len(body) > MAX_GROUP_CONTENT_BYTES:
        raise PayloadError(
            f"Group message of {len(body)} bytes exceeds {MAX_GROUP_CONTENT_BYTES}; "
            "large content travels as an encrypted attachment."
        )
    return _ENCODER.encode(GroupContent(PAYLOAD_VERSION, conversation_id, sender_device_id, body))


def decode_group_content(data: bytes) -> GroupContent:
    try:
        return _GROUP_DECODER.decode(data)
    except msgspec.DecodeError as exc:
        raise PayloadError(f"Malformed or unsupported group message content: {exc}") from exc
