"""Blob bytes between one connection and the blob files, off the database thread.

The database thread serialises every device's store work, so a 200 MB attachment
used to queue hundreds of file writes (or reads) there, one per chunk, in front of
everyone's messages, and the connection waited for each before reading the next
frame. Here the file work runs on the relay's blob threads (``SessionHost.blob_io``)
and overlaps the network: an upload's chunk is written while the next one is read
and decrypted, a download's next chunk is read while the current one is sent. Only
the bookkeeping touches the database: the upload's start (ownership, quota: the
handler) and its completion (``blob_complete``), a download's access check (the
handler) and its "fetched" mark. Limits stay where they were: the Connection holds
every chunk to its upload's blob id, offsets and announced size, and BlobFiles
refuses out-of-order or oversized writes.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from desktop_app.protocol import BlobChunk, Error, ErrorCode, Frame
from desktop_app.relay.blob_requests import BlobStream, ChunkWritten, blob_complete, blob_write
from desktop_app.relay.errors import BlobError, BlobNotFound

if TYPE_CHECKING:
    from desktop_app.relay.handler import RelayHandler
    from desktop_app.relay.session import SessionHost

Send = Callable[[Frame], Awaitable[None]]


def refusal(req_id: int, exc: BlobError) -> Error:
    """The answer to a blob request the files refused (as ``RelayHandler.handle``)."""
    code = ErrorCode.NOT_FOUND if isinstance(exc, BlobNotFound) else ErrorCode.CONFLICT
    return Error(req_id, code, str(exc), False)


class BlobTransfers:
    """One connection's uploads and downloads; at most one chunk write in flight."""

    def __init__(self, server: SessionHost, handler: RelayHandler, send: Send) -> None:
        self._server = server
        self._handler = handler
        self._send = send
        self._writing: asyncio.Future[ChunkWritten | None] | None = None
        # The upload whose last write failed, while its next chunk may still be on the
        # way: the refusal closed the request, so only the chunk read before it was
        # sent can follow (later ones are protocol errors). Forgotten at the next frame:
        # kept as a set of req_ids, a client repeating refusals grew it without end.
        self._refused: int | None = None

    async def chunk(self, frame: BlobChunk) -> None:
        """Write an upload's chunk while the connection reads on; the last one is
        awaited, fsynced, recorded complete and answered with BlobStored."""
        await self._settle()
        refused, self._refused = self._refused, None
        if frame.req_id == refused:  # the chunk after a refused one: dropped
            return
        total = self._handler.uploads.get(frame.blob_id)
        if total is None:  # unreachable: the Connection only passes chunks after BlobReady
            await self._send(refusal(frame.req_id, BlobError("no upload of this blob is open")))
            return
        self._writing = asyncio.ensure_future(self._write(frame, total))
        if not frame.last:
            return
        written = await self._settle()
        if written is None:
            return
        self._handler.uploads.pop(frame.blob_id, None)
        try:
            replies = await self._server.call(blob_complete, self._server.ctx, frame, written)
        except BlobError as exc:
            replies = [refusal(frame.req_id, exc)]
        for reply in replies:
            await self._send(reply)

    async def _write(self, frame: BlobChunk, total: int) -> ChunkWritten | None:
        """One chunk on a blob thread; a refusal is answered at once, not at the next frame."""
        try:
            return await self._server.blob_io(blob_write, self._server.ctx, total, frame)
        except BlobError as exc:
            self._refused = frame.req_id
            # The refusal closes the request: forget the upload, or each refused one stays
            # for the connection's lifetime (a client repeating them grew this without end).
            self._handler.uploads.pop(frame.blob_id, None)
            await self._send(refusal(frame.req_id, exc))
            return None

    async def settle(self) -> None:
        """Before a frame other than a chunk: the chunk write in flight is done (and its
        refusal, if any, sent); no chunk of a refused upload can follow any more."""
        await self._settle()
        self._refused = None

    async def _settle(self) -> ChunkWritten | None:
        """Wait for the chunk write in flight (and its refusal, if any, to be sent)."""
        writing, self._writing = self._writing, None
        if writing is None:
            return None
        return await asyncio.shield(writing)  # a cancelled session still waits (close)

    async def close(self) -> None:
        """The connection ended: let a chunk write in flight finish (a resumed upload on
        a new connection then starts from what is on disk), nothing more is sent."""
        if self._writing is not None:
            await asyncio.wait([self._writing])
            with contextlib.suppress(asyncio.CancelledError, Exception):
                self._writing.exception()
            self._writing = None

    async def stream(self, stream: BlobStream) -> None:
        """Send a download, reading the next chunk on a blob thread while one is sent."""
        frames = stream.frames()
        server = self._server
        ahead = asyncio.ensure_future(server.blob_io(next, frames, None))
        try:  # shielded: a cancelled session must still wait for the thread (finally)
            while (chunk := await asyncio.shield(ahead)) is not None:
                if not chunk.last:
                    ahead = asyncio.ensure_future(server.blob_io(next, frames, None))
                await self._send(chunk)
                device = self._handler.device
                if chunk.last and device is not None:  # fetched completely
                    now, device_id = server.ctx.clock_ms(), device.device_id
                    await server.call(server.ctx.store.blob_fetched, stream.blob_id, device_id, now)
                    return
        finally:
            if not ahead.done():  # a generator must not be closed while a thread runs it
                await asyncio.wait([ahead])
            with contextlib.suppress(asyncio.CancelledError, Exception):
                ahead.exception()  # retrieved, so a failed read-ahead is not logged
            await server.blob_io(frames.close)
