"""Several outgoing frames of one connection in one TLS write and one system call.

websockets writes every frame to the TLS transport at once, and asyncio's transport
then encrypts it as its own TLS record and calls ``send`` on the socket: under load
that ``send`` was the largest single item of the relay's event loop (a profile of
``bench relay``: about four per delivered message, a quarter of the loop's CPU). A
connection's frames often leave in one go: the pump's burst of Deliver frames, the
EnvelopeAccepted replies of one group commit, the Acked replies of one ack commit.
``coalesce_writes`` holds what is written during one turn of the event loop and writes
it as one piece at the end of that turn (``call_soon``), so the frames still leave in
their order and at once, just together.

Nothing waits longer than the current turn of the loop; more than ``FLUSH_BYTES``
pending is written at once, so the transport's flow control (pause_writing, which
websockets' ``drain`` waits on) still sees a large burst as it happens. ``close`` and
``write_eof`` write what is pending first; ``abort`` drops it, as it drops the
transport's own buffer.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from typing import Any

FLUSH_BYTES = 64 * 1024
"""Pending bytes written at once rather than at the end of the loop's turn."""


class _Coalescer:
    def __init__(self, transport: asyncio.WriteTransport, loop: asyncio.AbstractEventLoop) -> None:
        self.transport = transport
        self.loop = loop
        self.pending: list[bytes] = []
        self.size = 0
        self.write = transport.write
        self.close = transport.close
        self.write_eof = transport.write_eof

    def corked_write(self, data: bytes | bytearray | memoryview) -> None:
        if not self.pending:
            self.loop.call_soon(self.flush)
        self.pending.append(bytes(data))
        self.size += len(data)
        if self.size >= FLUSH_BYTES:
            self.flush()

    def corked_writelines(self, lines: Iterable[bytes | bytearray | memoryview]) -> None:
        for data in lines:
            self.corked_write(data)

    def flush(self) -> None:
        if not self.pending:
            return
        data = self.pending[0] if len(self.pending) == 1 else b"".join(self.pending)
        self.pending.clear()
        self.size = 0
        if not self.transport.is_closing():
            self.write(data)

    def flushed_close(self) -> None:
        self.flush()
        self.close()

    def flushed_write_eof(self) -> None:
        self.flush()
        self.write_eof()


def coalesce_writes(transport: Any) -> None:
    """Make ``transport`` gather the writes of one event-loop turn into one write.

    Patches the instance (websockets calls ``transport.write`` and ``close`` on it);
    must be called from its event loop."""
    coalescer = _Coalescer(transport, asyncio.get_running_loop())
    transport.write = coalescer.corked_write
    transport.writelines = coalescer.corked_writelines
    transport.close = coalescer.flushed_close
    transport.write_eof = coalescer.flushed_write_eof
