"""After delivery the relay keeps only what duplicate detection needs (issue 17).

Through the real relay: once both of Jonas's devices acknowledged Anna's envelope, no
row of relay.db names her device, her uid or the envelope id (inspected with sqlite3);
a resend within the dedupe window is still a duplicate, one after it is new again; the
attachment is deleted once both recipient devices fetched it (after the grace hour).
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
import time
from pathlib import Path

from desktop_app.protocol import (
    AckDelivery,
    Acked,
    Authenticated,
    BlobChunk,
    BlobDownload,
    BlobReady,
    BlobStored,
    BlobUpload,
    EnvelopeAccepted,
    SendEnvelope,
)
from desktop_app.relay.store_mailbox import DEFAULT_DEDUPE_DAYS, HOUR_MS
from tests.relay.conftest import LiveRelay, live_relay
from tests.relay.wire_client import Device, WireClient

DAY_MS = 86_400_000
BLOB = "attachment-lean-01"
ANNA, JONAS1, JONAS2 = "WEBER-PC1", "MUELLER-PC1", "MUELLER-LAPTOP"
ENVELOPE = "env-7f3a9c1e"


def _rows_mentioning(db: Path, *needles: str) -> list[tuple[str, tuple[object, ...]]]:
    """Every row of every table (devices and keys aside) that contains one of ``needles``."""
    raw = sqlite3.connect(db)
    try:
        tables = [
            str(r[0])
            for r in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if r[0] not in ("devices", "one_time_keys", "fallback_keys", "enrollment_codes")
        ]
        found = []
        for table in tables:
            for row in raw.execute(f"SELECT * FROM {table}"):  # table names from sqlite_master
                text = " ".join(
                    v.decode("latin-1") if isinstance(v, bytes) else str(v) for v in row
                )
                if any(n in text for n in needles):
                    found.append((table, row))
        return found
    finally:
        raw.close()


async def _send(conn: WireClient, envelope_id: str, blobs: list[str]) -> None:
    sent = await conn.request(
        SendEnvelope(conn.ids.next(), envelope_id, [JONAS1, JONAS2], b"ct", {}, blobs)  # type: ignore[arg-type, list-item]
    )
    assert isinstance(sent, EnvelopeAccepted), sent


async def _fetch_all(conn: WireClient) -> bytes:
    await conn.send(BlobDownload(conn.ids.next(), BLOB, 0))
    parts = []
    while True:
        frame = await conn.next_frame()
        assert isinstance(frame, BlobChunk), frame
        parts.append(frame.data)
        if frame.last:
            return b"".join(parts)


async def _receive_and_ack(relay: LiveRelay, device: Device, fetch: bool) -> int:
    conn = await relay.client()
    reply = await conn.login(device)
    assert isinstance(reply, Authenticated)
    got = await conn.wait_deliveries(reply.pending) if reply.pending else []
    if fetch:
        await _fetch_all(conn)
    if got:
        acked = await conn.request(
            AckDelivery(conn.ids.next(), [(d.sender_device, d.envelope_id) for d in got])
        )
        assert isinstance(acked, Acked)
    await conn.close()
    return reply.pending


def test_delivered_envelopes_and_fetched_blobs_leave_no_sender_behind(relay_root: Path) -> None:
    db, blob_file = relay_root / "relay.db", relay_root / "blobs" / BLOB
    data = os.urandom(200_000)
    devices: dict[str, Device] = {}
    now = int(time.time() * 1000)

    def clock_at(offset_ms: int) -> int:
        return now + offset_ms + (int(time.time() * 1000) - now)

    async def run(offset_ms: int, step: str) -> int:
        async with live_relay(relay_root, clock_ms=lambda: clock_at(offset_ms)) as relay:
            await relay.runner.server._expire_once()  # what the hourly run does at start
            if step == "send":
                conn, devices[ANNA] = await relay.enrolled("weber.anna", ANNA)
                for device_id in (JONAS1, JONAS2):
                    other, devices[device_id] = await relay.enrolled("mueller.jonas", device_id)
                    await other.close()
                req = conn.ids.next()
                ready = await conn.request(BlobUpload(req, BLOB, len(data)))
                assert isinstance(ready, BlobReady)
                await conn.send(BlobChunk(req, BLOB, 0, data, True))
                assert isinstance(await conn.next_frame(), BlobStored)
                await _send(conn, ENVELOPE, [BLOB])
                await conn.close()
                return 0
            if step == "resend":
                conn = await relay.logged_in(devices[ANNA])
                await _send(conn, ENVELOPE, [])
                await conn.close()
                return 0
            device = devices[JONAS2 if step == "jonas2" else JONAS1]
            return await _receive_and_ack(relay, device, fetch=step != "jonas-again")

    asyncio.run(run(0, "send"))
    assert _rows_mentioning(db, ANNA, ENVELOPE)  # waiting: the relay must know the sender
    assert asyncio.run(run(0, "jonas1")) == 1
    assert _rows_mentioning(db, ENVELOPE)  # Jonas's laptop has not picked it up yet
    asyncio.run(run(2 * HOUR_MS, "jonas1"))  # an expiry run: the laptop has not fetched
    assert blob_file.exists()
    assert asyncio.run(run(2 * HOUR_MS, "jonas2")) == 1

    # Delivered to every recipient: no sender, device, uid or envelope id is left.
    assert _rows_mentioning(db, ANNA, "weber.anna", ENVELOPE) == [
        r for r in _rows_mentioning(db, ANNA) if r[0] == "blobs"
    ]  # only the blob (owner) until the grace hour after the last fetch
    raw = sqlite3.connect(db)
    assert raw.execute("SELECT count(*) FROM envelopes").fetchone() == (0,)
    ((key, at),) = raw.execute("SELECT dedupe_key, delivered_at FROM delivered").fetchall()
    assert len(key) == 32 and at % HOUR_MS == 0
    raw.close()

    # The grace hour later the blob is gone, file and rows.
    asyncio.run(run(4 * HOUR_MS, "jonas-again"))
    assert not blob_file.exists()
    assert _rows_mentioning(db, ANNA, "weber.anna", ENVELOPE, BLOB) == []

    # A resend within the window is still a duplicate: nothing new for Jonas.
    asyncio.run(run((DEFAULT_DEDUPE_DAYS - 1) * DAY_MS, "resend"))
    assert asyncio.run(run((DEFAULT_DEDUPE_DAYS - 1) * DAY_MS, "jonas-again")) == 0
    # After the window the key is gone (the client's outbox stopped resending long ago).
    asyncio.run(run((DEFAULT_DEDUPE_DAYS + 1) * DAY_MS, "jonas-again"))
    raw = sqlite3.connect(db)
    assert raw.execute("SELECT count(*) FROM delivered").fetchone() == (0,)
    raw.close()
