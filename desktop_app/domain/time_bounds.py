"""The span of time a peer's times must lie in (event start and end, a rule's UNTIL, a
task's due time).

Fixed bounds, not "now plus or minus a century": peers' clocks differ, and a change must
be accepted or refused alike on every device. Checked before any arithmetic, so that
adding an event's 31 days, a timezone offset or a rule's walk can never leave the years
``datetime`` and SQLite hold (a far date otherwise raises OverflowError or ValueError
wherever it is read). No ward plans a shift before 2000 or after 9000.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Final

EARLIEST: Final = datetime(2000, 1, 1, tzinfo=UTC)
LATEST: Final = datetime(9000, 1, 1, tzinfo=UTC)
EARLIEST_MS: Final = 946_684_800_000
LATEST_MS: Final = 221_845_392_000_000


def within(moment: datetime) -> bool:
    """True if an aware ``moment`` lies in [EARLIEST, LATEST]."""
    return EARLIEST <= moment <= LATEST


def within_ms(ms: int) -> bool:
    """True if milliseconds since the epoch lie in [EARLIEST, LATEST]."""
    return EARLIEST_MS <= ms <= LATEST_MS
