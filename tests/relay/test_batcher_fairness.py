"""Group commit stays fair: a device that pipelines big envelopes delays only itself."""

from __future__ import annotations

import asyncio
from typing import Any

from desktop_app.protocol import EnvelopeAccepted, Frame, SendEnvelope
from desktop_app.relay.batcher import (
    MAX_SENDER_BATCH_BYTES,
    EnvelopeBatcher,
    fair_batch,
)
from desktop_app.relay.store import DeviceRecord


def device(name: str) -> DeviceRecord:
    return DeviceRecord(name, name, "", b"", "1", 0, None, None)


def envelope(n: int, size: int) -> SendEnvelope:
    return SendEnvelope(n, f"e{n:06d}", ["RECIPIENT"], b"x" * size, {})  # type: ignore[list-item,arg-type]


MALLORY, ANNA, JONAS = device("mallory"), device("anna"), device("jonas")


def test_a_flooding_sender_gets_a_bounded_share_and_keeps_its_order() -> None:
    flood = [(MALLORY, envelope(n, 64 * 1024), None) for n in range(200)]
    others = [(ANNA, envelope(1000, 1000), None), (JONAS, envelope(1001, 1000), None)]
    batch, rest = fair_batch([*flood, *others])
    mallory_bytes = sum(len(f.payload) for d, f, _ in batch if d is MALLORY)
    assert mallory_bytes <= MAX_SENDER_BATCH_BYTES
    assert [d for d, _, _ in batch if d is not MALLORY] == [ANNA, JONAS]
    kept = [f.req_id for d, f, _ in rest if d is MALLORY]
    assert kept == sorted(kept) and kept[0] == len(batch) - 2  # in order, none skipped


def test_one_big_envelope_still_goes_and_a_held_sender_does_not_overtake_itself() -> None:
    big = (MALLORY, envelope(1, 2 * MAX_SENDER_BATCH_BYTES), None)
    small = (MALLORY, envelope(2, 10), None)
    batch, rest = fair_batch([big, small])
    assert [f.req_id for _, f, _ in batch] == [1]
    assert [f.req_id for _, f, _ in rest] == [2]


def test_colleagues_commit_first_while_a_flood_waits() -> None:
    """Through the batcher itself: Anna's envelope, sent after Mallory's 100, is in the
    first or second commit, not behind all of hers."""

    async def scenario() -> list[list[str]]:
        commits: list[list[str]] = []

        async def run_on_db(fn: Any, ctx: Any, items: Any) -> list[Frame]:
            commits.append([d.device_id for d, _ in items])
            await asyncio.sleep(0.001)  # the commit runs on the database thread meanwhile
            return [EnvelopeAccepted(f.req_id, f.envelope_id) for _, f in items]

        batcher = EnvelopeBatcher(None, run_on_db)  # type: ignore[arg-type]
        batcher.start()
        waiting = [
            asyncio.create_task(batcher.submit(MALLORY, envelope(n, 64 * 1024))) for n in range(100)
        ]
        await asyncio.sleep(0)
        anna = asyncio.create_task(batcher.submit(ANNA, envelope(999, 500)))
        await asyncio.wait_for(asyncio.gather(*waiting, anna), 10)
        await batcher.stop()
        return commits

    commits = asyncio.run(scenario())
    first_with_anna = next(i for i, c in enumerate(commits) if "anna" in c)
    assert first_with_anna <= 1
    assert len(commits) >= 100 * 64 * 1024 // MAX_SENDER_BATCH_BYTES
