"""Removing containers nobody should open again from a shared ward PC.

``wardlink profiles prune`` (IT) and the app at start (policy ``prune_unused_days``)
crypto-shred (shred.py), under a profile root:

* leftovers of an interrupted shred: a folder with container files but no key file
  (a remote wipe that lost power half-way); nothing in it can be opened any more;
* containers marked *withdrawn* (``WITHDRAWN_FILE``): IT revoked the device with
  ``--keep-data``, so the data stayed for IT to look at; pruning ends that (only when
  asked: ``include_withdrawn``);
* containers not unlocked for ``unused_days``: last use is the folder's modification
  time, which every unlock refreshes (``touch_last_used``).
"""

from __future__ import annotations

import contextlib
import os
import time
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from desktop_app.storage.keyslot import KEYSLOT_NAME
from desktop_app.storage.shred import BLOBS_DIR_NAME, DB_FILE_NAMES, shred_container

WITHDRAWN_FILE = "withdrawn"  # in the clear: says only "IT revoked this device"
SECONDS_PER_DAY = 86_400
MIN_UNUSED_DAYS = 1


class PruneReason(StrEnum):
    INTERRUPTED_WIPE = "interrupted wipe"
    WITHDRAWN = "device withdrawn by IT"
    UNUSED = "unused"


@dataclass(frozen=True, slots=True)
class Pruned:
    directory: Path
    reason: PruneReason


def touch_last_used(directory: Path) -> None:
    """Record an unlock (best effort: a read-only folder just never counts as used)."""
    with contextlib.suppress(OSError):
        os.utime(directory)


def mark_withdrawn(directory: Path) -> None:
    with contextlib.suppress(OSError):
        (directory / WITHDRAWN_FILE).touch()


def prune_profiles(
    root: Path,
    unused_days: int | None,
    *,
    include_withdrawn: bool = True,
    now: float | None = None,
) -> list[Pruned]:
    """Shred what the rules above select; returns what was removed, and why."""
    if unused_days is not None and unused_days < MIN_UNUSED_DAYS:
        raise ValueError(f"unused days must be at least {MIN_UNUSED_DAYS}")
    if not root.is_dir():
        return []
    moment = time.time() if now is None else now
    removed = []
    for child in sorted(root.iterdir()):
        if not child.is_dir() or child.is_symlink():
            continue
        reason = _reason(child, unused_days, include_withdrawn, moment)
        if reason is not None:
            shred_container(child)
            removed.append(Pruned(child, reason))
    return removed


def _reason(
    directory: Path, unused_days: int | None, include_withdrawn: bool, now: float
) -> PruneReason | None:
    has_key = (directory / KEYSLOT_NAME).is_file()
    has_data = any((directory / n).exists() for n in (*DB_FILE_NAMES, BLOBS_DIR_NAME))
    if not has_key:
        return PruneReason.INTERRUPTED_WIPE if has_data else None
    if include_withdrawn and (directory / WITHDRAWN_FILE).exists():
        return PruneReason.WITHDRAWN
    if unused_days is not None:
        idle = now - directory.stat().st_mtime
        if idle >= unused_days * SECONDS_PER_DAY:
            return PruneReason.UNUSED
    return None
