"""How often one colleague may ring this PC: a bound on received call offers per sender.

Every offer that rings (or is answered busy while another call runs) leaves a missed
call in the history and a line in the chat, and sends a reply; a modified client could
send hundreds a second. An honest caller redials at most once per ring timeout (45 s)
and a group call adds a leg per member, so ``MAX_RINGS_PER_SENDER`` offers within
``RING_WINDOW_S`` are far above honest use; further offers of that person are refused
with a log line until the window frees a place (someone else's calls still ring). A
presence report that makes a group call known here ("X is in the group call", a chat
line) counts the same; an "out" for a group call not known here is ignored.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable
from typing import Final

from desktop_app.protocol.call_signal import GroupPresence

log = logging.getLogger("wardlink.calls")

MAX_RINGS_PER_SENDER: Final = 20
RING_WINDOW_S: Final = 600.0
MAX_TRACKED_SENDERS: Final = 1024  # senders remembered; members of this PC's conversations


class RingBudget:
    """Offers taken per sender uid within the sliding window (monotonic clock)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self._taken: dict[str, deque[float]] = {}

    def take(self, sender_uid: str) -> bool:
        """True (and counted) if ``sender_uid`` may ring now; False: over the bound."""
        now = self.clock()
        times = self._taken.setdefault(sender_uid, deque())
        while times and now - times[0] >= RING_WINDOW_S:
            times.popleft()
        if len(times) >= MAX_RINGS_PER_SENDER:
            return False
        times.append(now)
        if len(self._taken) > MAX_TRACKED_SENDERS:  # forget those with nothing in the window
            for uid in [u for u, t in self._taken.items() if not t or now - t[-1] >= RING_WINDOW_S]:
                del self._taken[uid]
        return True


def admit_new_group_call(budget: RingBudget, sender_uid: str, report: GroupPresence) -> bool:
    """A presence report naming a group call not known here. "Out" says nothing new
    (ignored); "in" starts one here, with a line in the chat, so it counts like a ring."""
    if not report.joined:
        return False
    if budget.take(sender_uid):
        return True
    log.warning(
        "ring flood from %s: group call %s refused (more than %d in %.0f s)",
        sender_uid,
        report.call_id,
        MAX_RINGS_PER_SENDER,
        RING_WINDOW_S,
    )
    return False
