"""Attachment downloads in progress, readable before their last byte has arrived.

A study (services/studies.py) is a manifest followed by its series in viewing order, so
the first series can be shown while later ones are still on their way. The download
(services/attachments.py) writes the sender's ciphertext to a temp file in the blob
store and announces it in the store's ``in_flight`` (one per unlocked container, no
process-wide registry); readers decrypt the complete secretstream chunks that have
arrived so far (each one authenticated, so nothing the relay made up is ever shown).
Nothing is held in memory but one chunk, and nothing plaintext touches the disk.
"""

from __future__ import annotations

from collections.abc import Iterator

from desktop_app.crypto import secretstream
from desktop_app.crypto.errors import StreamError
from desktop_app.domain.model import Attachment
from desktop_app.storage.blobs import BlobStore, InFlight
from desktop_app.storage.errors import AttachmentMissing


def pending_for(blobs: BlobStore, message_id: str) -> list[Attachment]:
    """The attachments of a message still downloading (for its row in the chat)."""
    return [
        d.attachment
        for d in blobs.in_flight.values()
        if d.attachment is not None and d.attachment.message_id == message_id
    ]


def arrived_chunks(download: InFlight) -> Iterator[bytes]:
    """The verified plaintext that has arrived so far, chunk by chunk."""
    available = download.written
    try:
        fh = download.path.open("rb")
    except FileNotFoundError:
        raise AttachmentMissing("The download was given up.", "download_given_up") from None
    with fh:
        try:
            yield from secretstream.decrypt_arrived(fh, download.key, available)
        except StreamError as exc:
            raise AttachmentMissing(
                f"The download is damaged: {exc}.", "download_damaged", str(exc)
            ) from exc
