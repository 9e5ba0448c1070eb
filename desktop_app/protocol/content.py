"""What travels end-to-end inside an envelope, between devices; the relay sees none of it.

An envelope (``SendEnvelope``) carries:

* ``payload``: an ``EnvelopeBody`` with the Megolm ciphertext of one ``Content`` value
  for a conversation (same bytes for every recipient);
* ``per_device[device]``: an ``OlmPart`` with an Olm message for that device only (the
  conversation's room key when it was new to that device).

Decoding is strict (unknown fields and versions are refused) and bounded; whatever a
peer sends is trusted only as far as the Megolm/Olm layer proved who sent it.
"""

from __future__ import annotations

from typing import Annotated, Final, Literal

import msgspec

from desktop_app.protocol.content_files import DocumentVersion as DocumentVersion
from desktop_app.protocol.content_teamwork import CalendarBatch as CalendarBatch
from desktop_app.protocol.content_teamwork import CalendarChange as CalendarChange
from desktop_app.protocol.content_teamwork import TaskChange as TaskChange
from desktop_app.protocol.fields import ChosenId, DirectoryId

CONTENT_VERSION: Final = 1
MAX_TEXT_CHARS: Final = 16_000
MAX_TITLE_CHARS: Final = 200
MAX_MEMBERS: Final = 500
MAX_ATTACHMENTS: Final = 10
MAX_FILE_NAME_CHARS: Final = 255
MAX_RECEIPT_IDS: Final = 100
GROUP_SALT_BYTES: Final = 16
MAX_MENTIONS: Final = 50
# The largest number a container row holds (SQLite INTEGER). A number a peer chooses
# and the receiver stores must fit: msgpack carries up to 2**64 - 1, and storing more
# raised, so the envelope was never acknowledged and came again at every login; the
# relay's window of unacknowledged envelopes (256) full of them stopped the mailbox
# (tests/services/test_attack_unstorable_numbers.py).
MAX_STORED_INT: Final = 2**63 - 1
# The fixed reaction set (issue 13): one per person per message.
REACTIONS: Final = ("👍", "✅", "❤️", "😮", "🙏", "❗")

_Hex64 = Annotated[str, msgspec.Meta(pattern=r"\A[0-9a-f]{64}\Z")]
_Key = Annotated[bytes, msgspec.Meta(min_length=32, max_length=32)]


class ContentError(ValueError):
    """A decrypted payload is malformed; it is dropped, never shown half-parsed."""


class _Strict(msgspec.Struct, frozen=True, forbid_unknown_fields=True, tag_field="t"):
    pass


