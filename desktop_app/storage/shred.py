"""Crypto-shredding a container: destroy the key file first, then everything else.

The database is encrypted under a random key that exists on disk only inside the key
file (wrapped under the passphrase). Overwriting and deleting that one small file makes
the database, its WAL and the blob files unreadable for good, even from a copy taken
before (a copy of the key file itself is the only way back, so it is destroyed first).
The rest is then deleted so nothing is left on the PC. Overwriting is best effort on
SSDs and copy-on-write file systems; the guarantee is the missing key, not the zeroes.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
from pathlib import Path

from desktop_app.storage.atomic import TMP_PREFIX
from desktop_app.storage.keyslot import KEYSLOT_NAME

DB_FILE_NAMES = ("container.db", "container.db-wal", "container.db-shm")
BLOBS_DIR_NAME = "blobs"
OVERWRITE_PASSES = 2  # random, then zeroes: enough for a file the size of a key file


def shred_container(directory: Path, *, keep_folder: bool = False) -> None:
    """Destroy the container at ``directory``: key file, database, blobs, folder.

    Close the container's database first. Missing parts are skipped, so a shred that
    was interrupted (power cut) can simply run again. ``keep_folder``: the folder was
    there before the container (a person's own folder): only the container's files go.
    """
    directory = Path(directory)
    for name in (KEYSLOT_NAME, TMP_PREFIX + KEYSLOT_NAME):
        _overwrite_and_unlink(directory / name)
    _fsync_dir(directory)
    for name in DB_FILE_NAMES:
        (directory / name).unlink(missing_ok=True)
    blobs = directory / BLOBS_DIR_NAME
    if blobs.is_dir():
        for path in sorted(blobs.rglob("*"), reverse=True):
            if path.is_dir() and not path.is_symlink():
                path.rmdir()
            else:
                path.unlink(missing_ok=True)
        blobs.rmdir()
    if directory.is_dir() and not keep_folder:
        shutil.rmtree(directory, ignore_errors=True)


def _overwrite_and_unlink(path: Path) -> None:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return
    with path.open("r+b") as fh:
        for fill in (secrets.token_bytes(size), bytes(size))[:OVERWRITE_PASSES]:
            fh.seek(0)
            fh.write(fill)
            fh.flush()
            os.fsync(fh.fileno())
    path.unlink()


def _fsync_dir(directory: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
