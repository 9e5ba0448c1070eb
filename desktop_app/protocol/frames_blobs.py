"""Blob frames: encrypted attachment bodies moved in bounded chunks, resumable.

An upload is one request: ``BlobUpload`` -> ``BlobReady(offset)``, then the client
sends ``BlobChunk`` frames with the same req_id from that offset on, the last one with
``last=True`` -> ``BlobStored``. A download is ``BlobDownload(offset)`` -> ``BlobChunk``
frames with the request's req_id until ``last=True``.
"""

from __future__ import annotations

from desktop_app.protocol.fields import ByteOffset, Identifier, ReqId, Sha256Hex
from desktop_app.protocol.frame_base import FrameBase


class BlobUpload(FrameBase, frozen=True):
    """C->R: start or resume uploading ``total_size`` bytes as ``blob_id``."""

    req_id: ReqId
    blob_id: Identifier
    total_size: ByteOffset


class BlobReady(FrameBase, frozen=True):
    """R->C: send from ``offset`` on (0 for a new blob; more when resuming)."""

    req_id: ReqId
    blob_id: Identifier
    offset: ByteOffset


class BlobChunk(FrameBase, frozen=True):
    """Both directions: ``data`` belongs at ``offset`` of the blob; ``last`` ends it."""

    req_id: ReqId
    blob_id: Identifier
    offset: ByteOffset
    data: bytes
    last: bool


class BlobStored(FrameBase, frozen=True):
    """R->C: the whole blob is durable; ``sha256`` of all its bytes lets the client
    check the relay stored what was sent. Also the answer to a BlobUpload of a blob
    that is already complete."""

    req_id: ReqId
    blob_id: Identifier
    sha256: Sha256Hex


class BlobDownload(FrameBase, frozen=True):
    """C->R: send ``blob_id`` from ``offset`` on as BlobChunk frames."""

    req_id: ReqId
    blob_id: Identifier
    offset: ByteOffset
