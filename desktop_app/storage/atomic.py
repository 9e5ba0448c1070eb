"""Write a file completely or not at all: temp file, fsync, rename.

Used for every file the container writes outside SQLite (key file, attachment bodies,
the user's explicit exports), so a full disk or a crash never leaves half a file where
a whole one is expected, and OS errors arrive as typed container errors.

Each file is created readable by its owner only (0600 on POSIX): an export holds
patient data in plaintext, and on a PC several people log in to, the umask's usual
0644 let every other login read it wherever it was saved. The temporary file is made
afresh (``O_EXCL``), so a name planted beforehand in a shared folder, a symlink to
another person's file included, is never written through.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from desktop_app.storage.database import translate

TMP_PREFIX = ".tmp-"
_PRIVATE_NEW = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


def write_whole(path: Path, data: bytes) -> None:
    """``data`` as the file ``path``: whole or not at all, readable by its owner only."""
    with atomic_output(path) as fh:
        fh.write(data)


@contextmanager
def atomic_output(path: Path, *, durable: bool = True) -> Iterator[BinaryIO]:
    """Yield a file to write; on success it replaces ``path``, on any error it vanishes.

    ``durable=False``: neither the file nor the rename is synced here; a caller that
    syncs the file itself (inside the block) then calls ``fsync_directory``."""
    tmp = path.with_name(TMP_PREFIX + path.name)
    try:
        tmp.unlink(missing_ok=True)  # left by a crash: made afresh below
        fd = os.open(tmp, _PRIVATE_NEW, 0o600)
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        tmp.replace(path)
        if durable:
            fsync_directory(path.parent)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        typed = translate(exc)
        if typed is None:
            raise
        raise typed from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def fsync_directory(directory: Path) -> None:
    """Make a rename in ``directory`` durable (for a caller that synced the file itself);
    OS errors arrive typed, as from ``atomic_output``."""
    if os.name != "posix":
        return
    try:
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        typed = translate(exc)
        if typed is None:
            raise
        raise typed from exc
