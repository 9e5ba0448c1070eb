"""Encrypt a file into the blob store and upload it in the same pass.

``BlobStore.put`` then ``attachments.upload_stored`` encrypt the whole file first (the
relay idle meanwhile) and read the ciphertext back from disk to send it. Here each
sealed chunk is written to the at-rest copy and sent as soon as it is made, so the relay
stores the first piece while the next is encrypted (the two run on different cores) and
the file is not read twice. Used where the body goes out at once (a team document's new
version, a restore); a message's attachment is stored first so that it survives a
missing relay, and uploaded later.

Nothing is kept of a failed upload: the at-rest copy is removed, whatever failed.
"""

from __future__ import annotations

import asyncio
import hashlib
import secrets
from typing import BinaryIO

from desktop_app.crypto.secretstream import KEY_BYTES, StreamSealer, encrypted_size
from desktop_app.protocol import BlobChunk, BlobReady, BlobStored, BlobUpload
from desktop_app.services.errors import AttachmentFailed
from desktop_app.services.file_sync import sync_file
from desktop_app.services.relay_link import RelayLink
from desktop_app.storage.atomic import atomic_output, fsync_directory
from desktop_app.storage.blobs import StoredBlob
from desktop_app.storage.container import Container


async def seal_and_upload(
    container: Container,
    link: RelayLink,
    source: BinaryIO,
    size: int,
    blob_id: str,
    label: str,
    chunk_bytes: int,
) -> StoredBlob:
    """``source`` (``size`` bytes of plaintext) encrypted into the blob store and
    uploaded as the new blob ``blob_id`` in frames of ``chunk_bytes``; AttachmentFailed
    if the file changed size meanwhile or the relay stored something else."""
    total = encrypted_size(size)
    req_id = link.ids.next()
    reply = await link.request(BlobUpload(req_id, blob_id, total))
    if not isinstance(reply, BlobReady) or reply.offset:
        link.done(req_id)
        raise AttachmentFailed(
            "The relay holds another file under this new id; try again.", key="blob_id_taken"
        )
    key = secrets.token_bytes(KEY_BYTES)
    name = container.blobs.new_name()
    sealer = StreamSealer(key)
    digest = hashlib.sha256()
    try:
        with atomic_output(container.blobs.directory / name, durable=False) as fh:
            pending = bytearray()
            offset = 0
            for piece in sealer.pieces(source):
                fh.write(piece)
                pending += piece
                if offset + len(pending) > total:
                    raise AttachmentFailed(
                        "The file changed while it was sent; try again.", key="file_changed"
                    )
                while len(pending) > chunk_bytes:  # the last frame is never empty
                    data = bytes(pending[:chunk_bytes])
                    del pending[:chunk_bytes]
                    digest.update(data)
                    await link.send(BlobChunk(req_id, blob_id, offset, data, False))
                    offset += len(data)
                    _progress(link, label, offset, total)
            if offset + len(pending) != total:  # shorter than its size said
                raise AttachmentFailed(
                    "The file changed while it was sent; try again.", key="file_changed"
                )
            digest.update(pending)
            await link.send(BlobChunk(req_id, blob_id, offset, bytes(pending), True))
            _progress(link, label, total, total)
            # The at-rest copy goes to disk while the relay stores its last pieces.
            synced = asyncio.ensure_future(sync_file(fh))
            try:
                done = await link.reply(req_id)
            finally:
                await asyncio.shield(synced)  # never close the file under the fsync
        fsync_directory(container.blobs.directory)
    except BaseException:
        link.done(req_id)
        container.blobs.delete(name)
        raise
    link.done(req_id)
    summary = sealer.summary()
    if not isinstance(done, BlobStored) or done.sha256 != digest.hexdigest():
        container.blobs.delete(name)
        raise AttachmentFailed(
            "The relay stored something else than was sent; try again.", key="relay_stored_else"
        )
    return StoredBlob(name, key, summary.size, summary.sha256)


def _progress(link: RelayLink, label: str, done: int, total: int) -> None:
    if link.transfer_listener is not None:
        link.transfer_listener(label, done, total)
