"""Attachment bodies between the container and the relay's blob store, in bounded memory.

Sending: the file is encrypted once into the container's blob store (secretstream, a
fresh key); exactly those ciphertext bytes are uploaded, and the key travels inside the
end-to-end message. Receiving: the ciphertext is downloaded straight into the blob
store under the same key (stopping as soon as more arrives than the declared size
allows), then decrypted once to check size and SHA-256 before it counts as stored. A
download that fails leaves the attachment marked FAILED (message kept, re-fetch
possible) instead of blocking the envelope. Neither side ever writes plaintext to disk.
"""

from __future__ import annotations

import hashlib
import io
import logging
import mimetypes
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any, BinaryIO, cast

import msgspec

from desktop_app.crypto.errors import StreamError
from desktop_app.crypto.secretstream import StreamVerifier, encrypted_size
from desktop_app.domain.file_names import plain_file_name
from desktop_app.domain.ids import AttachmentId, MessageId, new_attachment_id, new_blob_id
from desktop_app.domain.model import Attachment, AttachmentState
from desktop_app.protocol import (
    BlobChunk,
    BlobDownload,
    BlobReady,
    BlobStored,
    BlobUpload,
    ErrorCode,
)
from desktop_app.protocol import content as wire
from desktop_app.protocol.limits import MAX_BLOB_CHUNK, MAX_BLOB_SIZE
from desktop_app.services.chosen_file import chosen_file
from desktop_app.services.errors import AttachmentFailed, RelayRefused
from desktop_app.services.relay_link import RelayLink
from desktop_app.services.shared_fetches import BodyFetches
from desktop_app.storage.atomic import TMP_PREFIX, atomic_output
from desktop_app.storage.blobs import InFlight, StoredBlob
from desktop_app.storage.container import Container

UPLOAD_CHUNK = MAX_BLOB_CHUNK
log = logging.getLogger("wardlink.attachments")
# The relay's answers about one blob (unknown, incomplete); anything else is about the
# connection and must not mark the attachment failed.
BLOB_REFUSALS = frozenset({ErrorCode.NOT_FOUND.value, ErrorCode.CONFLICT.value})


def guess_mime(path: Path) -> str:
    if path.suffix.lower() == ".dcm":
        return "application/dicom"
    return mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def store_file(container: Container, path: Path, message_id: MessageId) -> Attachment:
    """Encrypt ``path`` into the container as an attachment of our own message."""
    with chosen_file(path):  # gone, not allowed: named, not the OS's words
        size = path.stat().st_size
        fh = path.open("rb")
    with fh:
        if size > MAX_BLOB_SIZE:
            raise AttachmentFailed(
                f"{path.name} is larger than {MAX_BLOB_SIZE} bytes.",
                key="too_large",
                name=path.name,
            )
        stored = container.blobs.put(fh)
    attachment = Attachment(
        new_attachment_id(), message_id, path.name, guess_mime(path), stored.size, stored.sha256
    )
    container.attachments.register(attachment, stored, None)
    return attachment


def store_bytes(container: Container, name: str, data: bytes, message_id: MessageId) -> Attachment:
    """Encrypt in-memory bytes (a pasted picture) into the container as an attachment of
    our own message; no plaintext file exists at any point."""
    if len(data) > MAX_BLOB_SIZE:
        raise AttachmentFailed(
            f"{name} is larger than {MAX_BLOB_SIZE} bytes.", key="too_large", name=name
        )
    stored = container.blobs.put(io.BytesIO(data))
    attachment = Attachment(
        new_attachment_id(), message_id, name, guess_mime(Path(name)), stored.size, stored.sha256
    )
    container.attachments.register(attachment, stored, None)
    return attachment


def copy_to(container: Container, source: Attachment, message_id: MessageId) -> Attachment:
    """Re-encrypt a stored attachment (streamed, never whole in memory, never a plaintext
    file) as an attachment of another message of mine: a forward gets a new key and blob."""
    chunks = container.attachments.read_chunks(source.attachment_id)
    stored = container.blobs.put(cast(BinaryIO, io.BufferedReader(ChunkReader(chunks))))
    if stored.sha256 != source.sha256:
        raise AttachmentFailed(
            f"{source.file_name} changed while it was copied.",
            key="copy_changed",
            name=source.file_name,
        )
    copy = Attachment(
        new_attachment_id(), message_id, source.file_name, source.mime_type, stored.size,
        stored.sha256,
    )  # fmt: skip
    container.attachments.register(copy, stored, None)
    return copy


