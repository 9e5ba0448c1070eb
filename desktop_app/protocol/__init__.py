"""Sans-I/O wire format between client and relay (h11 style): typed frames, strict limits.

Public API (see docs/protocol.md for the protocol itself):

- frames: every frame class, the `Frame` union, `ErrorCode`, `REPLIES`
- `codec.encode` / `codec.decode`: one frame <-> one websocket binary message
- `Connection`, `Role`, `State`, `NEED_DATA`, `ConnectionClosed`: the state machine
- errors: `ProtocolError` and its subclasses, `error_frame_for`
- `RequestIds`, `auth_transcript`, `enroll_transcript`; bounds live in `limits`
"""

from desktop_app.protocol.codec import decode, encode
from desktop_app.protocol.connection import NEED_DATA, Connection, ConnectionClosed, Event
from desktop_app.protocol.errors import (
    FrameTooLarge,
    LimitExceeded,
    LocalProtocolError,
    MalformedFrame,
    ProtocolError,
    RemoteProtocolError,
    UnexpectedFrame,
    VersionMismatch,
    error_frame_for,
)
from desktop_app.protocol.frames import (
    ALL_FRAME_TYPES,
    REPLIES,
    REQUEST_TYPES,
    AckDelivery,
    Acked,
    Authenticate,
    Authenticated,
    BlobChunk,
    BlobDownload,
    BlobReady,
    BlobStored,
    BlobUpload,
    Bye,
    ClaimedKey,
    ClaimedKeys,
    ClaimKeys,
    Deliver,
    Devices,
    Enroll,
    Enrolled,
    EnvelopeAccepted,
    Error,
    ErrorCode,
    FetchDevices,
    FetchRevocations,
    Frame,
    Hello,
    KeysPublished,
    Ping,
    Pong,
    PublishKeys,
    Request,
    Revocations,
    SendEnvelope,
    Welcome,
)
from desktop_app.protocol.limits import PROTOCOL_VERSION
from desktop_app.protocol.pending import RequestIds
from desktop_app.protocol.states import Role, State
from desktop_app.protocol.transcript import auth_transcript, enroll_transcript

__all__ = [
    "ALL_FRAME_TYPES",
    "NEED_DATA",
    "PROTOCOL_VERSION",
    "REPLIES",
    "REQUEST_TYPES",
    "AckDelivery",
    "Acked",
    "Authenticate",
    "Authenticated",
    "BlobChunk",
    "BlobDownload",
    "BlobReady",
    "BlobStored",
    "BlobUpload",
    "Bye",
    "ClaimKeys",
    "ClaimedKey",
    "ClaimedKeys",
    "Connection",
    "ConnectionClosed",
    "Deliver",
    "Devices",
    "Enroll",
    "Enrolled",
    "EnvelopeAccepted",
    "Error",
    "ErrorCode",
    "Event",
    "FetchDevices",
    "FetchRevocations",
    "Frame",
    "FrameTooLarge",
    "Hello",
    "KeysPublished",
    "LimitExceeded",
    "LocalProtocolError",
    "MalformedFrame",
    "Ping",
    "Pong",
    "ProtocolError",
    "PublishKeys",
    "RemoteProtocolError",
    "Request",
    "RequestIds",
    "Revocations",
    "Role",
    "SendEnvelope",
    "State",
    "UnexpectedFrame",
    "VersionMismatch",
    "Welcome",
    "auth_transcript",
    "decode",
    "encode",
    "enroll_transcript",
    "error_frame_for",
]
