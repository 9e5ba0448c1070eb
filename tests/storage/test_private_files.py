"""Files WardLink writes outside its containers (exports, copies) are its owner's alone.

An export holds patient data in plaintext; with the usual umask (022) it was created
0644, so on a PC several people log in to every other login could read it wherever it
was saved, and a name planted in a shared folder (a symlink at the temporary file's
name) made the export write through it into another file."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.storage.atomic import TMP_PREFIX, atomic_output, write_whole

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


@pytest.fixture
def usual_umask() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_an_export_is_readable_by_its_owner_only(tmp_path: Path, usual_umask: None) -> None:
    handover = tmp_path / "Übergabe Station 3B.pdf"
    write_whole(handover, b"%PDF- Zimmer 7: Kalium 6,1")
    assert handover.read_bytes() == b"%PDF- Zimmer 7: Kalium 6,1"
    assert mode(handover) == 0o600
    with atomic_output(tmp_path / "Dienstplan.ics") as fh:
        fh.write(b"BEGIN:VCALENDAR")
    assert mode(tmp_path / "Dienstplan.ics") == 0o600


def test_a_symlink_planted_at_the_temporary_name_is_not_written_through(
    tmp_path: Path, usual_umask: None
) -> None:
    shared, elsewhere = tmp_path / "share", tmp_path / "theirs"
    shared.mkdir()
    elsewhere.mkdir()
    victim = elsewhere / "notes.txt"
    victim.write_bytes(b"not yours")
    target = shared / "Befund.pdf"
    (shared / (TMP_PREFIX + target.name)).symlink_to(victim)
    write_whole(target, b"%PDF- Befund")
    assert victim.read_bytes() == b"not yours"
    assert not target.is_symlink() and target.read_bytes() == b"%PDF- Befund"
    assert mode(target) == 0o600
