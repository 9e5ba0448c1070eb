"""What one websocket peer can make the relay hold in memory, and the cut-off beyond it.

**Answers it never reads.** websockets answers every ping with a pong (and a close with a
close) the moment it parses the frame, writing to the transport without waiting for
room: only the relay's own ``send`` waits (``drain``). A client that streamed pings and
never read made the relay keep every pong: its TLS write buffer grew by about the bytes
the client sent, without end (61 MB held for 71 MB of pings from one logged-in
connection; before login the same until the 10 s deadline on each of an address's 32
connections), until the relay ran out of memory. A connection with more than
``MAX_UNSENT_BYTES`` waiting after a read is aborted. The relay's own frames never get
near it: each sender waits for the buffer to drain below websockets' ``write_limit``
(32 KiB) before its next frame, so an honest connection holds at most one frame per
concurrent sender (delivery pump, request reply, blob stream, revocation push) of at
most ``MAX_FRAME_BYTES`` each.

**Bytes before login.** websockets takes frames up to ``max_size`` (``MAX_FRAME_BYTES``,
1 MiB + 64 KiB) from anyone, so a host that had not even said Hello made the relay hold
an unfinished 1 MiB frame per connection (1.2 MB each measured, against the 80 KiB an
idle one costs; 2,000 connections: 2.3 GB). What an honest client sends before it is
logged in (the upgrade request, ``Hello``, ``Enroll`` or ``Authenticate``) is a few KiB,
and it waits for ``Enrolled`` / ``Authenticated`` before sending more; a connection that
sends more than ``MAX_BYTES_BEFORE_LOGIN`` before the session lifts the budget
(``logged_in``) is aborted. The limit of a frame is websockets' own and cannot be
changed for the next frame in time: its parser computes it before that frame arrives.
"""

from __future__ import annotations

import logging

from websockets.asyncio.server import ServerConnection

from desktop_app.protocol.limits import MAX_FRAME_BYTES, KiB

log = logging.getLogger("wardlink.relay")

MAX_UNSENT_BYTES = 4 * MAX_FRAME_BYTES
"""Bytes waiting to go to one peer beyond which it is not reading and is dropped."""
MAX_BYTES_BEFORE_LOGIN = 64 * KiB
"""Bytes a peer may send before it is logged in (an honest one sends a few KiB)."""
UNREAD_REASON = "does not read what the relay sends"
"""A ``protocol_error`` audit reason (one reason each: the line is coalesced per address)."""
TOO_MUCH_BEFORE_LOGIN = "sent too much before logging in"


class GuardedConnection(ServerConnection):
    """A websocket server connection that drops a peer holding too much of the relay's
    memory: answers piling up unread, or more bytes than a login takes before one."""

    dropped_for: str | None = None
    """Why this connection was aborted (the audit reason), or None."""
    _received = 0
    _logged_in = False

    def logged_in(self) -> None:
        """The session's login succeeded: frames up to ``MAX_FRAME_BYTES`` from now on."""
        self._logged_in = True

    def data_received(self, data: bytes) -> None:
        if not self._logged_in:
            self._received += len(data)
            if self._received > MAX_BYTES_BEFORE_LOGIN:
                self._drop(TOO_MUCH_BEFORE_LOGIN, self._received)
                return
        super().data_received(data)
        unsent = self.transport.get_write_buffer_size()
        if unsent > MAX_UNSENT_BYTES:
            self._drop(UNREAD_REASON, unsent)

    def _drop(self, reason: str, count: int) -> None:
        if self.dropped_for is not None:
            return
        self.dropped_for = reason
        log.warning("connection %s %s (%d bytes); dropped", self.remote_address, reason, count)
        self.transport.abort()


def lift_login_budget(ws: ServerConnection) -> None:
    """Tell a guarded connection that it is logged in (other connections: nothing)."""
    if isinstance(ws, GuardedConnection):
        ws.logged_in()
