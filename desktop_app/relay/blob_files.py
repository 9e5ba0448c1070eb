"""Attachment ciphertext on the relay's disk, one file per blob, written in order.

Clients encrypt before upload, so these bytes are already ciphertext; the relay only
checks that chunks arrive in order and within the declared size, so an upload can
resume after a dropped connection and never grows past what was announced.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from desktop_app.relay.errors import BlobError, BlobNotFound

log = logging.getLogger("wardlink.relay")

_VALID_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
READ_CHUNK = 256 * 1024


MAX_TRACKED_UPLOADS = 1024
"""Running hashes kept in memory (the uploads appended to most recently); an upload
without one has its file read again at its end."""


class BlobFiles:
    """Blob files plus a running SHA-256 per upload in progress.

    Chunks are fsynced once, with the last one (before BlobStored): an interrupted
    upload resumes from what is on disk, and the client compares the final SHA-256
    with its own, so a tail lost in a crash is sent again, never silently kept.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        self._hashing: dict[str, tuple[int, Any]] = {}
        # Appends run on blob threads (relay/blob_transfer.py): one at a time, so two
        # connections of one device cannot interleave chunks of the same blob.
        self._appending = threading.Lock()

    def path(self, blob_id: str) -> Path:
        if not _VALID_ID.fullmatch(blob_id):
            raise BlobError("invalid blob id")
        return self.directory / blob_id

    def size(self, blob_id: str) -> int:
        path = self.path(blob_id)
        return path.stat().st_size if path.exists() else 0

    def append(
        self, blob_id: str, offset: int, data: bytes, total_size: int, *, last: bool = True
    ) -> int:
        """Write ``data`` at ``offset``; returns the new size. Out-of-order is refused."""
        with self._appending:
            size = self._append(blob_id, offset, data, total_size)
        if last:  # outside the lock: another upload's chunks need not wait for this fsync
            with self.path(blob_id).open("ab") as fh:
                os.fsync(fh.fileno())
        return size

    def _append(self, blob_id: str, offset: int, data: bytes, total_size: int) -> int:
        path = self.path(blob_id)
        current = path.stat().st_size if path.exists() else 0
        if offset != current:
            raise BlobError(f"chunk at offset {offset}, but the relay has {current} bytes")
        if current + len(data) > total_size:
            raise BlobError("chunk goes past the announced blob size")
        # 0600 whatever the umask: a shared blobs_dir may be traversable by others.
        with os.fdopen(os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600), "ab") as fh:
            fh.write(data)
        hashed, digest = self._hashing.pop(blob_id, (-1, None))
        if hashed == current and digest is not None:
            digest.update(data)
            self._track(blob_id, current + len(data), digest)
        elif current == 0:
            self._track(blob_id, len(data), hashlib.sha256(data))
        return current + len(data)

    def _track(self, blob_id: str, size: int, digest: Any) -> None:
        """Keep ``digest`` running; when full, the upload appended to longest ago gives
        way (the dict is in append order: ``_append`` pops and re-inserts). Refusing new
        ones instead let abandoned uploads hold every slot until they expired, so one
        colleague's client made everyone's uploads re-read their files at the end."""
        if len(self._hashing) >= MAX_TRACKED_UPLOADS:
            stale = next(iter(self._hashing))
            del self._hashing[stale]
            log.info("running hashes full: blob %s is hashed again at its end", stale)
        self._hashing[blob_id] = (size, digest)

    def sha256(self, blob_id: str) -> str:
        """Of the whole blob: the running hash if it covers the file, else a re-read."""
        hashed, digest = self._hashing.pop(blob_id, (-1, None))
        if digest is not None and hashed == self.size(blob_id):
            return str(digest.hexdigest())
        digest = hashlib.sha256()
        for chunk in self.read(blob_id, 0):
            digest.update(chunk)
        return str(digest.hexdigest())

    def read(self, blob_id: str, offset: int, chunk: int = READ_CHUNK) -> Iterator[bytes]:
        """The blob's bytes from ``offset``. The file is opened here, not at the first
        chunk, so a missing file is "unknown blob" to the asker, not a relay error."""
        try:
            fh = self.path(blob_id).open("rb")
        except FileNotFoundError:
            raise BlobNotFound(f"unknown blob {blob_id}") from None
        return _chunks(fh, offset, chunk)

    def delete(self, blob_id: str) -> None:
        with self._appending:  # not between an append's size check and its write
            self._hashing.pop(blob_id, None)
            self.path(blob_id).unlink(missing_ok=True)


def _chunks(fh: BinaryIO, offset: int, chunk: int) -> Iterator[bytes]:
    with fh:
        fh.seek(offset)
        while block := fh.read(chunk):
            yield block
