"""Group commit for envelopes: one transaction, one fsync, for every envelope waiting.

Every accepted envelope must be on disk before its EnvelopeAccepted (docs/protocol.md
section 7), and with ``synchronous=FULL`` each commit costs an fsync. Envelopes that
arrive (from any connection) while a commit runs are accepted together in the next
one, so throughput grows with load while a lone envelope waits for no one. Each
envelope stays all-or-nothing on its own; replies keep the order of submission.

Fairness: a device may pipeline many envelopes, and a commit costs time in proportion
to the bytes it writes. So one commit takes at most ``MAX_SENDER_BATCH_BYTES`` from any
one sender device (always at least one envelope) and ``MAX_BATCH_BYTES`` in all; the
rest waits, in order, for the next commit. A device flooding large envelopes therefore
delays its own envelopes, not its colleagues' (measured by ``python -m bench load``).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import Counter, deque
from collections.abc import Awaitable, Callable, Iterable, Sequence
from typing import TypeAlias, TypeVar

from desktop_app.protocol import Frame, SendEnvelope
from desktop_app.relay.handler import RelayContext, accept_envelopes
from desktop_app.relay.store import DeviceRecord

MAX_ENVELOPE_BATCH = 256
"""Envelopes in one transaction: bounds the time one commit holds the database."""
MAX_BATCH_BYTES = 4 * 1024 * 1024
"""Envelope bytes in one transaction (a single larger envelope still goes alone)."""
MAX_SENDER_BATCH_BYTES = 256 * 1024
"""Bytes one sender device may put into one transaction beyond its first envelope."""

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
        self._waiting: deque[_Pending] = deque()  # submitted, not yet in a commit
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run())

    @property
    def waiting(self) -> int:
        """Envelopes submitted and not yet in a commit (a metrics gauge)."""
        return len(self._waiting) + self._queue.qsize()

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
            if not self._waiting:
                self._waiting.append(await self._queue.get())
            while not self._queue.empty():
                self._waiting.append(self._queue.get_nowait())
            batch, self._waiting = fair_batch(self._waiting)
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


def envelope_bytes(frame: SendEnvelope) -> int:
    return len(frame.payload) + sum(len(part) for part in frame.per_device.values())


_T = TypeVar("_T", bound=tuple[DeviceRecord, SendEnvelope, object])


def fair_batch(waiting: Iterable[_T]) -> tuple[list[_T], deque[_T]]:
    """The next commit's envelopes, and the rest in their order.

    Once a sender's envelope waits, its later ones wait too, so each device's
    envelopes are still accepted in the order it sent them.
    """
    batch: list[_T] = []
    rest: deque[_T] = deque()
    taken: Counter[str] = Counter()
    held: set[str] = set()
    total = 0
    for item in waiting:
        sender, frame = item[0], item[1]
        who, size = sender.device_id, envelope_bytes(frame)
        fits = (
            who not in held
            and len(batch) < MAX_ENVELOPE_BATCH
            and (not batch or total + size <= MAX_BATCH_BYTES)
            and (not taken[who] or taken[who] + size <= MAX_SENDER_BATCH_BYTES)
        )
        if not fits:
            held.add(who)
            rest.append(item)
            continue
        batch.append(item)
        taken[who] += size
        total += size
    return batch, rest
