"""Blob bytes move on the relay's blob threads, never the database thread, and the
pipelining that allows (a chunk written while the next is read, a download read one
chunk ahead) keeps every rule: refusals answered, uploads resumable, an abandoned
download closed cleanly (relay/blob_transfer.py). Through the real relay; run on
PostgreSQL too with WARDLINK_TEST_RELAY_STORE=postgresql."""

from __future__ import annotations

import asyncio
import hashlib
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from desktop_app.protocol import (
    BlobChunk,
    BlobDownload,
    BlobReady,
    BlobStored,
    BlobUpload,
    Deliver,
    EnvelopeAccepted,
    Error,
    ErrorCode,
    Ping,
    Pong,
    SendEnvelope,
)
from desktop_app.protocol.limits import MAX_BLOB_CHUNK
from desktop_app.relay.blob_files import BlobFiles
from tests.relay.conftest import LiveRelay, live_relay
from tests.relay.test_relay_blobs import _download, _send_chunks
from tests.relay.wire_client import Device, WireClient

BLOB = "attachment-0001"
SIZE = 3 * MAX_BLOB_CHUNK + 777


def _watch_threads(files: BlobFiles) -> list[str]:
    """Record the thread of every append and every chunk read of ``files``."""
    seen: list[str] = []
    append, read = files.append, files.read

    def on_append(*args: Any, **kwargs: Any) -> int:
        seen.append(threading.current_thread().name)
        return append(*args, **kwargs)

    def on_read(*args: Any, **kwargs: Any) -> Iterator[bytes]:
        for block in read(*args, **kwargs):
            seen.append(threading.current_thread().name)
            yield block

    files.append = on_append  # type: ignore[method-assign]
    files.read = on_read  # type: ignore[method-assign]
    return seen


async def _upload(client: WireClient, data: bytes) -> BlobStored:
    ready = await client.request(BlobUpload(client.ids.next(), BLOB, len(data)))
    assert isinstance(ready, BlobReady) and ready.offset == 0
    await _send_chunks(client, ready.req_id, data, 0)
    stored = await client.next_frame()
    assert isinstance(stored, BlobStored), stored
    return stored


async def _share(relay: LiveRelay, anna: WireClient) -> tuple[WireClient, Device]:
    """Jonas, enrolled and named as a reader of BLOB by an envelope of Anna's."""
    jonas, device = await relay.enrolled("mueller.jonas", "MUELLER-PC1")
    sent = await anna.request(
        SendEnvelope(anna.ids.next(), "E1", ["MUELLER-PC1"], b"ct", {}, [BLOB])  # type: ignore[arg-type, list-item]
    )
    assert isinstance(sent, EnvelopeAccepted)
    await jonas.wait_deliveries(1)
    return jonas, device


def test_chunks_are_written_and_read_on_blob_threads(any_relay_root: Path) -> None:
    data = os.urandom(SIZE)

    async def scenario() -> None:
        async with live_relay(any_relay_root) as relay:
            seen = _watch_threads(relay.runner.ctx.blobs)
            anna, _ = await relay.enrolled("weber.anna", "WEBER-PC1")
            stored = await _upload(anna, data)
            assert stored.sha256 == hashlib.sha256(data).hexdigest()
            jonas, _ = await _share(relay, anna)
            assert await _download(jonas, 0) == data
            writes, reads = SIZE // MAX_BLOB_CHUNK + 1, SIZE // MAX_BLOB_CHUNK + 1
            assert len(seen) == writes + reads
            assert all(name.startswith("relay-blobs") for name in seen), seen

    asyncio.run(scenario())


def test_a_chunk_the_files_refuse_is_answered_and_the_other_upload_completes(
    any_relay_root: Path,
) -> None:
    """Two connections of one device upload the same blob: the second one's chunk no
    longer fits what is on disk. Its write fails on a blob thread, after the relay read
    on; the refusal still comes, before the answer to the next request."""
    data = os.urandom(SIZE)

    async def scenario() -> None:
        async with live_relay(any_relay_root) as relay:
            first, device = await relay.enrolled("weber.anna", "WEBER-PC1")
            second = await relay.logged_in(device)
            ready = await first.request(BlobUpload(first.ids.next(), BLOB, SIZE))
            late = await second.request(BlobUpload(second.ids.next(), BLOB, SIZE))
            assert isinstance(ready, BlobReady) and isinstance(late, BlobReady)
            assert ready.offset == late.offset == 0
            await _send_chunks(first, ready.req_id, data, 0, 1)
            assert isinstance(await first.request(Ping(first.ids.next())), Pong)

            await second.send(BlobChunk(late.req_id, BLOB, 0, data[:MAX_BLOB_CHUNK], False))
            refused = await second.next_frame()
            assert isinstance(refused, Error) and refused.code is ErrorCode.CONFLICT
            assert refused.req_id == late.req_id and "offset 0" in refused.message
            assert not refused.fatal
            assert isinstance(await second.request(Ping(second.ids.next())), Pong)

            await _send_chunks(first, ready.req_id, data, MAX_BLOB_CHUNK)
            stored = await first.next_frame()
            assert isinstance(stored, BlobStored)
            assert stored.sha256 == hashlib.sha256(data).hexdigest()

    asyncio.run(scenario())


def test_a_download_abandoned_midway_leaves_the_blob_whole_for_the_next(
    any_relay_root: Path,
) -> None:
    data = os.urandom(SIZE)

    async def scenario() -> None:
        async with live_relay(any_relay_root) as relay:
            anna, _ = await relay.enrolled("weber.anna", "WEBER-PC1")
            await _upload(anna, data)
            jonas, device = await _share(relay, anna)
            await jonas.send(BlobDownload(jonas.ids.next(), BLOB, 0))
            first = await jonas.next_frame()
            assert isinstance(first, BlobChunk) and not first.last
            await jonas.close()  # the relay is reading the next chunk ahead meanwhile

            again = await relay.logged_in(device)
            await again.send(BlobDownload(again.ids.next(), BLOB, 0))
            parts = []
            while not parts or not parts[-1].last:
                frame = await again.next_frame()
                if not isinstance(frame, Deliver):  # the unacknowledged envelope, again
                    assert isinstance(frame, BlobChunk), frame
                    parts.append(frame)
            assert b"".join(p.data for p in parts) == data
            assert isinstance(await anna.request(Ping(anna.ids.next())), Pong)

    asyncio.run(scenario())
