"""Blob upload in chunks with resume after a dropped connection, and verified download."""

from __future__ import annotations

import asyncio
import hashlib
import os
from pathlib import Path

from desktop_app.protocol import (
    BlobChunk,
    BlobDownload,
    BlobReady,
    BlobStored,
    BlobUpload,
    EnvelopeAccepted,
    Error,
    ErrorCode,
    Ping,
    Pong,
    SendEnvelope,
)
from desktop_app.protocol.limits import MAX_BLOB_CHUNK
from tests.relay.conftest import live_relay
from tests.relay.wire_client import WireClient

BLOB = "attachment-0001"
SIZE = 3 * 1024 * 1024 + 12_345  # a few MB, not a multiple of the chunk size
CHUNKS_BEFORE_DROP = 5


async def _send_chunks(
    client: WireClient, req_id: int, data: bytes, offset: int, count: int | None = None
) -> None:
    """Send chunks from ``offset``: ``count`` of them, or all up to the last one."""
    sent = 0
    while offset < len(data) and (count is None or sent < count):
        chunk = data[offset : offset + MAX_BLOB_CHUNK]
        last = offset + len(chunk) == len(data)
        await client.send(BlobChunk(req_id, BLOB, offset, chunk, last))
        offset += len(chunk)
        sent += 1


async def _download(client: WireClient, offset: int) -> bytes:
    await client.send(BlobDownload(client.ids.next(), BLOB, offset))
    parts = []
    while True:
        frame = await client.next_frame()
        assert isinstance(frame, BlobChunk), frame
        parts.append(frame.data)
        if frame.last:
            return b"".join(parts)


def test_upload_resumes_after_disconnect_and_download_matches(relay_root: Path) -> None:
    data = os.urandom(SIZE)

    async def scenario() -> None:
        async with live_relay(relay_root) as relay:
            first, anna = await relay.enrolled("weber.anna", "WEBER-PC1")
            ready = await first.request(BlobUpload(first.ids.next(), BLOB, SIZE))
            assert isinstance(ready, BlobReady) and ready.offset == 0
            await _send_chunks(first, ready.req_id, data, 0, CHUNKS_BEFORE_DROP)
            pong = await first.request(Ping(first.ids.next()))  # chunks before it are handled
            assert isinstance(pong, Pong)
            await first.close()

            second = await relay.logged_in(anna)
            resumed = await second.request(BlobUpload(second.ids.next(), BLOB, SIZE))
            assert isinstance(resumed, BlobReady)
            assert resumed.offset == CHUNKS_BEFORE_DROP * MAX_BLOB_CHUNK
            await _send_chunks(second, resumed.req_id, data, resumed.offset)
            stored = await second.next_frame()
            assert isinstance(stored, BlobStored)
            assert stored.sha256 == hashlib.sha256(data).hexdigest()

            again = await second.request(BlobUpload(second.ids.next(), BLOB, SIZE))
            assert isinstance(again, BlobStored) and again.sha256 == stored.sha256
            clash = await second.request(BlobUpload(second.ids.next(), BLOB, SIZE + 1))
            assert isinstance(clash, Error) and clash.code is ErrorCode.CONFLICT

            jonas_conn, _ = await relay.enrolled("mueller.jonas", "MUELLER-PC1")
            # Not addressed yet: the blob is "unknown" to Jonas until Anna's message names it.
            early = await jonas_conn.request(BlobDownload(jonas_conn.ids.next(), BLOB, 0))
            assert isinstance(early, Error) and early.code is ErrorCode.NOT_FOUND
            sent = await second.request(
                SendEnvelope(second.ids.next(), "E1", ["MUELLER-PC1"], b"ct", {}, [BLOB])  # type: ignore[arg-type, list-item]
            )
            assert isinstance(sent, EnvelopeAccepted)
            await jonas_conn.wait_deliveries(1)
            whole = await _download(jonas_conn, 0)
            assert hashlib.sha256(whole).hexdigest() == stored.sha256
            tail = await _download(jonas_conn, SIZE - 1000)
            assert tail == data[-1000:]
            missing = await jonas_conn.request(BlobDownload(jonas_conn.ids.next(), "nope-0001", 0))
            assert isinstance(missing, Error) and missing.code is ErrorCode.NOT_FOUND
            assert not missing.fatal

    asyncio.run(scenario())
    on_disk = (relay_root / "blobs" / BLOB).read_bytes()
    assert on_disk == data  # the relay holds exactly the (already encrypted) bytes sent
