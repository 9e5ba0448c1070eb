"""When a delivered envelope counts as arrived: the time every peer claim is capped by.

A peer's own times (a message's ``sent_ms``, an edit's, a receipt's) count only up to
the arrival (``storage/timeutil.peer_ms``), so a colleague's modified client cannot date
what it sends far ahead. The relay names the arrival (``Deliver.received_ms``), but the
relay may be taken over: a low ``received_ms`` pulled every honest sender's time down
with it (a warning sent now shown as three days old, out of sight high up in the history,
and gone at the next retention or disappearing-message purge); a high one would lift the
cap for an accomplice. So the relay's time counts only from ``MAX_RELAY_BEHIND`` before
this PC's clock to ``MAX_RELAY_AHEAD`` after it.

The window below is a trade: the relay's time is the only bound on an insider's claim
while the reader was offline (ours is later), so it must not be replaced by our clock;
a taken-over relay can still make a message look up to ``MAX_RELAY_BEHIND`` older.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Final

from desktop_app.storage.timeutil import to_ms

log = logging.getLogger("wardlink.receive")

MAX_RELAY_BEHIND: Final = timedelta(minutes=10)
"""How much older than this PC's clock the relay may date an envelope it delivers now
(an envelope that waited in the mailbox for days: honest senders' times are older than
this bound and stay as they are, only what is capped by it moves)."""
MAX_RELAY_AHEAD: Final = timedelta(days=2)
"""How far the relay's clock may run ahead of this PC's and still be believed."""


def arrival_ms(relay_ms: int, now: datetime, envelope_id: str = "") -> int:
    """The relay's time of receipt, kept within ``now`` - MAX_RELAY_BEHIND and
    ``now`` + MAX_RELAY_AHEAD; outside, the bound it crossed (with a log line)."""
    local = to_ms(now)
    earliest = local - _ms(MAX_RELAY_BEHIND)
    latest = local + _ms(MAX_RELAY_AHEAD)
    if earliest <= relay_ms <= latest:
        return relay_ms
    if relay_ms > latest:
        log.warning(
            "the relay dates envelope %s %d s ahead of this PC's clock; taken as arrived now",
            envelope_id,
            (relay_ms - local) // 1000,
        )
        return local
    return earliest


def _ms(delta: timedelta) -> int:
    return int(delta.total_seconds() * 1000)
