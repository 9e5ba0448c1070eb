"""The helpers that keep key material in buffers we can zero."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from desktop_app.crypto.secret_memory import hex_into, random_key, secret_buffer, wipe, wipe_bytes


def test_hex_into_matches_bytes_hex() -> None:
    key = os.urandom(32)
    assert hex_into(key, b"x'", b"'") == b"x'" + key.hex().encode() + b"'"
    assert hex_into(b"") == b""


def test_wipe_zeroes_bytearrays_and_views() -> None:
    buf = bytearray(b"geheim geheim")
    wipe(buf)
    assert buf == bytes(13)
    buf = bytearray(b"geheim geheim")
    wipe(memoryview(buf)[2:6])
    assert buf == b"ge\0\0\0\0 geheim"
    wipe(None)


def test_wipe_bytes_zeroes_a_fresh_bytes_object_in_place() -> None:
    data = os.urandom(48)
    wipe_bytes(data)
    assert data == bytes(48)


def test_secret_buffer_passes_bytearrays_through_and_encodes_str() -> None:
    buf = bytearray(b"abc")
    assert secret_buffer(buf) is buf
    assert secret_buffer("Grüße") == "Grüße".encode()
    assert len(random_key(32)) == 32 and random_key(32) != random_key(32)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux core dumps")
def test_no_core_dumps_leaves_no_core_file_and_no_memory_to_read() -> None:
    """What the GUI calls first (ui/app.py run_app): on a PC with core dumps on, a crash
    of the app wrote decrypted messages and the database key into a core file."""
    script = textwrap.dedent(
        """
        import ctypes, resource
        from desktop_app.crypto.secret_memory import no_core_dumps
        resource.setrlimit(resource.RLIMIT_CORE, resource.getrlimit(resource.RLIMIT_CORE)[1:] * 2)
        libc = ctypes.CDLL(None)
        print(resource.getrlimit(resource.RLIMIT_CORE)[0], libc.prctl(3, 0, 0, 0, 0))
        no_core_dumps()
        print(resource.getrlimit(resource.RLIMIT_CORE)[0], libc.prctl(3, 0, 0, 0, 0))
        """
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    before, after = done.stdout.splitlines()
    if before.split()[0] == "0":
        pytest.skip("core dumps cannot be switched on here")
    assert before.split()[1] == "1"  # dumpable, as every process starts
    assert after == "0 0"  # no core file, and not dumpable (PR_GET_DUMPABLE)
