"""Team files: versioned documents of a conversation as end-to-end content (issue 14).

A ``DocumentVersion`` travels like a chat message (Megolm, to every member's devices);
its body is an encrypted blob on the relay and its key is only in here. The author is
NOT on the wire: a receiver takes the uid that Megolm proved sent it. When a member is
added, the adder's device sends the new member's devices a ``DocumentShare`` (the
latest version of each document, inside an Olm control ``files.share``), so a new
member can open the team's documents but not the old chat history. Decoding is strict
and bounded; services/documents.py applies the receiver rules on top.
"""

from __future__ import annotations

from typing import Annotated, Final, Literal

import msgspec

from desktop_app.protocol.fields import ChosenId, DirectoryId

MAX_VERSION: Final = 1_000_000  # versions of one document
NAME_MAX: Final = 255  # a file name, like an attachment's
FOLDER_MAX: Final = 120  # one folder name (no nesting: "SOPs", "Dienstpläne")
MAX_SHARED: Final = 16  # documents per share control (the relay grants <= 16 blobs/envelope)
CONTROL_NAME: Final = "files.share"
SIZE_MAX: Final = 4 * 1024**3  # protocol.limits.MAX_BLOB_SIZE

_Hex64 = Annotated[str, msgspec.Meta(pattern=r"\A[0-9a-f]{64}\Z")]
_Key = Annotated[bytes, msgspec.Meta(min_length=32, max_length=32)]
_Number = Annotated[int, msgspec.Meta(ge=1, le=MAX_VERSION)]
_Name = Annotated[str, msgspec.Meta(min_length=1, max_length=NAME_MAX)]
_Folder = Annotated[str, msgspec.Meta(max_length=FOLDER_MAX)]
_Size = Annotated[int, msgspec.Meta(ge=0, le=SIZE_MAX)]
_Ms = Annotated[int, msgspec.Meta(ge=0, le=2**53)]


class DocumentVersion(msgspec.Struct, frozen=True, forbid_unknown_fields=True, tag_field="t",
                      tag="doc"):  # fmt: skip
    """Version ``version`` of document ``document_id`` (its name and folder as of this
    version); the body is blob ``blob_id`` on the relay, secretstream key ``key``."""

    v: Literal[1]
    document_id: ChosenId
    version: _Number
    name: _Name
    folder: _Folder
    blob_id: ChosenId
    key: _Key
    sha256: _Hex64  # of the plaintext
    size: _Size
    at_ms: _Ms  # the author's clock: shown as "changed at"


class SharedVersion(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """The latest version of a document as the sharing member holds it; ``author`` and
    ``at_ms`` are vouched for by that member (not Megolm-proven to the new member)."""

    document_id: ChosenId
    version: _Number
    name: _Name
    folder: _Folder
    blob_id: ChosenId  # a copy the sharing device uploaded and granted to the new member
    key: _Key
    sha256: _Hex64
    size: _Size
    author: DirectoryId
    at_ms: _Ms


class DocumentShare(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """Body of the Olm control ``files.share`` to a new member's devices."""

    v: Literal[1]
    conversation_id: ChosenId
    documents: Annotated[list[SharedVersion], msgspec.Meta(min_length=1, max_length=MAX_SHARED)]


_SHARE = msgspec.msgpack.Decoder(DocumentShare)
_ENCODER = msgspec.msgpack.Encoder()


def encode_share(share: DocumentShare) -> bytes:
    return _ENCODER.encode(share)


def decode_share(data: bytes) -> DocumentShare:
    """Raises ValueError on anything but a well-formed share."""
    try:
        return _SHARE.decode(data)
    except msgspec.DecodeError as exc:
        raise ValueError(f"malformed document share: {exc}") from None
