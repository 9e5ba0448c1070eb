"""Group commit for acknowledgements: one transaction for every AckDelivery waiting.

Every delivered envelope costs the relay an AckDelivery, and each used to be its own
database job and its own commit (one fsync with ``synchronous=FULL``, one round trip
and one flush on PostgreSQL): under load that was the largest share of the relay's
time per delivered message (docs/scale.md, "Cheaper message path"). As for envelopes
(relay/batcher.py), acknowledgements that arrive while a commit runs are committed
together in the next one. ``Acked`` is still sent only after the commit, so a device
never drops a message the relay would deliver again; if the commit fails, every
session in it hears ``unavailable`` and its device acknowledges again later.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable, Sequence
from typing import TypeAlias

from desktop_app.relay.store import RelayStore

MAX_ACK_BATCH = 512
"""Acknowledged deliveries in one transaction: bounds the time one commit holds the store."""

Acks: TypeAlias = Sequence[tuple[str, Sequence[tuple[str, str]]]]
RunOnDb: TypeAlias = Callable[[Callable[[Acks, int], list[int]], Acks, int], Awaitable[list[int]]]
_Pending: TypeAlias = tuple[str, Sequence[tuple[str, str]], "asyncio.Future[int]"]


class AckBatcher:
    """Queues acknowledgements and commits whatever is queued in one database job."""

    def __init__(self, store: RelayStore, run_on_db: RunOnDb, clock_ms: Callable[[], int]) -> None:
        self._store = store
        self._run_on_db = run_on_db
        self._clock_ms = clock_ms
        self._queue: asyncio.Queue[_Pending] = asyncio.Queue()
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    @property
    def waiting(self) -> int:
        """Acknowledgements submitted and not yet in a commit."""
        return self._queue.qsize()

    async def submit(self, device_id: str, deliveries: Sequence[tuple[str, str]]) -> int:
        """Mailbox items removed, once committed (raises the store's error if not)."""
        future: asyncio.Future[int] = asyncio.get_running_loop().create_future()
        self._queue.put_nowait((device_id, deliveries, future))
        return await future

    def _next_batch(self, first: _Pending) -> list[_Pending]:
        batch, size = [first], len(first[1])
        while size < MAX_ACK_BATCH and not self._queue.empty():
            item = self._queue.get_nowait()
            batch.append(item)
            size += len(item[1])
        return batch

    async def _run(self) -> None:
        while True:
            batch = self._next_batch(await self._queue.get())
            acks = [(device, deliveries) for device, deliveries, _ in batch]
            try:
                counts = await self._run_on_db(
                    self._store.acknowledge_batch, acks, self._clock_ms()
                )
            except asyncio.CancelledError:
                for _, _, future in batch:
                    future.cancel()
                raise
            except Exception as exc:  # store failure: every waiting session hears of it
                for _, _, future in batch:
                    if not future.done():
                        future.set_exception(exc)
                continue
            for (_, _, future), count in zip(batch, counts, strict=True):
                if not future.done():
                    future.set_result(count)
