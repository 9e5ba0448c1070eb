"""One download per body at a time: a second request for a body on its way shares it.

The same attachment or team-file body can be asked for twice at once (the login's retry
of missing bodies while the person opens the file, or two opens): two downloads would
fetch the blob from the relay twice and both write an at-rest copy. ``BodyFetches`` is
owned by the ``ClientSession`` (one per unlocked container, no process-wide registry)
and keeps the download in progress per body; whoever asks while it runs waits for it
and gets its result, or its error. Nothing is remembered after it ends: a request after
a failure starts a fresh download.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine, Hashable
from functools import partial
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class _Running(Generic[T]):
    """A download in progress and how many requests wait for it."""

    def __init__(self, task: asyncio.Task[T]) -> None:
        self.task = task
        self.waiting = 0


class BodyFetches:
    def __init__(self) -> None:
        self._running: dict[Hashable, _Running[Any]] = {}

    async def shared(self, key: Hashable, start: Callable[[], Coroutine[Any, Any, T]]) -> T:
        """The result of the download for ``key`` in progress, or of ``start()`` begun
        now. A caller cancelled (a window closed) stops waiting; the download goes on
        for the others and is cancelled only when nobody waits for it any more."""
        entry: _Running[T] | None = self._running.get(key)
        if entry is None or entry.task.done():
            entry = _Running(asyncio.create_task(start()))
            self._running[key] = entry
            entry.task.add_done_callback(partial(self._ended, key, entry))
        entry.waiting += 1
        try:
            return await asyncio.shield(entry.task)
        finally:
            entry.waiting -= 1
            if entry.waiting == 0 and not entry.task.done():
                entry.task.cancel()  # every caller was cancelled: no one wants the body

    def _ended(self, key: Hashable, entry: _Running[Any], _task: object) -> None:
        if self._running.get(key) is entry:
            del self._running[key]
