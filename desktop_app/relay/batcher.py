"""Group commit for envelopes: one transaction, one fsync, for every envelope waiting.

Every accepted envelope must be on disk before its EnvelopeAccepted (docs/protocol.md
section 7), and with ``synchronous=FULL`` each commit costs an fsync. Envelopes that
arrive (from any connection) while a commit runs are accepted together in the next
one, so throughput grows with load while a lone envelope waits for no one. Each
envelope stays all-or-nothing on its own; replies keep the order of submission.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable, Sequence
from typing import TypeAlias

from desktop_app.protocol import Frame, SendEnvelope
from desktop_app.relay.handler import RelayContext, accept_envelopes
from desktop_app.relay.store import DeviceRecord

MAX_ENVELOPE_BATCH = 256
"""Envelopes in one transaction: bounds the time one commit holds the database."""

Items: TypeAlias = Sequence[tuple[DeviceRecord, SendEnvelope]]
RunOnDb: TypeAlias = Callable[
    [Callable[[RelayContext, Items], list[Frame]], RelayContext, Items], Awaitable[list[Frame]]
]
_Pending: TypeAlias = tuple[DeviceRecord, SendEnvelope, "asyncio.Future[Frame]"]


class EnvelopeBatcher:
    """Queues SendEnvelopes and commits whatever is queued in one database job."""

    def __init__(self, ctx: RelayContext, run_on_db: RunOnDb) -> None:
        self._ctx = ctx
        self._run_on_db = run_on_db
        self._queue: asyncio.Queue[_Pending] = asyncio.Queue()
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run())

    async def stop(self) -> None:
        """Stop taking batches. A commit already running still finishes on its thread."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def submit(self, sender: DeviceRecord, frame: SendEnvelope) -> Frame:
        """EnvelopeAccepted once durable, or the non-fatal Error refusing it."""
        future: asyncio.Future[Frame] = asyncio.get_running_loop().create_future()
        self._queue.put_nowait((sender, frame, future))
        return await future

    async def _run(self) -> None:
        while True:
            batch = [await self._queue.get()]
            while len(batch) < MAX_ENVELOPE_BATCH and not self._queue.empty():
                batch.append(self._queue.get_nowait())
            items = [(sender, frame) for sender, frame, _ in batch]
            try:
                replies = await self._run_on_db(accept_envelopes, self._ctx, items)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # store failure: every waiting session hears of it
                for _, _, future in batch:
                    if not future.done():
                        future.set_exception(exc)
                continue
            for (_, _, future), reply in zip(batch, replies, strict=True):
                if not future.done():
                    future.set_result(reply)
