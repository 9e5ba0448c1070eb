"""Attachment bodies between the container and the relay's blob store, in bounded memory.

Sending: the file is encrypted once into the container's blob store (secretstream, a
fresh key); exactly those ciphertext bytes are uploaded, and the key travels inside the
end-to-end message. Receiving: the ciphertext is downloaded straight into the blob
store under the same key, then decrypted once to check size and SHA-256 before it
counts as stored. Neither side ever writes plaintext to disk.
"""

from __future__ import annotations

import hashlib
import mimetypes
from pathlib import Path

from desktop_app.domain.ids import AttachmentId, MessageId, new_attachment_id, new_blob_id
from desktop_app.domain.model import Attachment
from desktop_app.protocol import BlobChunk, BlobDownload, BlobReady, BlobStored, BlobUpload
from desktop_app.protocol import content as wire
from desktop_app.protocol.limits import MAX_BLOB_CHUNK, MAX_BLOB_SIZE
from desktop_app.services.errors import AttachmentFailed
from desktop_app.services.relay_link import RelayLink
from desktop_app.storage.atomic import atomic_output
from desktop_app.storage.blobs import StoredBlob
from desktop_app.storage.container import Container

UPLOAD_CHUNK = MAX_BLOB_CHUNK


def guess_mime(path: Path) -> str:
    if path.suffix.lower() == ".dcm":
        return "application/dicom"
    return mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def store_file(container: Container, path: Path, message_id: MessageId) -> Attachment:
    """Encrypt ``path`` into the container as an attachment of our own message."""
    if path.stat().st_size > MAX_BLOB_SIZE:
        raise AttachmentFailed(f"{path.name} is larger than {MAX_BLOB_SIZE} bytes.")
    with path.open("rb") as fh:
        stored = container.blobs.put(fh)
    attachment = Attachment(
        new_attachment_id(), message_id, path.name, guess_mime(path), stored.size, stored.sha256
    )
    container.attachments.register(attachment, stored, None)
    return attachment


async def reference(
    container: Container, link: RelayLink, attachment: Attachment
) -> wire.AttachmentRef:
    """Upload the stored ciphertext if not done yet; the reference for the message."""
    stored, blob_id = container.attachments.stored_body(attachment.attachment_id)
    if blob_id is None:
        blob_id = new_blob_id()
        await _upload(container, link, stored, blob_id, attachment.attachment_id)
        container.attachments.set_remote(attachment.attachment_id, blob_id)
    return wire.AttachmentRef(
        attachment.attachment_id,
        blob_id,
        stored.key,
        attachment.file_name,
        attachment.mime_type,
        attachment.size,
        attachment.sha256,
    )


async def _upload(
    container: Container, link: RelayLink, stored: StoredBlob, blob_id: str, attachment_id: str
) -> None:
    path = container.blobs.directory / stored.name
    total = path.stat().st_size
    req_id = link.ids.next()
    reply = await link.request(BlobUpload(req_id, blob_id, total))
    if isinstance(reply, BlobStored):
        return
    assert isinstance(reply, BlobReady)
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        if reply.offset:
            digest.update(fh.read(reply.offset))  # bounded: only when resuming
        offset = reply.offset
        while True:
            data = fh.read(UPLOAD_CHUNK)
            digest.update(data)
            last = offset + len(data) >= total
            await link.send(BlobChunk(req_id, blob_id, offset, data, last))
            offset += len(data)
            if link.transfer_listener is not None:
                link.transfer_listener(attachment_id, offset, total)
            if last:
                break
    done = await link.reply(req_id)
    link.done(req_id)
    if not isinstance(done, BlobStored) or done.sha256 != digest.hexdigest():
        raise AttachmentFailed("The relay stored something else than was sent; try again.")


async def download(
    container: Container, link: RelayLink, ref: wire.AttachmentRef, message_id: MessageId
) -> Attachment:
    """Fetch, verify and register one attachment of a received message."""
    name = container.blobs.new_name()
    req_id = link.ids.next()
    await link.send(BlobDownload(req_id, ref.blob_id, 0))
    received = 0
    with atomic_output(container.blobs.directory / name) as fh:
        async for chunk in link.chunks(req_id):
            fh.write(chunk.data)
            received += len(chunk.data)
            if link.transfer_listener is not None:  # ciphertext runs a little over size
                link.transfer_listener(ref.attachment_id, min(received, ref.size), ref.size)
    digest = hashlib.sha256()
    size = 0
    try:
        for part in container.blobs.read_chunks(name, ref.key):
            digest.update(part)
            size += len(part)
    except Exception:
        container.blobs.delete(name)
        raise
    if size != ref.size or digest.hexdigest() != ref.sha256:
        container.blobs.delete(name)
        raise AttachmentFailed(f"{ref.file_name} arrived damaged (size or SHA-256 differ).")
    attachment = Attachment(
        AttachmentId(ref.attachment_id), message_id, ref.file_name, ref.mime_type, size, ref.sha256
    )
    container.attachments.register(
        attachment, StoredBlob(name, ref.key, size, ref.sha256), ref.blob_id
    )
    return attachment