class ChunkReader(io.RawIOBase):
    """A readable file over decrypted chunks, for BlobStore.put."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._rest = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._rest:
            chunk = next(self._chunks, None)
            if chunk is None:
                return 0
            self._rest = chunk
        size = min(len(buffer), len(self._rest))
        buffer[:size] = self._rest[:size]
        self._rest = self._rest[size:]
        return size


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


async def upload_stored(
    container: Container, link: RelayLink, stored: StoredBlob, blob_id: str, label: str
) -> None:
    """Upload a body's ciphertext as it lies in the blob store as blob ``blob_id`` (a team
    document's version, or a copy of it for a new member: services/documents.py)."""
    await _upload(container, link, stored, blob_id, label)


async def fetch_verified(
    container: Container, link: RelayLink, ref: wire.AttachmentRef
) -> StoredBlob:
    """Download and verify a body (AttachmentFailed or RelayRefused if not to be had)."""
    return await _fetch(container, link, ref)


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
        raise AttachmentFailed(
            "The relay stored something else than was sent; try again.", key="relay_stored_else"
        )


async def download(
    container: Container,
    link: RelayLink,
    ref: wire.AttachmentRef,
    message_id: MessageId,
    fetches: BodyFetches,
) -> Attachment:
    """Fetch, verify and register one attachment of a received message.

    A body that is not what its sender declared (too large, too small, damaged, gone
    from the relay) never raises: the attachment is registered as FAILED with the
    reason, so the message still shows, its envelope can be acknowledged, and the user
    can try again (``refetch``). Only a lost connection raises (``RelayUnavailable``):
    then the envelope is not acknowledged and comes again after the reconnect. Asked
    for while the same download runs, it waits for that one (services/shared_fetches.py).
    """
    key = ("download", message_id, ref.attachment_id, ref.blob_id)  # ids are a peer's word
    return await fetches.shared(key, lambda: _download(container, link, ref, message_id))


async def _download(
    container: Container, link: RelayLink, ref: wire.AttachmentRef, message_id: MessageId
) -> Attachment:
    ref = msgspec.structs.replace(ref, file_name=plain_file_name(ref.file_name))  # a peer's word
    attachment = Attachment(
        AttachmentId(ref.attachment_id),
        message_id,
        ref.file_name,
        ref.mime_type,
        ref.size,
        ref.sha256,
    )
    if container.attachments.holds(attachment.attachment_id) or _downloading(container, ref):
        # Another message's id (a redelivery asks only for the missing ones): its row
        # stays, and a download now would be a file without a row. Taken too while
        # another message's download of it runs: readers find a download in progress
        # by the id alone (a study's first series), so it must stay that one's.
        log.warning("attachment %s of %s: the id is taken", ref.attachment_id, message_id)
        return attachment
    held = container.attachments.held_body(ref.key, ref.sha256, ref.size)
    if held is not None:  # one upload named again and again is kept once (docs/security.md)
        container.attachments.register(attachment, held, ref.blob_id, shared=True)
        return attachment
    stored = await _try_fetch(container, link, ref, attachment)
    if isinstance(stored, str):
        log.warning("attachment %s of %s failed: %s", ref.attachment_id, message_id, stored)
        container.attachments.register_failed(attachment, ref.key, ref.blob_id, stored)
        return replace(attachment, state=AttachmentState.FAILED, failure=stored)
    container.attachments.register(attachment, stored, ref.blob_id)
    return attachment


async def _try_fetch(
    container: Container, link: RelayLink, ref: wire.AttachmentRef, attachment: Attachment
) -> StoredBlob | str:
    """The verified body, or why it could not be had (a lost link still raises)."""
    try:
        return await _fetch(container, link, ref, attachment)
    except (AttachmentFailed, RelayRefused) as exc:
        if isinstance(exc, RelayRefused) and exc.code not in BLOB_REFUSALS:
            raise
        return _reason(ref, exc)


async def refetch(
    container: Container,
    link: RelayLink,
    message_id: MessageId,
    attachment_id: AttachmentId,
    fetches: BodyFetches,
) -> Attachment:
    """Try a failed attachment's download again; returns it as it now stands. Two at
    once ("Retry download" twice, or from two windows) share one download and one
    record of its outcome (services/shared_fetches.py)."""
    key = ("refetch", message_id, attachment_id)
    return await fetches.shared(key, lambda: _refetch(container, link, message_id, attachment_id))


