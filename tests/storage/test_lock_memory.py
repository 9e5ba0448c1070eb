"""Locking wipes the keys: a PIN-locked process holds no passphrase, PIN or database key.

A child process unlocks a real container with its passphrase through the real
``LockSession``, sets a PIN and locks. While it is PIN-locked, this test reads every
readable region of the child's memory through /proc/<pid>/mem (allowed for our own
child) and looks for the passphrase, the PIN and the database key (raw, lower- and
upper-case hex), also for pieces of them left in freed memory. A canary the child
keeps on purpose proves the scan sees its heap.
"""

from __future__ import annotations

import os
import re
import secrets
import string
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.crypto.keywrap import unwrap_key
from desktop_app.storage.container import KEY_CONTEXT, Container
from desktop_app.storage.errors import WeakSecret
from desktop_app.storage.keyslot import Owner
from desktop_app.storage.secret_policy import check_pin
from tests.conftest import FAST_KDF, make_conversation, make_message

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/mem").exists(), reason="needs Linux /proc/<pid>/mem"
)

_MAPS_LINE = re.compile(r"^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$")
_UNREADABLE = ("[vvar]", "[vvar_vclock]", "[vsyscall]")
_CHUNK = 1 << 20
# A freed buffer keeps most of its bytes (the allocator overwrites only its first few
# with free-list pointers), so a secret also counts as found if any run of this many
# bytes of it is in memory. Random 12+ byte runs do not occur by chance.
_FRAGMENT = 12
_STEP = 4


def _memory_of(pid: int) -> bytes:
    """Every readable mapping of ``pid``, concatenated (a separator keeps them apart)."""
    parts: list[bytes] = []
    with open(f"/proc/{pid}/maps", encoding="ascii") as maps:
        regions = [m for line in maps if (m := _MAPS_LINE.match(line.rstrip("\n")))]
    fd = os.open(f"/proc/{pid}/mem", os.O_RDONLY)
    try:
        for m in regions:
            start, end, perms, name = int(m[1], 16), int(m[2], 16), m[3], m[4]
            if not perms.startswith("r") or name in _UNREADABLE:
                continue
            for offset in range(start, end, _CHUNK):
                try:
                    parts.append(os.pread(fd, min(_CHUNK, end - offset), offset))
                except OSError:
                    break
            parts.append(b"\0" * 64)
    finally:
        os.close(fd)
    return b"".join(parts)


def _held(memory: bytes, needle: bytes) -> bool:
    if len(needle) <= _FRAGMENT:
        return needle in memory
    starts = {*range(0, len(needle) - _FRAGMENT, _STEP), len(needle) - _FRAGMENT}
    return any(needle[i : i + _FRAGMENT] in memory for i in starts)


def _random_pin() -> str:
    while True:
        pin = "".join(secrets.choice(string.digits) for _ in range(12))
        try:
            check_pin(pin)
        except WeakSecret:
            continue
        return pin


@pytest.mark.parametrize("mode", ["closed", "receiving"])
def test_pin_locked_process_holds_no_passphrase_pin_or_database_key(
    tmp_path: Path, mode: str
) -> None:
    """closed: policy receive_while_pin_locked off, nothing of the three is left.
    receiving (the default, so urgent messages reach a locked PC): SQLCipher keeps the
    database key for the open connection, but never the passphrase or the PIN."""
    directory = tmp_path / "anna"
    passphrase = "Pass-" + secrets.token_urlsafe(24)
    pin = _random_pin()
    canary = secrets.token_bytes(32)
    with Container.create(directory, passphrase, Owner("Dr. Anna Weber"), kdf=FAST_KDF) as c:
        c.messages.add(make_message(make_conversation(c), "Visite 9 Uhr"))
    db_key = unwrap_key(Container.read_keyslot(directory).wrapped, passphrase, KEY_CONTEXT)

    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.storage.lock_memory_child",
            str(directory),
            str(len(canary)),
            str(len(passphrase.encode())),
            str(len(pin)),
            mode,
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=env,
    )
    assert child.stdin is not None and child.stdout is not None
    try:
        child.stdin.write(canary + passphrase.encode() + pin.encode())
        child.stdin.flush()
        assert child.stdout.readline().strip() == b"locked"

        memory = _memory_of(child.pid)

        assert canary in memory, "the scan does not see the child's heap"
        needles = {
            "passphrase (utf-8)": passphrase.encode(),
            "passphrase (utf-16)": passphrase.encode("utf-16-le"),
            "PIN": pin.encode(),
            "PIN (utf-16)": pin.encode("utf-16-le"),
            "database key (raw)": db_key,
            "database key (hex)": db_key.hex().encode(),
            "database key (HEX)": db_key.hex().upper().encode(),
        }
        if mode == "receiving":
            needles = {k: v for k, v in needles.items() if not k.startswith("database key")}
        found = [what for what, needle in needles.items() if _held(memory, needle)]
        assert found == [], f"a PIN-locked process still holds: {', '.join(found)}"

        # The wipe must not break what re-unlocking needs: the PIN still works.
        child.stdin.write(pin.encode())
        child.stdin.flush()
        assert child.stdout.readline().strip() == b"reopened 1"
    finally:
        child.stdin.close()
        child.wait(timeout=60)
    assert child.returncode == 0
