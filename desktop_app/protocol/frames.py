"""The complete set of frames as one tagged union, and how requests pair with replies.

Import frames from here (or from the package); the frames_* modules only group them
by topic.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final, TypeAlias

from desktop_app.protocol.frames_blobs import (
    BlobChunk,
    BlobDownload,
    BlobReady,
    BlobStored,
    BlobUpload,
)
from desktop_app.protocol.frames_control import Bye, Error, ErrorCode, Ping, Pong
from desktop_app.protocol.frames_directory import (
    AnswerRoleRequest,
    DirectoryPage,
    FetchDirectory,
    FetchRoleRequests,
    RoleRequest,
    RoleRequestAnswered,
    RoleRequested,
    RoleRequests,
    RoleTaken,
    TakeOverRole,
)
from desktop_app.protocol.frames_keys import (
    ClaimedKey,
    ClaimedKeys,
    ClaimKeys,
    Devices,
    FetchDevices,
    FetchRevocations,
    KeysPublished,
    PublishKeys,
    Revocations,
    SignedKey,
)
from desktop_app.protocol.frames_messaging import (
    AckDelivery,
    Acked,
    Deliver,
    EnvelopeAccepted,
    SendEnvelope,
)
from desktop_app.protocol.frames_records import ExportKind, ExportRecorded, ReportExport
from desktop_app.protocol.frames_session import (
    Authenticate,
    Authenticated,
    CertificateRenewed,
    Enroll,
    Enrolled,
    Hello,
    RenewCertificate,
    Welcome,
)

Frame: TypeAlias = (
    Hello
    | Welcome
    | Enroll
    | Enrolled
    | Authenticate
    | Authenticated
    | RenewCertificate
    | CertificateRenewed
    | PublishKeys
    | KeysPublished
    | FetchDevices
    | Devices
    | ClaimKeys
    | ClaimedKeys
    | FetchRevocations
    | Revocations
    | FetchDirectory
    | DirectoryPage
    | TakeOverRole
    | RoleTaken
    | RoleRequested
    | FetchRoleRequests
    | RoleRequests
    | AnswerRoleRequest
    | RoleRequestAnswered
    | SendEnvelope
    | EnvelopeAccepted
    | Deliver
    | AckDelivery
    | Acked
    | BlobUpload
    | BlobReady
    | BlobChunk
    | BlobStored
    | BlobDownload
    | ReportExport
    | ExportRecorded
    | Ping
    | Pong
    | Error
    | Bye
)
"""Anything that can travel in one websocket message."""

Request: TypeAlias = (
    Enroll
    | Authenticate
    | RenewCertificate
    | PublishKeys
    | FetchDevices
    | ClaimKeys
    | FetchRevocations
    | FetchDirectory
    | TakeOverRole
    | FetchRoleRequests
    | AnswerRoleRequest
    | SendEnvelope
    | AckDelivery
    | BlobUpload
    | BlobDownload
    | ReportExport
    | Ping
)
"""Client frames that open a request under a fresh req_id."""

ALL_FRAME_TYPES: Final[tuple[type[Frame], ...]] = (
    Hello,
    Welcome,
    Enroll,
    Enrolled,
    Authenticate,
    Authenticated,
    RenewCertificate,
    CertificateRenewed,
    PublishKeys,
    KeysPublished,
    FetchDevices,
    Devices,
    ClaimKeys,
    ClaimedKeys,
    FetchRevocations,
    Revocations,
    FetchDirectory,
    DirectoryPage,
    TakeOverRole,
    RoleTaken,
    RoleRequested,
    FetchRoleRequests,
    RoleRequests,
    AnswerRoleRequest,
    RoleRequestAnswered,
    SendEnvelope,
    EnvelopeAccepted,
    Deliver,
    AckDelivery,
    Acked,
    BlobUpload,
    BlobReady,
    BlobChunk,
    BlobStored,
    BlobDownload,
    ReportExport,
    ExportRecorded,
    Ping,
    Pong,
    Error,
    Bye,
)

REPLIES: Final[Mapping[type[Request], tuple[type[Frame], ...]]] = {
    Enroll: (Enrolled,),
    Authenticate: (Authenticated,),
    RenewCertificate: (CertificateRenewed,),
    PublishKeys: (KeysPublished,),
    FetchDevices: (Devices,),
    ClaimKeys: (ClaimedKeys,),
    FetchRevocations: (Revocations,),
    FetchDirectory: (DirectoryPage,),
    # RoleRequested when the account's policy needs a current holder's approval.
    TakeOverRole: (RoleTaken, RoleRequested),
    FetchRoleRequests: (RoleRequests,),
    AnswerRoleRequest: (RoleRequestAnswered,),
    SendEnvelope: (EnvelopeAccepted,),
    AckDelivery: (Acked,),
    # BlobStored directly when the blob is already complete (idempotent re-upload).
    BlobUpload: (BlobReady, BlobStored),
    BlobDownload: (BlobChunk,),
    ReportExport: (ExportRecorded,),
    Ping: (Pong,),
}
"""Which relay frames may answer each request; a non-fatal Error answers any of them."""

REQUEST_TYPES: Final[tuple[type[Request], ...]] = tuple(REPLIES)

__all__ = [
    "ALL_FRAME_TYPES",
    "REPLIES",
    "REQUEST_TYPES",
    "AckDelivery",
    "Acked",
    "AnswerRoleRequest",
    "Authenticate",
    "Authenticated",
    "BlobChunk",
    "BlobDownload",
    "BlobReady",
    "BlobStored",
    "BlobUpload",
    "Bye",
    "CertificateRenewed",
    "ClaimKeys",
    "ClaimedKey",
    "ClaimedKeys",
    "Deliver",
    "Devices",
    "DirectoryPage",
    "Enroll",
    "Enrolled",
    "EnvelopeAccepted",
    "Error",
    "ErrorCode",
    "ExportKind",
    "ExportRecorded",
    "FetchDevices",
    "FetchDirectory",
    "FetchRevocations",
    "FetchRoleRequests",
    "Frame",
    "Hello",
    "KeysPublished",
    "Ping",
    "Pong",
    "PublishKeys",
    "RenewCertificate",
    "ReportExport",
    "Request",
    "Revocations",
    "RoleRequest",
    "RoleRequestAnswered",
    "RoleRequested",
    "RoleRequests",
    "RoleTaken",
    "SendEnvelope",
    "SignedKey",
    "TakeOverRole",
    "Welcome",
]
