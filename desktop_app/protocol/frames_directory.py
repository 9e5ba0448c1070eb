"""Staff directory frames: fetch the signed directory incrementally, in pages.

The relay serves what the issuing key signed and cannot forge anything: the client
applies the changes to its copy and checks the result against the signed header
(desktop_app/directory/snapshot.py), so these frames carry opaque signed bytes.
"""

from __future__ import annotations

from typing import Annotated

import msgspec

from desktop_app.protocol.fields import Count, ReqId, WireUid
from desktop_app.protocol.frame_base import FrameBase
from desktop_app.protocol.limits import MAX_ID_CHARS

UidCursor = Annotated[str, msgspec.Meta(max_length=MAX_ID_CHARS)]
"""A uid to continue after, or "" for the first page / no further page."""


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
    their shift; the relay signs a new directory version naming them its holder."""

    req_id: ReqId
    role_uid: WireUid


class RoleTaken(FrameBase, frozen=True):
    """R->C: done; ``version`` is the signed directory version recording the hand-over."""

    req_id: ReqId
    role_uid: WireUid
    version: Count