class AttachmentRef(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """Where an encrypted file lies on the relay and the key to open it."""

    attachment_id: ChosenId
    blob_id: ChosenId
    key: _Key  # secretstream key of the blob
    file_name: Annotated[str, msgspec.Meta(min_length=1, max_length=MAX_FILE_NAME_CHARS)]
    mime_type: Annotated[str, msgspec.Meta(min_length=1, max_length=127)]
    size: Annotated[int, msgspec.Meta(ge=0, le=MAX_STORED_INT)]  # stored if it fails
    sha256: _Hex64  # of the plaintext


class ChatMessage(_Strict, frozen=True, tag="chat", omit_defaults=True):
    """A text (with files); ``reply_to`` names a message of the same conversation.

    Fields at their default are left out on the wire, so a message without a reply
    still decodes on a client that predates ``reply_to``.
    """

    v: Literal[1]
    message_id: ChosenId
    sent_ms: Annotated[int, msgspec.Meta(ge=0)]
    text: Annotated[str, msgspec.Meta(max_length=MAX_TEXT_CHARS)]
    urgent: bool = False
    attachments: Annotated[list[AttachmentRef], msgspec.Meta(max_length=MAX_ATTACHMENTS)] = []
    reply_to: ChosenId | None = None
    forwarded: bool = False  # copied from another conversation (never says from where)
    mentions: Annotated[list[DirectoryId], msgspec.Meta(max_length=MAX_MENTIONS)] = []
    # Urgent only: the directory person or functional account it goes on to when nobody
    # acknowledges it in time; receivers keep it only if the directory knows the uid.
    escalate_to: DirectoryId | None = None


Emoji = Literal["👍", "✅", "❤️", "😮", "🙏", "❗"]


class Reaction(_Strict, frozen=True, tag="reaction"):
    """The sender's reaction to ``message_id`` (replacing theirs); ``emoji`` None removes it."""

    v: Literal[1]
    message_id: ChosenId
    emoji: Emoji | None
    at_ms: Annotated[int, msgspec.Meta(ge=0)]


class Edit(_Strict, frozen=True, tag="edit"):
    """New text for one of the sender's own text messages; receivers keep every version."""

    v: Literal[1]
    message_id: ChosenId
    edit_id: ChosenId
    text: Annotated[str, msgspec.Meta(min_length=1, max_length=MAX_TEXT_CHARS)]
    at_ms: Annotated[int, msgspec.Meta(ge=0)]


class Delete(_Strict, frozen=True, tag="delete"):
    """Delete-for-everyone of one of the sender's own messages: receivers purge it."""

    v: Literal[1]
    message_id: ChosenId
    at_ms: Annotated[int, msgspec.Meta(ge=0)]


MAX_EPHEMERAL_HOURS: Final = 24 * 30


class Ephemeral(_Strict, frozen=True, tag="ephemeral"):
    """Disappearing messages: each PC deletes a message ``hours`` after it was read
    there (``None`` switches it off). In a group only an admin may set it, in a 1:1 chat
    either person; ``version`` only grows (services/ephemeral.py)."""

    v: Literal[1]
    hours: Annotated[int, msgspec.Meta(ge=1, le=MAX_EPHEMERAL_HOURS)] | None
    version: Annotated[int, msgspec.Meta(ge=1, le=MAX_STORED_INT)]
    changed_ms: Annotated[int, msgspec.Meta(ge=0)]


class Pin(_Strict, frozen=True, tag="pin"):
    """Pin (or unpin) a message of this conversation for everyone (shown on top)."""

    v: Literal[1]
    message_id: ChosenId
    pinned: bool
    at_ms: Annotated[int, msgspec.Meta(ge=0)]


class GroupState(_Strict, frozen=True, tag="group"):
    """The whole membership of a conversation as its admin last set it.

    Sent by an admin to all members (old and new) on every change; ``version`` only
    grows, so an older state arriving late is ignored. Who may send which state is the
    receiver's rule (services/membership.py, docs/e2e.md "Who may change a
    conversation"). A group names its ``creator`` and the random ``salt`` that its id
    was derived from, so a device meeting the group for the first time can check that
    the state comes from the person the id commits to.
    """

    v: Literal[1]
    kind: Literal["direct", "group"]
    title: Annotated[str, msgspec.Meta(max_length=MAX_TITLE_CHARS)]
    members: Annotated[list[DirectoryId], msgspec.Meta(min_length=1, max_length=MAX_MEMBERS)]
    admins: Annotated[list[DirectoryId], msgspec.Meta(max_length=MAX_MEMBERS)]
    version: Annotated[int, msgspec.Meta(ge=1, le=MAX_STORED_INT)]
    changed_ms: Annotated[int, msgspec.Meta(ge=0)]
    creator: DirectoryId | None = None
    salt: Annotated[bytes, msgspec.Meta(max_length=GROUP_SALT_BYTES)] = b""


class Receipt(_Strict, frozen=True, tag="receipt"):
    """Messages of this conversation that the sender received, read or acknowledged.

    ``acknowledged`` answers an urgent message and is always sent; ``delivered`` and
    ``read`` only when receipts are switched on (off by default, DESIGN.md section 4).
    """

    v: Literal[1]
    kind: Literal["delivered", "read", "acknowledged"]
    message_ids: Annotated[list[ChosenId], msgspec.Meta(min_length=1, max_length=MAX_RECEIPT_IDS)]
    at_ms: Annotated[int, msgspec.Meta(ge=0)]


class Typing(_Strict, frozen=True, tag="typing"):
    """The sender is typing in this conversation (services/typing.py): shown for a few
    seconds, never stored as a message; only sent where the policy switches it on."""

    v: Literal[1]
    at_ms: Annotated[int, msgspec.Meta(ge=0)]


Content = (
    ChatMessage
    | GroupState
    | Receipt
    | Reaction
    | Edit
    | Delete
    | Ephemeral
    | Pin
    | TaskChange
    | CalendarChange
    | CalendarBatch
    | DocumentVersion
    | Typing
)
MessageEvent = Reaction | Edit | Delete | Pin
KNOWN_KINDS: Final = frozenset(
    {"chat", "group", "receipt", "reaction", "edit", "delete", "ephemeral", "pin"}
    | {"task", "calendar", "calendar-batch", "doc", "typing"}
)


class _Head(msgspec.Struct, frozen=True):
    """Just the kind and version of a content, read leniently before the strict decode."""

    t: Annotated[str, msgspec.Meta(max_length=64)]
    v: int


class Unsupported(msgspec.Struct, frozen=True):
    """Content of a kind or version this client does not know (sent by a newer client)."""

    kind: str
    version: int


class EnvelopeBody(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """The shared payload: Megolm ciphertext of an encoded ``Content``."""

    v: Literal[1]
    conversation_id: ChosenId
    session_id: ChosenId  # vodozemac's base64
    ciphertext: bytes


class OlmPart(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A per-device Olm message (type 0 pre-key, 1 normal)."""

    v: Literal[1]
    message_type: Annotated[int, msgspec.Meta(ge=0, le=1)]
    body: bytes


class Removal(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """The body of the ``conversation.removed`` Olm control: the group's new state, sent
    to the person it removes (who no longer receives the group's messages), so that her
    devices apply the removal itself instead of only being told of it."""

    v: Literal[1]
    conversation_id: ChosenId
    state: GroupState


_ENCODER = msgspec.msgpack.Encoder()
_REMOVAL = msgspec.msgpack.Decoder(Removal)
_CONTENT: msgspec.msgpack.Decoder[Content] = msgspec.msgpack.Decoder(Content)
_HEAD = msgspec.msgpack.Decoder(_Head)
_BODY = msgspec.msgpack.Decoder(EnvelopeBody)
_OLM = msgspec.msgpack.Decoder(OlmPart)


def encode(value: Content | EnvelopeBody | OlmPart) -> bytes:
    return _ENCODER.encode(value)


def decode_content(data: bytes) -> Content:
    try:
        return _CONTENT.decode(data)
    except msgspec.DecodeError as exc:
        raise ContentError(f"malformed message content: {exc}") from None


def decode_content_or_unsupported(data: bytes) -> Content | Unsupported:
    """Like ``decode_content``, but a kind or version newer than this client's is
    ``Unsupported`` (shown as "needs a newer WardLink") rather than malformed."""
    try:
        head = _HEAD.decode(data)
    except msgspec.DecodeError as exc:
        raise ContentError(f"malformed message content: {exc}") from None
    if head.t not in KNOWN_KINDS or head.v > CONTENT_VERSION:
        return Unsupported(head.t, head.v)
    return decode_content(data)


def encode_removal(value: Removal) -> bytes:
    return _ENCODER.encode(value)


def decode_removal(data: bytes) -> Removal:
    try:
        return _REMOVAL.decode(data)
    except msgspec.DecodeError as exc:
        raise ContentError(f"malformed removal notice: {exc}") from None


def decode_body(data: bytes) -> EnvelopeBody:
    try:
        return _BODY.decode(data)
    except msgspec.DecodeError as exc:
        raise ContentError(f"malformed envelope body: {exc}") from None


def decode_olm_part(data: bytes) -> OlmPart:
    try:
        return _OLM.decode(data)
    except msgspec.DecodeError as exc:
        raise ContentError(f"malformed per-device part: {exc}") from None
