"""Keep secrets in buffers we can zero, and zero them as soon as they are used.

Python's ``str`` and ``bytes`` are immutable: a passphrase held in one stays in the
heap after the object is freed (the allocator does not clear memory) until something
else happens to be written there. So key material lives in ``bytearray``s, which we
overwrite ourselves (``wipe``). A few values only come as ``bytes`` from a library
(a fresh random key, an encoded copy); ``wipe_bytes`` overwrites those in place on
CPython, where the layout of a bytes object is stable. What cannot be guaranteed is
listed in docs/container.md, "What locking wipes from memory".
"""

from __future__ import annotations

import contextlib
import ctypes
import secrets
import sys

Secret = str | bytearray
"""A passphrase or PIN: a ``bytearray`` (UTF-8, zeroed by whoever consumes it) or a str."""

# Offset of the characters inside a CPython bytes object (PyBytesObject.ob_sval).
_BYTES_DATA_OFFSET = sys.getsizeof(b"") - 1
_CPYTHON = sys.implementation.name == "cpython"
_HEX_DIGITS = b"0123456789abcdef"
_PR_SET_DUMPABLE = 4  # linux/prctl.h


def wipe(buf: bytearray | memoryview | None) -> None:
    """Overwrite a mutable buffer with zeros (no-op for None or a released view)."""
    if buf is None:
        return
    if isinstance(buf, memoryview):
        if buf.readonly:
            raise TypeError("cannot wipe a read-only buffer")
        buf[:] = bytes(buf.nbytes)
        return
    buf[:] = bytes(len(buf))


def wipe_bytes(data: bytes) -> None:
    """Zero an immutable ``bytes`` that we created and nobody else shares (CPython only).

    Only for fresh values such as a random key or an encoded copy of a secret: never for
    literals, interned or one-byte objects (those are shared), never for dict keys.
    """
    if not _CPYTHON or type(data) is not bytes or len(data) < 2:
        return
    ctypes.memset(id(data) + _BYTES_DATA_OFFSET, 0, len(data))


def secret_buffer(secret: Secret) -> bytearray:
    """The secret as UTF-8 in a bytearray the caller wipes; a bytearray is used as is."""
    if isinstance(secret, bytearray):
        return secret
    encoded = secret.encode("utf-8")
    try:
        return bytearray(encoded)
    finally:
        wipe_bytes(encoded)


def random_key(size: int) -> bytearray:
    """Fresh random bytes in a wipeable buffer (the library's bytes copy is zeroed)."""
    raw = secrets.token_bytes(size)
    try:
        return bytearray(raw)
    finally:
        wipe_bytes(raw)


def hex_into(data: bytes | bytearray, prefix: bytes = b"", suffix: bytes = b"") -> bytearray:
    """``prefix + hex(data) + suffix`` built in one bytearray, with no str or bytes copy.

    ``bytes.hex()`` would leave an immutable copy of the key's hex form in the heap.
    Iterating yields small ints, which CPython caches, so nothing key-dependent is
    allocated on the way.
    """
    out = bytearray(len(prefix) + 2 * len(data) + len(suffix))
    out[: len(prefix)] = prefix
    pos = len(prefix)
    for byte in data:
        out[pos] = _HEX_DIGITS[byte >> 4]
        out[pos + 1] = _HEX_DIGITS[byte & 0x0F]
        pos += 2
    out[pos:] = suffix
    return out


def no_core_dumps() -> None:
    """Linux: this process (and the children it starts) leaves no core file behind.

    A crash dump of the app holds decrypted messages and the database key; one of the
    PDF renderer (a hostile PDF may crash it, by design without harm) holds the
    decrypted PDF. With core dumps enabled (``ulimit -c``, apport, systemd-coredump)
    they would be written in clear where the next person at the shared PC finds them.
    Not dumpable also keeps other processes of the same OS account from reading this
    one's memory (ptrace, /proc/PID/mem), unless they have root's rights.
    """
    if not sys.platform.startswith("linux"):
        return  # Windows writes dumps only where IT configured them (WER LocalDumps)
    import resource

    with contextlib.suppress(OSError, ValueError):
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_DUMPABLE, 0, 0, 0, 0)
    except (OSError, AttributeError):
        pass
