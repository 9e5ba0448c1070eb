"""Frames written in one turn of the event loop leave in one write (relay/write_coalescing.py).

On a real loopback TCP connection: what the coalescing transport writes arrives in
order and complete, a burst reaches the socket in one ``send``, a large burst is not
held back (flow control still sees it), and ``close`` writes what was pending first.
"""

from __future__ import annotations

import asyncio
from typing import Any

from desktop_app.relay.write_coalescing import FLUSH_BYTES, coalesce_writes


class _Sink(asyncio.Protocol):
    def __init__(self) -> None:
        self.data = bytearray()
        self.closed = asyncio.get_running_loop().create_future()

    def data_received(self, data: bytes) -> None:
        self.data += data

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed.set_result(None)


async def _pair() -> tuple[asyncio.Transport, _Sink, asyncio.Server, list[int]]:
    """A client transport whose socket-level writes are counted, and the server's sink."""
    loop = asyncio.get_running_loop()
    sinks: list[_Sink] = []

    def make() -> _Sink:
        sinks.append(_Sink())
        return sinks[-1]

    server = await loop.create_server(make, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    transport, _ = await loop.create_connection(asyncio.Protocol, "127.0.0.1", port)
    while not sinks:
        await asyncio.sleep(0.01)
    writes: list[int] = []
    raw_write = transport.write

    def counted(data: Any) -> None:
        writes.append(len(data))
        raw_write(data)

    transport.write = counted  # type: ignore[method-assign]
    coalesce_writes(transport)
    return transport, sinks[0], server, writes


def test_a_burst_of_one_turn_is_one_write_in_order_and_close_flushes_first() -> None:
    async def scenario() -> None:
        transport, sink, server, writes = await _pair()
        frames = [bytes([i]) * 100 for i in range(30)]
        for frame in frames:
            transport.write(frame)
        assert writes == []  # held until the end of this turn of the loop
        await asyncio.sleep(0)
        await asyncio.sleep(0)
        assert writes == [3000]
        transport.write(b"last words")
        transport.close()  # pending data goes out before the close
        await asyncio.wait_for(sink.closed, 5)
        assert bytes(sink.data) == b"".join(frames) + b"last words"
        assert writes == [3000, 10]
        server.close()
        await server.wait_closed()

    asyncio.run(scenario())


def test_a_large_burst_is_written_as_it_grows() -> None:
    """Past FLUSH_BYTES the data goes to the transport at once (its flow control)."""

    async def scenario() -> None:
        transport, sink, server, writes = await _pair()
        chunk = b"x" * (FLUSH_BYTES // 4)
        for _ in range(6):
            transport.write(chunk)
        assert writes == [FLUSH_BYTES]  # the first four, at once; two still pending
        await asyncio.sleep(0)
        await asyncio.sleep(0)
        assert writes == [FLUSH_BYTES, FLUSH_BYTES // 2]
        transport.close()
        await asyncio.wait_for(sink.closed, 5)
        assert len(sink.data) == 6 * len(chunk)
        server.close()
        await server.wait_closed()

    asyncio.run(scenario())
