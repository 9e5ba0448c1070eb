"""A colleague's modified client against the per-connection state of blob uploads.

The attack runs through a real relay on 127.0.0.1 (tests/relay/wire_client.py); the
test then looks at what the relay keeps for the connection.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from desktop_app.protocol import (
    BlobChunk,
    BlobReady,
    BlobStored,
    BlobUpload,
    Error,
    ErrorCode,
    Ping,
)
from desktop_app.relay.blob_files import MAX_TRACKED_UPLOADS
from tests.relay.conftest import live_relay

BLOB = "colleague-blob-0001"
ROUNDS = 100


def _held(refused: object) -> int:
    """How many refused uploads a connection remembers (a set of req_ids, or one)."""
    if refused is None:
        return 0
    return len(refused) if isinstance(refused, set) else 1


def test_refused_upload_chunks_leave_nothing_behind_on_the_connection(relay_root: Path) -> None:
    """Two connections of one device upload the same blob: one appends a byte, so the
    other's chunk no longer continues what is on disk and is refused (``conflict``).
    Repeated with a fresh req_id each time, every refusal used to stay in the
    connection's memory for good (the req_ids of refused uploads, dropped only at a
    chunk marked last that never came): a set that grew with each request."""

    async def scenario() -> tuple[list[object], int]:
        async with live_relay(relay_root) as relay:
            a, device = await relay.enrolled("boese.mallory", "BOESE-PC1")
            b = await relay.logged_in(device)
            total = 1 << 20
            upload = BlobUpload(a.ids.next(), BLOB, total)
            ready = await a.request(upload)
            assert isinstance(ready, BlobReady), ready
            offset = ready.offset
            refusals: list[object] = []
            for _ in range(ROUNDS):
                other = await b.request(BlobUpload(b.ids.next(), BLOB, total))
                assert isinstance(other, BlobReady) and other.offset == offset, other
                await a.send(BlobChunk(upload.req_id, BLOB, offset, b"x", False))
                await a.request(Ping(a.ids.next()))  # A's chunk is on disk
                await b.send(BlobChunk(other.req_id, BLOB, offset, b"y", False))
                refusals.append(await b.next_frame())
                offset += 1
            sessions = relay.runner.server._sessions
            kept = max(_held(s.blobs._refused) for s in sessions)
            return refusals, kept

    refusals, kept = asyncio.run(scenario())
    assert all(isinstance(r, Error) and r.code is ErrorCode.CONFLICT for r in refusals)
    assert kept <= 1


def test_abandoned_uploads_do_not_take_the_running_hashes_from_everyone(
    relay_root: Path,
) -> None:
    """A colleague's client starts MAX_TRACKED_UPLOADS uploads, sends one chunk of each
    and abandons them. The relay keeps a running SHA-256 for at most that many uploads;
    the abandoned ones used to hold every slot until they expired (30 days), so each
    colleague's upload had its whole file read again at its end (up to 1 GiB, on the
    blob threads everyone shares). The oldest abandoned hash now gives way."""

    async def scenario() -> bool:
        async with live_relay(relay_root) as relay:
            client, device = await relay.enrolled("boese.mallory", "BOESE-PC1")
            started = 0
            while started < MAX_TRACKED_UPLOADS:
                for _ in range(min(200, MAX_TRACKED_UPLOADS - started)):
                    blob = f"abandoned-{started:05d}"
                    ready = await client.request(BlobUpload(client.ids.next(), blob, 2))
                    assert isinstance(ready, BlobReady), ready
                    await client.send(BlobChunk(ready.req_id, blob, 0, b"x", False))
                    started += 1
                await client.request(Ping(client.ids.next()))  # the last chunk is on disk
                await client.close()
                client = await relay.logged_in(device)  # a fresh connection: no open uploads
            anna, _ = await relay.enrolled("weber.anna", "WEBER-PC1")
            blob = "anna-befund-0001"
            ready = await anna.request(BlobUpload(anna.ids.next(), blob, 2))
            assert isinstance(ready, BlobReady), ready
            await anna.send(BlobChunk(ready.req_id, blob, 0, b"a", False))
            await anna.request(Ping(anna.ids.next()))
            return blob in relay.runner.server.ctx.blobs._hashing

    assert asyncio.run(scenario())  # her upload's hash is kept running


def test_refused_uploads_are_forgotten_by_the_connection(relay_root: Path) -> None:
    """The same race, with a new blob each time: the connection whose chunk is refused
    used to keep that upload (blob id and size) for its lifetime, one more entry per
    request, up to every blob its device may store; now only open uploads are kept."""
    rounds = 150

    async def scenario() -> int:
        async with live_relay(relay_root) as relay:
            a, device = await relay.enrolled("boese.mallory", "BOESE-PC1")
            b = await relay.logged_in(device)
            for i in range(rounds):
                blob = f"raced-blob-{i:04d}"
                slow = await b.request(BlobUpload(b.ids.next(), blob, 1))
                fast = await a.request(BlobUpload(a.ids.next(), blob, 1))
                assert isinstance(slow, BlobReady) and isinstance(fast, BlobReady)
                stored = await a.request(BlobChunk(fast.req_id, blob, 0, b"x", True))
                assert isinstance(stored, BlobStored), stored
                await b.send(BlobChunk(slow.req_id, blob, 0, b"y", True))
                refused = await b.next_frame()
                assert isinstance(refused, Error) and refused.code is ErrorCode.CONFLICT
            sessions = relay.runner.server._sessions
            return max(len(s.handler.uploads) for s in sessions)

    assert asyncio.run(scenario()) == 0
