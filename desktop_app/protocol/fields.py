"""Field types shared by the frames, with the constraints msgspec checks while decoding.

Shape rules (exact lengths, no negative numbers, ids not empty or absurdly long) live
here and make a violating frame *malformed*. Countable resource limits (recipients,
keys, chunk and payload sizes) are checked after decoding by `validation`, so that they
are reported as `LimitExceeded` with the limit's name.
"""

from __future__ import annotations

from typing import Annotated

import msgspec

from desktop_app.domain.ids import VISIBLE_ID_PATTERN, DeviceId, EnvelopeId, Uid
from desktop_app.protocol.limits import (
    CHALLENGE_BYTES,
    MAX_CODE_CHARS,
    MAX_ID_CHARS,
    MAX_KEY_CHARS,
    MAX_REQ_ID,
    MAX_TEXT_CHARS,
    SIGNATURE_BYTES,
)

_INT64_MAX = 2**63 - 1

ReqId = Annotated[int, msgspec.Meta(ge=1, le=MAX_REQ_ID)]
"""req_id of a request and of its replies: chosen by the client, never 0."""
ReqIdOrPush = Annotated[int, msgspec.Meta(ge=0, le=MAX_REQ_ID)]
"""req_id of a frame the relay may also send unsolicited (then 0)."""

Version = Annotated[int, msgspec.Meta(ge=1, le=65535)]
Count = Annotated[int, msgspec.Meta(ge=0, le=_INT64_MAX)]
ByteOffset = Annotated[int, msgspec.Meta(ge=0, le=_INT64_MAX)]
TimeMs = Annotated[int, msgspec.Meta(ge=0, le=_INT64_MAX)]
"""Milliseconds since the Unix epoch, UTC."""

NO_NUL = r"^[^\x00]*$"
"""No string in a frame holds a NUL character: the relay's PostgreSQL store cannot keep
one in text, and a single such id would fail a whole group commit (docs/scale.md)."""

WireUid = Annotated[Uid, msgspec.Meta(min_length=1, max_length=MAX_ID_CHARS, pattern=NO_NUL)]
WireDeviceId = Annotated[
    DeviceId, msgspec.Meta(min_length=1, max_length=MAX_ID_CHARS, pattern=NO_NUL)
]
WireEnvelopeId = Annotated[
    EnvelopeId, msgspec.Meta(min_length=1, max_length=MAX_ID_CHARS, pattern=NO_NUL)
]
Identifier = Annotated[str, msgspec.Meta(min_length=1, max_length=MAX_ID_CHARS, pattern=NO_NUL)]
"""Other ids: relay id, blob id, key id."""

ChosenId = Annotated[
    str, msgspec.Meta(min_length=1, max_length=MAX_ID_CHARS, pattern=VISIBLE_ID_PATTERN)
]
"""An id a peer chooses in end-to-end content (message, attachment, blob, task, change,
checklist item, event, document, conversation, Megolm session): visible ASCII only
(domain.ids.VISIBLE_ID_PATTERN), so none carries a line break, bidi control, invisible
character or space into a log line, file name, URL, .ics UID, export or tooltip. A
content holding another is malformed: dropped with a log line and acknowledged.
Uids and device ids keep their own rule: the organisation's directory names them."""

DirectoryId = Annotated[str, msgspec.Meta(min_length=1, max_length=MAX_ID_CHARS)]
"""A uid or device id in end-to-end content: named by the organisation's directory and
signed by IT, not chosen by a peer, so kept as it always was."""

PublicKey = Annotated[str, msgspec.Meta(min_length=1, max_length=MAX_KEY_CHARS, pattern=NO_NUL)]
"""A base64 public key as vodozemac prints it."""
EnrollmentCode = Annotated[
    str, msgspec.Meta(min_length=1, max_length=MAX_CODE_CHARS, pattern=NO_NUL)
]
Text = Annotated[str, msgspec.Meta(max_length=MAX_TEXT_CHARS, pattern=NO_NUL)]

Challenge = Annotated[bytes, msgspec.Meta(min_length=CHALLENGE_BYTES, max_length=CHALLENGE_BYTES)]
Signature = Annotated[bytes, msgspec.Meta(min_length=SIGNATURE_BYTES, max_length=SIGNATURE_BYTES)]
Sha256Hex = Annotated[str, msgspec.Meta(pattern=r"\A[0-9a-f]{64}\Z")]
"""Lower-case hex SHA-256 digest."""
