"""A download's chunks verified and written beside the event loop, one chunk in flight.

Authenticating, hashing and writing a chunk (secretstream, SHA-256, the page cache)
costs about as much as receiving it (TLS, websocket, msgpack). Done on the event loop,
the two alternate; here the chunk goes to a worker thread (all three release the GIL)
while the loop reads the next frame. At most one chunk waits, so memory stays bounded
and a bad chunk stops the download one frame later at most.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import BinaryIO

from desktop_app.crypto.secretstream import StreamSummary, StreamVerifier


class VerifyingSink:
    """Feeds a StreamVerifier and writes the same bytes to ``fh``, in order."""

    def __init__(self, fh: BinaryIO, key: bytes) -> None:
        self._fh = fh
        self._verifier = StreamVerifier(key)
        self._pending: asyncio.Future[None] | None = None

    async def put(self, data: bytes) -> None:
        """Hand over a chunk once the previous one is done (its StreamError raises here)."""
        await self._settle()
        loop = asyncio.get_running_loop()
        self._pending = loop.run_in_executor(None, self._store, data)

    async def finish(self) -> StreamSummary:
        """After the last chunk: the stream's size and SHA-256 (StreamError if cut short)."""
        await self._settle()
        return self._verifier.finish()

    async def drain(self) -> None:
        """Wait for the chunk in flight, whatever its outcome (before ``fh`` is closed)."""
        pending, self._pending = self._pending, None
        if pending is not None:
            await asyncio.wait([pending])
            with contextlib.suppress(asyncio.CancelledError, Exception):
                pending.result()

    async def _settle(self) -> None:
        pending, self._pending = self._pending, None
        if pending is not None:
            await asyncio.shield(pending)

    def _store(self, data: bytes) -> None:
        self._verifier.feed(data)
        self._fh.write(data)
