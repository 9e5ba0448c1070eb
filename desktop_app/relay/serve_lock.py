"""Who is using a relay's data directory: serving relays, or a command that replaces its store.

A serving relay (``RelayRunner.start`` until ``stop``) holds a shared lock on
``relay.serve.lock`` in the data directory; ``relay migrate-store`` and ``relay
encrypt-db`` take it exclusively, without waiting. So a store move is refused while a
relay serves (before, ``migrate-store`` ran beside a serving relay: relay.json then
named PostgreSQL, admin commands wrote there, and the running relay went on with the
renamed relay.db, refusing every enrollment code issued after the move as "unknown"),
and a relay does not start while a move runs. Several relay processes may serve at once
(shared). flock is released by the kernel when a process dies, so a crash leaves no
stale lock. Windows has no flock: there the check is skipped (stop the service first).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Final

from desktop_app.relay.errors import RelayDataError

SERVE_LOCK_NAME: Final = "relay.serve.lock"

if sys.platform != "win32":
    import fcntl


def _try_lock(root: Path, exclusive: bool) -> int | None:
    """The locked file descriptor, or None when the other kind of holder has it."""
    fd = os.open(root / SERVE_LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
    if sys.platform == "win32":
        return fd
    try:
        fcntl.flock(fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    return fd


class ServingLock:
    """Held by a serving relay from ``acquire`` to ``release``."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._fd: int | None = None

    def acquire(self) -> None:
        if self._fd is not None:
            return
        fd = _try_lock(self.root, exclusive=False)
        if fd is None:
            raise RelayDataError(
                f"{self.root} is being changed by `relay migrate-store` or `relay encrypt-db`; "
                "start the relay when that has finished"
            )
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # releases the flock
            self._fd = None


@contextmanager
def store_replacement(root: Path, action: str) -> Iterator[None]:
    """Exclusive use of ``root`` for ``relay ACTION``; refused while a relay serves it."""
    fd = _try_lock(root, exclusive=True)
    if fd is None:
        raise RelayDataError(
            f"a relay is serving {root}: stop it first (systemctl stop wardlink-relay, or "
            f"SIGTERM / Ctrl-C), then run `wardlink relay {action}` again; nothing was changed"
        )
    try:
        yield
    finally:
        os.close(fd)
