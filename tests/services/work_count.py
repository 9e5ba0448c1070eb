"""How much work a call does, counted rather than timed (tests never assert a time)."""

from __future__ import annotations

import sys
from collections.abc import Callable


def profiler_events(work: Callable[[], object]) -> int:
    """Python and C calls (and returns) made while ``work`` runs: the same on every box,
    so two runs can be compared (the work of twice the length, of older data)."""
    count = 0

    def profile(_frame: object, _event: str, _arg: object) -> None:
        nonlocal count
        count += 1

    sys.setprofile(profile)
    try:
        work()
    finally:
        sys.setprofile(None)
    return count
