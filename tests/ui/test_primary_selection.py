"""The X11 / Wayland primary selection: what is selected in WardLink goes at the lock.

Selecting text in any field or label puts it in PRIMARY (Qt's widgets do it directly,
past the guard); a middle click pasted it into another program, also after the lock.
The guard now empties it at lock, switch user and quit while WardLink holds it, and
under policy ``copy_allowed: false`` WardLink keeps nothing there at all. Offscreen Qt
has no primary selection, so this runs tests/ui/selection_probe.py on its own Xvfb.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ui.selection_probe import LAB, OTHER

XVFB = shutil.which("Xvfb")
ROOT = Path(__file__).resolve().parents[2]
START_S = 30


@pytest.fixture
def x_display() -> Iterator[str]:
    """An X server of its own on a free display number (Xvfb picks it: -displayfd)."""
    assert XVFB is not None, "needs Xvfb: .ci/run installs the Debian package xvfb"
    read, write = os.pipe()
    server = subprocess.Popen(
        [XVFB, "-displayfd", str(write), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    try:
        ready, _, _ = select.select([read], [], [], START_S)
        number = os.read(read, 32).decode().strip() if ready else ""
        assert number, "Xvfb did not start"
        yield f":{number}"
    finally:
        os.close(read)
        server.terminate()
        server.wait(START_S)


def test_the_lock_empties_the_selection_wardlink_holds_and_only_that(x_display: str) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("WAYLAND_DISPLAY",)}
    env.update(DISPLAY=x_display, QT_QPA_PLATFORM="xcb")
    done = subprocess.run(
        [sys.executable, "-m", "tests.ui.selection_probe"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["supports"] is True
    assert seen["selected"] == LAB  # selecting put the lab value in PRIMARY
    assert seen["cleared"] is True
    assert seen["after_lock"] == ""  # nothing for a middle click after the lock
    assert seen["other_ready"] == "ready"
    assert seen["other_cleared"] is False
    assert seen["other_after_lock"] == OTHER  # another program's selection: left alone
    assert seen["refused_field_selection"] == LAB  # copy_allowed: false: still selected
    assert seen["refused_selected"] == ""  # but not in PRIMARY
