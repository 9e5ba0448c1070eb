"""Bound the relay's log when the same thing goes wrong many times a second.

A flood or an exhausted resource makes the same line repeat: once, a relay wrote
2.67 million error lines (177 MB) to stderr in under a minute (issue 16, finding 4).
``RepeatFilter`` lets the first line of a kind through, swallows the repeats for
``window_s``, and adds "(repeated N times)" to the next line of that kind after the
window. A kind is logger + level + message template, so lines that differ only in an
address or a count are one kind.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

REPEAT_WINDOW_S = 10.0
MAX_KINDS = 1024
"""Kinds remembered at once; beyond that the oldest are forgotten (and may repeat once)."""


class RepeatFilter(logging.Filter):
    """Passes one line per kind and window; counts the rest and reports the count later."""

    def __init__(
        self, window_s: float = REPEAT_WINDOW_S, clock: Callable[[], float] = time.monotonic
    ) -> None:
        super().__init__()
        self.window_s = window_s
        self.clock = clock
        self._kinds: dict[tuple[str, int, str], tuple[float, int]] = {}  # since, suppressed

    def filter(self, record: logging.LogRecord) -> bool:
        kind = (record.name, record.levelno, str(record.msg))
        now = self.clock()
        seen = self._kinds.get(kind)
        if seen is not None and now - seen[0] < self.window_s:
            self._kinds[kind] = (seen[0], seen[1] + 1)
            return False
        if seen is not None and seen[1]:
            record.msg = f"{record.msg} (repeated {seen[1]} times)"
        self._kinds.pop(kind, None)
        if len(self._kinds) >= MAX_KINDS:
            del self._kinds[next(iter(self._kinds))]
        self._kinds[kind] = (now, 0)
        return True


def install(handler: logging.Handler, window_s: float = REPEAT_WINDOW_S) -> RepeatFilter:
    """Add a ``RepeatFilter`` to ``handler`` (filters on a handler see every logger)."""
    repeat = RepeatFilter(window_s)
    handler.addFilter(repeat)
    return repeat
