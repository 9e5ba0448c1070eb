"""Attachment blobs on the relay: upload in chunks, stream downloads, who may read.

Requests of a logged-in device, dispatched by ``RelayHandler.handle``. A blob is
readable by its uploader and by the devices of envelopes that named it; anyone else
hears "unknown blob", as for a blob that does not exist.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop_app.protocol import BlobChunk, BlobDownload, BlobReady, BlobStored, BlobUpload, Frame
from desktop_app.protocol.limits import MAX_BLOB_CHUNK
from desktop_app.relay.errors import BlobError, BlobNotFound
from desktop_app.relay.store import DeviceRecord

if TYPE_CHECKING:
    from desktop_app.relay.handler import RelayContext


@dataclass(frozen=True, slots=True)
class BlobStream:
    """A download the server streams chunk by chunk, so a large blob never sits in RAM."""

    req_id: int
    blob_id: str
    offset: int
    size: int
    chunks: Iterator[bytes]

    def frames(self) -> Generator[BlobChunk, None, None]:
        """Chunks from ``offset``; the one reaching ``size`` is marked last."""
        if self.offset >= self.size:  # nothing left (or an empty blob): one empty last chunk
            yield BlobChunk(self.req_id, self.blob_id, self.size, b"", True)
            return
        offset = self.offset
        for data in self.chunks:
            end = offset + len(data)
            yield BlobChunk(self.req_id, self.blob_id, offset, data, end >= self.size)
            offset = end


def blob_upload(ctx: RelayContext, device: DeviceRecord, frame: BlobUpload) -> Frame:
    now = ctx.clock_ms()
    record = ctx.store.start_blob(
        frame.blob_id,
        device.device_id,
        frame.total_size,
        now,
        now + ctx.retention_ms,
        ctx.limits,
    )
    if record.total_size != frame.total_size or record.owner_device != device.device_id:
        raise BlobError("this blob id is taken")
    if record.complete and record.sha256 is not None:
        return BlobStored(frame.req_id, frame.blob_id, record.sha256)
    return BlobReady(frame.req_id, frame.blob_id, ctx.blobs.size(frame.blob_id))


@dataclass(frozen=True, slots=True)
class ChunkWritten:
    """A chunk on disk; for the last one, the blob's size and SHA-256 (fsynced)."""

    size: int
    sha256: str | None


def blob_write(ctx: RelayContext, total_size: int, frame: BlobChunk) -> ChunkWritten:
    """Append an upload's chunk to its file: file work only, run on a blob thread (not
    the database thread). ``total_size`` is the one the store confirmed at BlobUpload;
    the Connection already holds the chunk to the upload's blob id, offsets and size."""
    size = ctx.blobs.append(frame.blob_id, frame.offset, frame.data, total_size, last=frame.last)
    if not frame.last:
        return ChunkWritten(size, None)
    if size != total_size:
        raise BlobError(f"blob ended at {size} of {total_size} bytes")
    return ChunkWritten(size, ctx.blobs.sha256(frame.blob_id))


def blob_complete(ctx: RelayContext, frame: BlobChunk, written: ChunkWritten) -> list[Frame]:
    """After the last chunk is durable: record the blob complete (database thread)."""
    record = ctx.store.blob(frame.blob_id)
    if written.size != record.total_size or written.sha256 is None:
        raise BlobError(f"blob ended at {written.size} of {record.total_size} bytes")
    ctx.store.blob_progress(frame.blob_id, written.size, written.sha256)
    return [BlobStored(frame.req_id, frame.blob_id, written.sha256)]


def blob_chunk(ctx: RelayContext, frame: BlobChunk) -> list[Frame]:
    """A chunk written and, if last, recorded, in one go (the handler's plain path)."""
    record = ctx.store.blob(frame.blob_id)
    written = blob_write(ctx, record.total_size, frame)
    return blob_complete(ctx, frame, written) if frame.last else []


def blob_download(ctx: RelayContext, device: DeviceRecord, frame: BlobDownload) -> BlobStream:
    """Only for the uploader and the devices its envelopes were addressed to; anyone
    else hears "unknown blob", exactly as for a blob that does not exist."""
    if not ctx.store.may_read_blob(frame.blob_id, device.device_id):
        raise BlobNotFound(f"unknown blob {frame.blob_id}")
    record = ctx.store.blob(frame.blob_id)
    if not record.complete:
        raise BlobNotFound(f"unknown blob {frame.blob_id} (upload not finished)")
    if frame.offset > record.total_size:
        raise BlobError(
            f"download offset {frame.offset} is beyond the blob's {record.total_size} bytes"
        )
    return BlobStream(
        frame.req_id,
        frame.blob_id,
        frame.offset,
        record.total_size,
        ctx.blobs.read(frame.blob_id, frame.offset, MAX_BLOB_CHUNK),
    )
