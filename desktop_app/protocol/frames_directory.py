"""Staff directory frames: fetch the signed directory incrementally, in pages.

The relay serves what the issuing key signed and cannot forge anything: the client
applies the changes to its copy and checks the result against the signed header
(desktop_app/directory/snapshot.py), so these frames carry opaque signed bytes.
"""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec

from desktop_app.protocol.fields import Count, ReqId, TimeMs, WireUid
from desktop_app.protocol.frame_base import FrameBase
from desktop_app.protocol.limits import MAX_ID_CHARS

UidCursor = Annotated[str, msgspec.Meta(max_length=MAX_ID_CHARS)]
"""A uid to continue after, or "" for the first page / no further page."""
AnswererUid = Annotated[str, msgspec.Meta(max_length=MAX_ID_CHARS)]
"""The uid that answered a take-over request, "" while it is pending."""
RequestState = Literal["pending", "approved", "declined"]


class FetchDirectory(FrameBase, frozen=True):
    """C->R: entries changed or removed since directory version ``since`` (0: all),
    uid-ordered, continuing after the uid ``after`` ("" for the first page)."""

    req_id: ReqId
    since: Count
    after: UidCursor


class DirectoryPage(FrameBase, frozen=True):
    """R->C: one page of changes towards the newest ``version``, with its signed
    header. ``next_after`` is the uid to ask after for the next page, "" on the last.
    Version 0 (empty header and signature) means the relay has no directory yet."""

    req_id: ReqId
    version: Count
    header: bytes
    signature: bytes
    changed: list[bytes]
    removed: list[WireUid]
    next_after: UidCursor


class TakeOverRole(FrameBase, frozen=True):
    """C->R: the logged-in person takes over the functional account ``role_uid`` for
    their shift, as the account's take-over policy allows: the relay signs a new
    directory version naming them its only holder (RoleTaken), or, under policy
    ``holder``, records a request a current holder must approve (RoleRequested)."""

    req_id: ReqId
    role_uid: WireUid


class RoleTaken(FrameBase, frozen=True):
    """R->C: done; ``version`` is the signed directory version recording the hand-over."""

    req_id: ReqId
    role_uid: WireUid
    version: Count


class RoleRequested(FrameBase, frozen=True):
    """R->C: not taken yet: request ``request_id`` waits until one of ``approvers`` (the
    current holders) approves or declines it (AnswerRoleRequest)."""

    req_id: ReqId
    role_uid: WireUid
    request_id: Count
    approvers: list[WireUid]


class FetchRoleRequests(FrameBase, frozen=True):
    """C->R: take-over requests waiting for my approval (for roles I hold) and my own
    recent requests with their outcome."""

    req_id: ReqId


class RoleRequest(FrameBase, frozen=True):
    """One take-over request; not a frame on its own. ``status``: pending, approved or
    declined; ``answered_by`` is the holder who answered ("" while pending)."""

    request_id: Count
    role_uid: WireUid
    requester: WireUid
    created_ms: TimeMs
    status: RequestState
    answered_by: AnswererUid


class RoleRequests(FrameBase, frozen=True):
    """R->C: the answer to FetchRoleRequests, newest first."""

    req_id: ReqId
    requests: list[RoleRequest]


class AnswerRoleRequest(FrameBase, frozen=True):
    """C->R: a current holder approves (the requester becomes the only holder, as a new
    signed directory version) or declines request ``request_id``."""

    req_id: ReqId
    request_id: Count
    approve: bool


class RoleRequestAnswered(FrameBase, frozen=True):
    """R->C: done; ``version`` is the directory version of the hand-over (0 if declined)."""

    req_id: ReqId
    request_id: Count
    approved: bool
    version: Count
