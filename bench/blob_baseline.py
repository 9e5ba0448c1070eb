"""The blob path before issue 15's attachment work, for same-run baselines.

``bench documents`` and ``bench message_path`` measure the current path and this one
alternately in one run (this machine's speed swings with the other sessions' load):

- 256 KiB chunks (as now: 1 MiB chunks were tried and cost more CPU; ``OLD_CHUNK``
  lets the baseline keep its own size should the current one change);
- the relay writes every upload chunk and reads every download chunk as a job on its
  database thread, awaited before the connection reads the next frame (no blob
  threads, no read-ahead);
- the client writes the whole download to disk, then reads it back to authenticate,
  decrypt and hash it (no verification as it arrives, no worker thread);
- a document's new version is encrypted into the blob store first and uploaded
  afterwards from the file (not sealed and sent in one pass: services/sealed_upload.py).

Only the bench installs it: ``use_in_client()`` in the bench process, ``RELAY_PATCH``
in the relay child's script.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterator
from typing import BinaryIO

from desktop_app.protocol import BlobChunk, BlobDownload
from desktop_app.protocol import content as wire
from desktop_app.protocol.limits import MAX_BLOB_SIZE, KiB
from desktop_app.relay import blob_requests, blob_transfer
from desktop_app.relay.blob_requests import BlobStream
from desktop_app.services import attachments, sealed_upload
from desktop_app.services.errors import AttachmentFailed
from desktop_app.services.relay_link import RelayLink
from desktop_app.storage.atomic import atomic_output
from desktop_app.storage.blobs import StoredBlob
from desktop_app.storage.container import Container
from desktop_app.storage.errors import AttachmentMissing

OLD_CHUNK = 256 * KiB
RELAY_PATCH = "import bench.blob_baseline as b; b.use_in_relay()\n"


def use_in_relay() -> None:
    """The relay child's blob path as it was (call before the relay starts)."""
    blob_requests.MAX_BLOB_CHUNK = OLD_CHUNK  # type: ignore[misc]
    blob_transfer.BlobTransfers.chunk = _old_chunk  # type: ignore[method-assign]
    blob_transfer.BlobTransfers.stream = _old_stream  # type: ignore[method-assign]


@contextlib.contextmanager
def use_in_client() -> Iterator[None]:
    """This process's clients upload and download as they did, while in the block."""
    saved = attachments.UPLOAD_CHUNK, attachments._fetch, sealed_upload.seal_and_upload
    attachments.UPLOAD_CHUNK = OLD_CHUNK
    attachments._fetch = _old_fetch
    sealed_upload.seal_and_upload = _store_then_upload
    try:
        yield
    finally:
        attachments.UPLOAD_CHUNK, attachments._fetch, sealed_upload.seal_and_upload = saved


async def _store_then_upload(
    container: Container,
    link: RelayLink,
    source: BinaryIO,
    size: int,
    blob_id: str,
    label: str,
    chunk_bytes: int,
) -> StoredBlob:
    stored = container.blobs.put(source)
    try:
        await attachments.upload_stored(container, link, stored, blob_id, label)
    except BaseException:
        container.blobs.delete(stored.name)
        raise
    return stored


async def _old_chunk(self: blob_transfer.BlobTransfers, frame: BlobChunk) -> None:
    replies = await self._server.call(self._handler.handle, frame)
    assert isinstance(replies, list)
    for reply in replies:
        await self._send(reply)


async def _old_stream(self: blob_transfer.BlobTransfers, stream: BlobStream) -> None:
    frames = stream.frames()
    server = self._server
    try:
        while (chunk := await server.call(next, frames, None)) is not None:
            await self._send(chunk)
            device = self._handler.device
            if chunk.last and device is not None:
                now, device_id = server.ctx.clock_ms(), device.device_id
                await server.call(server.ctx.store.blob_fetched, stream.blob_id, device_id, now)
    finally:
        await server.call(frames.close)


async def _old_fetch(container: Container, link: RelayLink, ref: wire.AttachmentRef) -> StoredBlob:
    if ref.size > MAX_BLOB_SIZE:
        raise AttachmentFailed("declared size is over the limit")
    expected = attachments.encrypted_size(ref.size)
    name = container.blobs.new_name()
    req_id = link.ids.next()
    await link.send(BlobDownload(req_id, ref.blob_id, 0))
    received = 0
    try:
        with atomic_output(container.blobs.directory / name) as fh:
            async for chunk in link.chunks(req_id):
                if chunk.offset != received:
                    raise AttachmentFailed("the relay sent the file out of order")
                received += len(chunk.data)
                if received > expected:
                    raise AttachmentFailed("more than the declared size arrived")
                fh.write(chunk.data)
            if received != expected:
                raise AttachmentFailed("shorter than the declared size")
    except AttachmentFailed:
        link.done(req_id)
        raise
    digest = hashlib.sha256()
    size = 0
    try:
        for part in container.blobs.read_chunks(name, ref.key):
            digest.update(part)
            size += len(part)
    except AttachmentMissing as exc:
        container.blobs.delete(name)
        raise AttachmentFailed(str(exc)) from exc
    if size != ref.size or digest.hexdigest() != ref.sha256:
        container.blobs.delete(name)
        raise AttachmentFailed("size or SHA-256 differ from what the sender declared")
    return StoredBlob(name, ref.key, size, ref.sha256)
