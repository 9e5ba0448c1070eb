"""Whole DICOM studies as one attachment: pack on sending, read one series on viewing.

The package (medical/study_package.py) is encrypted into the blob store straight from
the source files, chunk by chunk, so no plaintext copy of the study is ever written and
memory stays at one chunk. The receiver reads the manifest (the card's patient-free
summary) and one series at a time from the decrypted stream.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, cast

from desktop_app.crypto.secretstream import plaintext_arrived
from desktop_app.domain.ids import AttachmentId, MessageId, new_attachment_id
from desktop_app.domain.model import Attachment
from desktop_app.medical.errors import MedicalError
from desktop_app.medical.study import Study, load_study, zip_holds_dicom
from desktop_app.medical.study_package import (
    MIME_TYPE,
    SUFFIX,
    Manifest,
    PackageRefused,
    package_chunks,
    package_size,
    read_manifest,
    read_series,
    read_thumbnail_sources,
    series_arrived,
)
from desktop_app.protocol.limits import MAX_BLOB_SIZE
from desktop_app.services import partial_downloads
from desktop_app.services.attachments import ChunkReader
from desktop_app.services.errors import AttachmentFailed
from desktop_app.storage.container import Container
from desktop_app.storage.errors import AttachmentMissing


def is_study(attachment: Attachment) -> bool:
    return attachment.mime_type == MIME_TYPE


def is_study_path(path: Path) -> bool:
    """A folder, a DICOMDIR, or a ZIP whose first members include a DICOM file."""
    if path.is_dir() or path.name.upper() == "DICOMDIR":
        return True
    return path.suffix.lower() == ".zip" and zip_holds_dicom(path)


def scan(path: Path) -> Study:
    """The study at ``path``; AttachmentFailed with the medical layer's reason if not."""
    try:
        return load_study(path)
    except MedicalError as exc:
        raise AttachmentFailed(
            f"{path.name} cannot be sent as a study: {exc}", key="not_a_study", name=path.name
        ) from exc


def store_study(container: Container, study: Study, name: str, message_id: MessageId) -> Attachment:
    """Encrypt the study package into the container as one attachment of our message."""
    if package_size(study) > MAX_BLOB_SIZE:
        raise AttachmentFailed(
            f"{name} is larger than {MAX_BLOB_SIZE} bytes.", key="too_large", name=name
        )
    try:
        source = io.BufferedReader(ChunkReader(package_chunks(study)), 1 << 20)
        stored = container.blobs.put(cast(BinaryIO, source))
    except MedicalError as exc:  # a file changed or vanished while we read it
        raise AttachmentFailed(
            f"{name} could not be read: {exc}", key="study_read_failed", name=name
        ) from exc
    attachment = Attachment(
        new_attachment_id(), message_id, name + SUFFIX, MIME_TYPE, stored.size, stored.sha256
    )
    container.attachments.register(attachment, stored, None)
    return attachment


def _chunks(container: Container, attachment_id: AttachmentId) -> tuple[Iterator[bytes], int]:
    """The study's plaintext so far and how many bytes of it are complete: all of it once
    stored, the arrived prefix while the download runs (services/partial_downloads.py)."""
    download = container.blobs.in_flight.get(attachment_id)
    if download is None:
        return container.attachments.read_chunks(attachment_id), MAX_BLOB_SIZE
    return partial_downloads.arrived_chunks(download), plaintext_arrived(download.written)


def manifest(container: Container, attachment_id: AttachmentId) -> Manifest:
    """The study's manifest (only its first chunk is decrypted), also mid-download."""
    try:
        return read_manifest(_chunks(container, attachment_id)[0])[0]
    except PackageRefused as exc:
        raise AttachmentFailed(f"This study cannot be opened: {exc}.", key="study_damaged") from exc


def arrived(container: Container, attachment_id: AttachmentId) -> tuple[Manifest, int] | None:
    """The manifest and how many series (from the first) can be viewed now; None while
    not even the manifest is here. A stored study has all its series."""
    chunks, available = _chunks(container, attachment_id)
    try:
        found = read_manifest(chunks)[0]
    except AttachmentMissing:
        return None  # the download has not started, or was given up
    except PackageRefused as exc:
        if available == MAX_BLOB_SIZE:
            raise AttachmentFailed(
                f"This study cannot be opened: {exc}.", key="study_damaged"
            ) from exc
        return None
    return found, series_arrived(found, available)


def series_files(
    container: Container, attachment_id: AttachmentId, index: int
) -> tuple[Manifest, list[bytes]]:
    """The DICOM files of series ``index`` in slice order, from the decrypted stream (the
    arrived part of it while the study is still downloading)."""
    chunks, available = _chunks(container, attachment_id)
    try:
        found = read_manifest(chunks)[0]
        if index >= series_arrived(found, available) and index < len(found.series):
            raise AttachmentFailed(
                f"Series {index + 1} of this study has not arrived yet.",
                key="series_not_arrived",
                number=index + 1,
            )
        return read_series(_chunks(container, attachment_id)[0], index)
    except PackageRefused as exc:
        raise AttachmentFailed(f"This study cannot be opened: {exc}.", key="study_damaged") from exc


def overview(
    container: Container, attachment_id: AttachmentId
) -> tuple[Manifest, dict[int, bytes]]:
    """The manifest and one thumbnail source per series that has arrived (all of them
    once stored), by series index: the viewer opens mid-download and greys out the rest."""
    found = arrived(container, attachment_id)
    if found is None:
        raise AttachmentFailed("This study has not started to arrive yet.", key="study_not_started")
    try:
        return read_thumbnail_sources(_chunks(container, attachment_id)[0], found[1])
    except PackageRefused as exc:
        raise AttachmentFailed(f"This study cannot be opened: {exc}.", key="study_damaged") from exc