async def _refetch(
    container: Container, link: RelayLink, message_id: MessageId, attachment_id: AttachmentId
) -> Attachment:
    current = {a.attachment_id: a for a in container.attachments.for_message(message_id)}
    attachment = current.get(attachment_id)
    if attachment is None:
        raise AttachmentFailed("This message has no such attachment.", key="no_attachment")
    source = container.attachments.failed_source(attachment_id)
    if attachment.state is not AttachmentState.FAILED or source is None:
        return attachment
    blob_id, key = source
    ref = wire.AttachmentRef(
        attachment_id,
        blob_id,
        key,
        attachment.file_name,
        attachment.mime_type,
        attachment.size,
        attachment.sha256,
    )
    stored = await _try_fetch(container, link, ref, attachment)
    if isinstance(stored, str):
        container.attachments.mark_failed(attachment_id, stored)
        return replace(attachment, failure=stored)
    container.attachments.mark_stored(attachment_id, stored)
    return replace(attachment, state=AttachmentState.STORED, failure="")


async def _fetch(
    container: Container,
    link: RelayLink,
    ref: wire.AttachmentRef,
    attachment: Attachment | None = None,
) -> StoredBlob:
    """Download the ciphertext into the blob store, verifying it as it arrives (every
    chunk authenticated, the plaintext hashed: no second pass over the file), and
    AttachmentFailed if it is not exactly what the reference declares. Gives up as soon
    as more bytes arrive than the declared size can encrypt to, or at the first altered
    chunk, so a bad blob costs at most one extra frame."""
    if ref.size > MAX_BLOB_SIZE:
        raise AttachmentFailed(f"declared size {ref.size} bytes is over the {MAX_BLOB_SIZE} limit")
    expected = encrypted_size(ref.size)  # secretstream's size is exact for a given plaintext
    name = container.blobs.new_name()
    verifier = StreamVerifier(ref.key)
    directory = container.blobs.directory
    # Announced so a study's first series can be read before the last byte is here, and
    # before the first await, so a second download of the id sees it (``_downloading``).
    progress = InFlight(
        directory / (TMP_PREFIX + name),
        ref.key,
        ref.size,
        attachment=None
        if attachment is None
        else replace(attachment, state=AttachmentState.DOWNLOADING, failure=""),
    )
    container.blobs.in_flight[ref.attachment_id] = progress
    req_id = link.ids.next()
    received = 0
    try:
        await link.send(BlobDownload(req_id, ref.blob_id, 0))
        with atomic_output(directory / name) as fh:
            async for chunk in link.chunks(req_id):
                if chunk.offset != received:
                    raise AttachmentFailed("the relay sent the file out of order")
                received += len(chunk.data)
                if received > expected:
                    raise AttachmentFailed(
                        f"more than the declared {ref.size} bytes arrived; download stopped"
                    )
                verifier.feed(chunk.data)
                fh.write(chunk.data)
                fh.flush()
                progress.written = received
                if link.transfer_listener is not None:  # ciphertext runs a little over size
                    link.transfer_listener(ref.attachment_id, min(received, ref.size), ref.size)
            if received != expected:
                raise AttachmentFailed(f"shorter than the declared {ref.size} bytes")
            summary = verifier.finish()
            if summary.size != ref.size or summary.sha256 != ref.sha256:
                raise AttachmentFailed("size or SHA-256 differ from what the sender declared")
    except StreamError as exc:  # secretstream refused it: altered, or the wrong key
        link.done(req_id)
        raise AttachmentFailed(f"The attachment's file is damaged: {exc}.") from exc
    except AttachmentFailed:
        link.done(req_id)  # what the relay still sends for this download is dropped
        raise
    finally:
        if container.blobs.in_flight.get(ref.attachment_id) is progress:
            del container.blobs.in_flight[ref.attachment_id]
    return StoredBlob(name, ref.key, summary.size, ref.sha256)


def _downloading(container: Container, ref: wire.AttachmentRef) -> bool:
    """Whether a download of ``ref``'s attachment id runs into this container now (a
    refetch's, or another message's that chose the same id)."""
    return ref.attachment_id in container.blobs.in_flight


def _reason(ref: wire.AttachmentRef, exc: Exception) -> str:
    if isinstance(exc, RelayRefused):
        return f"{ref.file_name}: the relay could not provide it ({exc})."
    return f"{ref.file_name} arrived damaged: {exc}."
