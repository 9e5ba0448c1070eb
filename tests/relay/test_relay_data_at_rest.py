"""What a copy of the relay's data directory shows (a stolen VM disk, a backup taken while
the relay runs): the bytes of relay.db and its journal, not only the rows a query sees.

Through the real relay on 127.0.0.1 with the wire client; the files are read raw.
"""

from __future__ import annotations

import asyncio
import stat
from pathlib import Path

from desktop_app.protocol import (
    AckDelivery,
    Acked,
    BlobChunk,
    BlobReady,
    BlobStored,
    BlobUpload,
    EnvelopeAccepted,
    SendEnvelope,
)
from tests.relay.conftest import live_relay

ANNA, JONAS = "WEBER-PC1", "MUELLER-PC1"
PAYLOAD = b"ciphertext-marker-7f3a9c1e"
ENVELOPE = "env-at-rest-5c1d9e0b"


def _raw(path: Path) -> bytes:
    return path.read_bytes() if path.exists() else b""


def test_a_delivered_envelope_leaves_no_bytes_in_the_running_relays_files(
    relay_root: Path,
) -> None:
    """relay.db-wal kept every frame written since the last checkpoint: after Jonas
    acknowledged Anna's envelope and the hourly expiry run, a copy of the running relay's
    data directory still held its envelope id and payload there (secure_delete zeroes the
    rows in relay.db, not the WAL's older frames). The hourly run now checkpoints the WAL
    and truncates it."""
    db, wal = relay_root / "relay.db", relay_root / "relay.db-wal"

    async def run() -> tuple[bytes, bytes]:
        async with live_relay(relay_root) as relay:
            anna, _ = await relay.enrolled("weber.anna", ANNA)
            jonas, _ = await relay.enrolled("mueller.jonas", JONAS)
            sent = await anna.request(
                SendEnvelope(anna.ids.next(), ENVELOPE, [JONAS], PAYLOAD, {}, [])  # type: ignore[arg-type]
            )
            assert isinstance(sent, EnvelopeAccepted), sent
            (got,) = await jonas.wait_deliveries(1)
            assert got.envelope_id == ENVELOPE
            acked = await jonas.request(
                AckDelivery(jonas.ids.next(), [(got.sender_device, got.envelope_id)])
            )
            assert isinstance(acked, Acked), acked
            assert ENVELOPE.encode() in _raw(db) + _raw(wal)  # the probe can see the bytes
            await relay.runner.server._expire_once()  # the hourly run
            copy = _raw(db), _raw(wal)  # what a copy of the running relay's directory holds
            await anna.close()
            await jonas.close()
            return copy

    db_bytes, wal_bytes = asyncio.run(run())
    for data in (db_bytes, wal_bytes):
        assert ENVELOPE.encode() not in data
        assert PAYLOAD not in data


def test_attachment_files_are_private_to_the_relays_user(relay_root: Path) -> None:
    """docs/relay.md §5: every file mode 0600. Blob files were created with the process
    umask (0644 under the usual 022): in a shared `blobs_dir` IT made beforehand (NFS,
    SMB; the relay does not change an existing directory's mode) every account on
    every node could read them (ciphertext, but sizes and times of every attachment)."""

    async def run() -> None:
        async with live_relay(relay_root) as relay:
            anna, _ = await relay.enrolled("weber.anna", ANNA)
            req = anna.ids.next()
            ready = await anna.request(BlobUpload(req, "attachment-mode-01", 1000))
            assert isinstance(ready, BlobReady), ready
            await anna.send(BlobChunk(req, "attachment-mode-01", 0, b"c" * 1000, True))
            assert isinstance(await anna.next_frame(), BlobStored)
            await anna.close()

    asyncio.run(run())
    blob = relay_root / "blobs" / "attachment-mode-01"
    assert stat.S_IMODE(blob.stat().st_mode) == 0o600
