"""Encrypted files beside the database for attachment bodies.

Each body is its own file under ``blobs/``, encrypted with a fresh per-file key that
lives only in the database (desktop_app.crypto.secretstream). File names are random,
so they reveal nothing. A body is written to a temp file and renamed only when
complete; a failed or interrupted write leaves no partial body behind.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from desktop_app.crypto import secretstream
from desktop_app.crypto.errors import StreamError
from desktop_app.domain.model import Attachment
from desktop_app.storage.atomic import TMP_PREFIX, atomic_output
from desktop_app.storage.errors import AttachmentMissing

BLOB_SUFFIX = ".wlss"


@dataclass(frozen=True, slots=True)
class StoredBlob:
    name: str
    key: bytes
    size: int
    sha256: str


@dataclass
class InFlight:
    """A download being written into the store: where its ciphertext grows, its key and
    how much is flushed, so it can be read before its last byte (a study's first series:
    services/partial_downloads.py)."""

    path: Path
    key: bytes
    size: int  # declared plaintext size
    written: int = 0  # ciphertext bytes flushed to ``path``
    attachment: Attachment | None = None  # what it will be (a study's card shows early)


class BlobStore:
    def __init__(self, directory: Path) -> None:
        self._dir = directory
        self._dir.mkdir(mode=0o700, exist_ok=True)
        # attachment id -> its download now running into this store
        self.in_flight: dict[str, InFlight] = {}

    @property
    def directory(self) -> Path:
        return self._dir

    def put(self, source: BinaryIO) -> StoredBlob:
        """Encrypt ``source`` into a new file; raises DiskFull and leaves nothing on failure."""
        key = secrets.token_bytes(secretstream.KEY_BYTES)
        name = self.new_name()
        with atomic_output(self._dir / name) as fh:
            summary = secretstream.encrypt_stream(source, fh, key)
        return StoredBlob(name=name, key=key, size=summary.size, sha256=summary.sha256)

    def new_name(self) -> str:
        """A fresh random body file name (write it with ``atomic_output``)."""
        return secrets.token_hex(16) + BLOB_SUFFIX

    def read_chunks(self, name: str, key: bytes) -> Iterator[bytes]:
        """Yield the verified plaintext in chunks (bounded memory)."""
        path = self._path(name)
        try:
            fh = path.open("rb")
        except FileNotFoundError:
            raise AttachmentMissing(
                "The attachment's file is missing from this PC.", "file_missing"
            ) from None
        with fh:
            try:
                yield from secretstream.decrypt_chunks(fh, key)
            except StreamError as exc:
                raise AttachmentMissing(
                    f"The attachment's file is damaged: {exc}.", "file_damaged", str(exc)
                ) from exc

    def delete(self, name: str) -> None:
        self._path(name).unlink(missing_ok=True)

    def names(self) -> set[str]:
        return {p.name for p in self._dir.iterdir() if p.name.endswith(BLOB_SUFFIX)}

    def sweep(self, referenced: Iterable[str]) -> int:
        """Delete orphans (from a crash between writing a body and its row) and temp files."""
        keep = set(referenced)
        removed = 0
        for path in self._dir.iterdir():
            if path.name.startswith(TMP_PREFIX) or (
                path.name.endswith(BLOB_SUFFIX) and path.name not in keep
            ):
                path.unlink(missing_ok=True)
                removed += 1
        return removed

    def _path(self, name: str) -> Path:
        if "/" in name or "\\" in name or not name.endswith(BLOB_SUFFIX) or name.startswith("."):
            raise AttachmentMissing("The attachment's file name is invalid.", "file_name_invalid")
        return self._dir / name
