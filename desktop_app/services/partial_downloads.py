"""Attachment downloads in progress, readable before their last byte has arrived.

A study (services/studies.py) is a manifest followed by its series in viewing order, so
the first series can be shown while later ones are still on their way. The download
(services/attachments.py) writes the sender's ciphertext to a temp file in the blob
store and announces it here; readers decrypt the complete secretstream chunks that have
arrived so far (each one authenticated, so nothing the relay made up is ever shown).
Nothing is held in memory but one chunk, and nothing plaintext touches the disk.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from desktop_app.crypto import secretstream
from desktop_app.crypto.errors import StreamError
from desktop_app.domain.model import Attachment
from desktop_app.storage.errors import AttachmentMissing


@dataclass
class InFlight:
    """One download: where its ciphertext grows, its key, and how much is written."""

    path: Path
    key: bytes
    size: int  # declared plaintext size
    written: int = 0  # ciphertext bytes flushed to ``path``
    attachment: Attachment | None = None  # what it will be (a study's card shows early)


# (blob directory, attachment id) -> the download; two profiles in one process (tests,
# the bench) receive the same attachment id, so the directory is part of the key.
_IN_FLIGHT: dict[tuple[Path, str], InFlight] = {}


def started(directory: Path, attachment_id: str, download: InFlight) -> None:
    _IN_FLIGHT[(directory, attachment_id)] = download


def finished(directory: Path, attachment_id: str) -> None:
    _IN_FLIGHT.pop((directory, attachment_id), None)


def in_flight(directory: Path, attachment_id: str) -> InFlight | None:
    return _IN_FLIGHT.get((directory, attachment_id))


def pending_for(directory: Path, message_id: str) -> list[Attachment]:
    """The attachments of a message still downloading (for its row in the chat)."""
    return [
        d.attachment
        for (where, _), d in _IN_FLIGHT.items()
        if where == directory and d.attachment is not None and d.attachment.message_id == message_id
    ]


def arrived_chunks(download: InFlight) -> Iterator[bytes]:
    """The verified plaintext that has arrived so far, chunk by chunk."""
    available = download.written
    try:
        fh = download.path.open("rb")
    except FileNotFoundError:
        raise AttachmentMissing("The download was given up.") from None
    with fh:
        try:
            yield from secretstream.decrypt_arrived(fh, download.key, available)
        except StreamError as exc:
            raise AttachmentMissing(f"The download is damaged: {exc}.") from exc
