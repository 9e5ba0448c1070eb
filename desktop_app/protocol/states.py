"""The connection state machine: ONE table of which role may send which frame when.

Both ends of a connection walk through the same states; each `Connection` keeps its own
copy and moves it on every frame it sends or receives::

    START --Hello(C)--> HELLO_SENT --Welcome(R)--> CHALLENGED
    CHALLENGED --Enroll(C)--> ENROLLING --Enrolled(R)--> READY
    CHALLENGED --Authenticate(C)--> AUTHENTICATING --Authenticated(R)--> READY
    AUTHENTICATING --Revocations(R, push)--> AUTHENTICATING  (before device_revoked)
    ENROLLING | AUTHENTICATING --Error(R, not fatal)--> CHALLENGED  (may try again)
    READY: client requests and relay replies/pushes, state stays READY
    any state but CLOSED --Bye or fatal Error (either role)--> CLOSED
    any state --peer breaks a rule--> ERROR (only Error or Bye may still be sent)

START        nothing exchanged; the client must speak first.
HELLO_SENT   Hello seen; the relay owes Welcome (version, relay id, 32-byte challenge).
CHALLENGED   the device must prove itself: Enroll (new) or Authenticate (known).
ENROLLING / AUTHENTICATING  proof sent; waiting for the relay's verdict.
READY        authenticated: requests, replies, Deliver and Revocations pushes flow.
CLOSED       Bye or fatal Error sent or received, or the transport closed.
ERROR        the peer violated the protocol; its frames are no longer read.

The table has no rows for Bye and fatal Error: they close from every state except
CLOSED, for both roles (`closes_connection`). Matching replies to requests (req_id,
blob offsets) is the job of `pending.PendingRequests`, not of this table.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Final

from desktop_app.protocol.frames import (
    AckDelivery,
    Acked,
    AnswerRoleRequest,
    Authenticate,
    Authenticated,
    BlobChunk,
    BlobDownload,
    BlobReady,
    BlobStored,
    BlobUpload,
    Bye,
    CertificateRenewed,
    ClaimedKeys,
    ClaimKeys,
    Deliver,
    Devices,
    DirectoryPage,
    Enroll,
    Enrolled,
    EnvelopeAccepted,
    Error,
    ExportRecorded,
    FetchDevices,
    FetchDirectory,
    FetchRevocations,
    FetchRoleRequests,
    Frame,
    Hello,
    KeysPublished,
    Ping,
    Pong,
    PublishKeys,
    RenewCertificate,
    ReportExport,
    Revocations,
    RoleRequestAnswered,
    RoleRequested,
    RoleRequests,
    RoleTaken,
    SendEnvelope,
    TakeOverRole,
    Welcome,
)


class Role(enum.Enum):
    CLIENT = "client"
    RELAY = "relay"

    @property
    def peer(self) -> Role:
        return Role.RELAY if self is Role.CLIENT else Role.CLIENT


class State(enum.Enum):
    START = "start"
    HELLO_SENT = "hello_sent"
    CHALLENGED = "challenged"
    ENROLLING = "enrolling"
    AUTHENTICATING = "authenticating"
    READY = "ready"
    CLOSED = "closed"
    ERROR = "error"


C: Final = Role.CLIENT
R: Final = Role.RELAY

READY_CLIENT_FRAMES: Final[tuple[type[Frame], ...]] = (
    RenewCertificate,
    PublishKeys,
    FetchDevices,
    ClaimKeys,
    FetchRevocations,
    FetchDirectory,
    TakeOverRole,
    FetchRoleRequests,
    AnswerRoleRequest,
    SendEnvelope,
    AckDelivery,
    BlobUpload,
    BlobChunk,
    BlobDownload,
    ReportExport,
    Ping,
)
READY_RELAY_FRAMES: Final[tuple[type[Frame], ...]] = (
    CertificateRenewed,
    KeysPublished,
    Devices,
    ClaimedKeys,
    Revocations,
    DirectoryPage,
    RoleTaken,
    RoleRequested,
    RoleRequests,
    RoleRequestAnswered,
    EnvelopeAccepted,
    Deliver,
    Acked,
    BlobReady,
    BlobChunk,
    BlobStored,
    ExportRecorded,
    Pong,
    Error,  # not fatal: one request failed
)

TRANSITIONS: Final[Mapping[tuple[State, Role, type[Frame]], State]] = {
    (State.START, C, Hello): State.HELLO_SENT,
    (State.HELLO_SENT, R, Welcome): State.CHALLENGED,
    (State.CHALLENGED, C, Enroll): State.ENROLLING,
    (State.CHALLENGED, C, Authenticate): State.AUTHENTICATING,
    (State.ENROLLING, R, Enrolled): State.READY,
    (State.ENROLLING, R, Error): State.CHALLENGED,
    (State.AUTHENTICATING, R, Authenticated): State.READY,
    (State.AUTHENTICATING, R, Error): State.CHALLENGED,
    # A revoked device gets the signed list that names it just before its refusal, so
    # it can verify the revocation (and wipe its data) without trusting the relay.
    (State.AUTHENTICATING, R, Revocations): State.AUTHENTICATING,
    **{(State.READY, C, frame): State.READY for frame in READY_CLIENT_FRAMES},
    **{(State.READY, R, frame): State.READY for frame in READY_RELAY_FRAMES},
}
"""(state, sending role, frame type) -> next state, for every frame except Bye and
fatal Error. A missing key means the frame is not allowed then."""


def closes_connection(frame: Frame) -> bool:
    """Bye and fatal Error end the connection from any state, whoever sends them."""
    return isinstance(frame, Bye) or (isinstance(frame, Error) and frame.fatal)


def next_state(state: State, sender: Role, frame: Frame) -> State | None:
    """The state after ``sender`` sends ``frame`` in ``state``; None if not allowed."""
    if state is State.CLOSED:
        return None
    if closes_connection(frame):
        return State.CLOSED
    if state is State.ERROR:
        return None
    return TRANSITIONS.get((state, sender, type(frame)))
