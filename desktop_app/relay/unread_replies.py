"""A peer that makes the relay answer but never reads the answers is cut off.

websockets answers every ping with a pong (and a close with a close) the moment it parses
the frame, writing to the transport without waiting for room: only the relay's own
``send`` waits (``drain``). A client that streams pings and never reads made the relay
keep every pong: its TLS write buffer grew by about the bytes the client sent, without
end (46 MB held for 52 MB of pings from one logged-in connection within a second; before
login the same for 10 s on each of an address's 32 connections), until the relay ran
out of memory.

``ReadingPeerConnection`` checks the connection's unsent bytes after each read and aborts
the connection once they exceed ``MAX_UNSENT_BYTES``. The relay's own frames never get
near it: each sender waits for the buffer to drain below websockets' ``write_limit``
(32 KiB) before its next frame, so an honest connection holds at most one frame per
concurrent sender (delivery pump, request reply, blob stream, revocation push) of at
most ``MAX_FRAME_BYTES`` each.
"""

from __future__ import annotations

import logging

from websockets.asyncio.server import ServerConnection

from desktop_app.protocol.limits import MAX_FRAME_BYTES

log = logging.getLogger("wardlink.relay")

MAX_UNSENT_BYTES = 4 * MAX_FRAME_BYTES
"""Bytes waiting to go to one peer beyond which it is not reading and is dropped."""
UNREAD_REASON = "does not read what the relay sends"
"""The ``protocol_error`` audit reason (one reason: the line is coalesced per address)."""


class ReadingPeerConnection(ServerConnection):
    """A websocket server connection that drops a peer whose answers pile up unread."""

    overflowed = False
    """True once this connection was aborted for not reading (for the audit line)."""

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.overflowed or self.transport.get_write_buffer_size() <= MAX_UNSENT_BYTES:
            return
        self.overflowed = True
        log.warning(
            "connection %s does not read what it is sent (%d bytes waiting); dropped",
            self.remote_address,
            self.transport.get_write_buffer_size(),
        )
        self.transport.abort()
