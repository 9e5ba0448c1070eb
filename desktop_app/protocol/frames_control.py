"""Control frames: liveness, errors, goodbye; and the closed set of error codes."""

from __future__ import annotations

import enum

from desktop_app.protocol.fields import ReqId, ReqIdOrPush, Text
from desktop_app.protocol.frame_base import FrameBase


class ErrorCode(enum.StrEnum):
    """Why a request or a connection failed. Closed set: an unknown code is malformed."""

    BAD_FRAME = "bad_frame"  # undecodable, wrong types, inconsistent fields
    TOO_LARGE = "too_large"  # frame or a field above a limit in limits.py
    UNEXPECTED_FRAME = "unexpected_frame"  # legal frame at the wrong time or req_id
    VERSION_MISMATCH = "version_mismatch"  # Hello's version is not supported
    UNAUTHENTICATED = "unauthenticated"  # request before login, or bad login proof
    ENROLLMENT_REFUSED = "enrollment_refused"  # code unknown, used, expired, or mismatch
    ENROLLMENT_PENDING = "enrollment_pending"  # offline issuing: IT has not signed it yet
    DEVICE_REVOKED = "device_revoked"  # the device's certificate is revoked
    UNKNOWN_DEVICE = "unknown_device"  # no such device (login or recipient)
    RATE_LIMITED = "rate_limited"  # slow down; retry later
    QUOTA_EXCEEDED = "quota_exceeded"  # a mailbox or the sender's storage on the relay is full
    NOT_FOUND = "not_found"  # e.g. blob_id unknown
    CONFLICT = "conflict"  # e.g. blob_id exists with another size
    UNAVAILABLE = "unavailable"  # relay cannot serve now (disk full, shutting down)
    INTERNAL = "internal"  # a relay bug; details are in the relay's log only


class Ping(FrameBase, frozen=True):
    """C->R: application-level round trip (transport keepalive is websockets' own)."""

    req_id: ReqId


class Pong(FrameBase, frozen=True):
    """R->C: answer to Ping."""

    req_id: ReqId


class Error(FrameBase, frozen=True):
    """A failed request (non-fatal, relay only, req_id of the request) or the end of the
    connection (fatal, either side, req_id 0 when no request is to blame)."""

    req_id: ReqIdOrPush
    code: ErrorCode
    message: Text
    fatal: bool


class Bye(FrameBase, frozen=True):
    """Either side: orderly goodbye before closing the transport."""

    reason: Text
