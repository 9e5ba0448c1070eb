"""Bounds on what an LDAP server may make the sync read: time and message size.

ldap3 reads each LDAP message whole into memory, growing its buffer 4 KiB at a time
(quadratic: a 16 MiB entry took 5 s, a 64 MiB one over a minute), and its receive
timeout is per ``recv``, so a server sending a byte every few seconds, or pages without
end, keeps a sync running forever. A colleague who may edit their own multi-valued
``title`` in OpenLDAP can grow their entry without limit; a rogue or broken server can
do all of it. ``GuardedSocket`` wraps the connection's socket: it reads in larger
chunks, refuses a message that declares more than ``MAX_MESSAGE_BYTES`` (naming the
entry when it can) and ends the sync at its deadline.
"""

from __future__ import annotations

import socket
import ssl
import time
from typing import Final

MAX_MESSAGE_BYTES: Final = 8 * 1024 * 1024
"""One LDAP message: a person with the dozen attributes we ask for is a few KiB."""
RECV_BYTES: Final = 64 * 1024
_HEADER_BYTES: Final = 1024
"""Kept of an oversized message's start, to name the entry (its DN comes first)."""


class LdapBoundExceeded(OSError):
    """The server's answer breaks a bound; ldap3 reports it as a receive error."""


def _length(header: bytes) -> int | None:
    """The total size of the BER element starting ``header``; None if more is needed."""
    if len(header) < 2:
        return None
    first = header[1]
    if first < 0x80:
        return 2 + first
    count = first & 0x7F
    if count == 0 or count > 8:
        raise LdapBoundExceeded("the LDAP server sent a malformed message length")
    if len(header) < 2 + count:
        return None
    return 2 + count + int.from_bytes(header[2 : 2 + count], "big")


def _dn(start: bytes) -> str:
    """The DN of a search result entry beginning ``start`` (best effort, else "")."""
    try:
        pos = 2 + (start[1] & 0x7F if start[1] >= 0x80 else 0)
        pos += 2 + start[pos + 1]  # messageID INTEGER (short form)
        if start[pos] != 0x64:  # [APPLICATION 4] SearchResultEntry
            return ""
        pos += 2 + (start[pos + 1] & 0x7F if start[pos + 1] >= 0x80 else 0)
        if start[pos] != 0x04 or start[pos + 1] >= 0x80:
            return ""
        raw = start[pos + 2 : pos + 2 + start[pos + 1]]
        text = raw.decode("utf-8", "replace")
    except IndexError:
        return ""
    return "".join(c if c.isprintable() else "?" for c in text)[:200]


class GuardedSocket:
    """The connection's socket, read through the bounds above (everything else passes)."""

    def __init__(self, sock: socket.socket | ssl.SSLSocket, deadline: float, limit_s: float):
        self._sock = sock
        self._deadline = deadline
        self._limit_s = limit_s
        self._header = b""
        self._left = 0
        """Bytes of the current message still to come; 0 between messages."""

    def recv(self, size: int) -> bytes:
        left_s = self._deadline - time.monotonic()
        if left_s <= 0:
            raise self._late()
        self._sock.settimeout(min(left_s, self._sock.gettimeout() or left_s))
        try:
            data = self._sock.recv(max(size, RECV_BYTES))
        except TimeoutError:
            if time.monotonic() >= self._deadline:
                raise self._late() from None
            raise
        self._track(data)
        return data

    def _late(self) -> LdapBoundExceeded:
        return LdapBoundExceeded(f"the LDAP sync took longer than {self._limit_s:.0f} s")

    def _track(self, data: bytes) -> None:
        view = memoryview(data)
        pos = 0
        while pos < len(view):
            if self._left:
                used = min(self._left, len(view) - pos)
                self._left -= used
                pos += used
                continue
            chunk = bytes(view[pos : pos + _HEADER_BYTES - len(self._header)])
            self._header += chunk
            pos += len(chunk)
            total = _length(self._header)
            if total is None:
                continue  # the length needs bytes of the next recv
            if total > MAX_MESSAGE_BYTES:
                dn = _dn(self._header)
                raise LdapBoundExceeded(
                    f"an LDAP message of {total} bytes, above {MAX_MESSAGE_BYTES}"
                    + (f" (entry {dn!r}: an attribute is oversized)" if dn else "")
                )
            if len(self._header) > total:  # the kept start ran into the next message
                pos -= len(self._header) - total
            self._left = max(0, total - len(self._header))
            self._header = b""

    def __getattr__(self, name: str) -> object:
        return getattr(self._sock, name)
