"""`profiles prune`: containers of withdrawn devices, leftovers of an interrupted wipe,
and containers nobody unlocked for N days are crypto-shredded; the rest stay."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from desktop_app.storage.container import Container
from desktop_app.storage.keyslot import KEYSLOT_NAME, Owner
from desktop_app.storage.prune import (
    SECONDS_PER_DAY,
    WITHDRAWN_FILE,
    PruneReason,
    prune_profiles,
)
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.test_cli import wardlink


def _make(root: Path, name: str, *, idle_days: float = 0) -> Path:
    directory = root / name
    Container.create(directory, PASSPHRASE, Owner(name), kdf=FAST_KDF).close()
    if idle_days:
        then = time.time() - idle_days * SECONDS_PER_DAY
        os.utime(directory, (then, then))
    return directory


def test_prune_removes_withdrawn_interrupted_and_unused(tmp_path: Path) -> None:
    root = tmp_path / "profiles"
    used = _make(root, "used", idle_days=2)
    old = _make(root, "old", idle_days=45)
    withdrawn = _make(root, "withdrawn")
    (withdrawn / WITHDRAWN_FILE).touch()
    interrupted = _make(root, "interrupted")
    (interrupted / KEYSLOT_NAME).unlink()  # the wipe lost power after the key file
    (root / "not-a-container").mkdir()

    kept_back = prune_profiles(root, 30, include_withdrawn=False)  # the app at start
    assert {(p.directory.name, p.reason) for p in kept_back} == {
        ("old", PruneReason.UNUSED),
        ("interrupted", PruneReason.INTERRUPTED_WIPE),
    }
    assert withdrawn.exists() and used.exists() and not old.exists()

    assert [(p.directory, p.reason) for p in prune_profiles(root, None)] == [
        (withdrawn, PruneReason.WITHDRAWN)
    ]
    assert sorted(p.name for p in root.iterdir()) == ["not-a-container", "used"]
    with pytest.raises(ValueError, match="at least"):
        prune_profiles(root, 0)


def test_unlocking_counts_as_use(tmp_path: Path) -> None:
    root = tmp_path / "profiles"
    directory = _make(root, "anna", idle_days=100)
    Container.open(directory, PASSPHRASE).close()
    assert prune_profiles(root, 30) == []
    assert (directory / KEYSLOT_NAME).is_file()


def test_profiles_prune_command(tmp_path: Path) -> None:
    root = tmp_path / "profiles"
    _make(root, "old", idle_days=45)
    _make(root, "new")
    done = wardlink("profiles", "prune", "--root", str(root), "--unused-days", "30")
    assert done.returncode == 0, done.stderr
    assert "(unused)" in done.stdout and "1 container(s) removed" in done.stdout
    assert [p.name for p in root.iterdir()] == ["new"]
    listed = wardlink("profiles", "--root", str(root))
    assert listed.returncode == 0 and "new" in listed.stdout
