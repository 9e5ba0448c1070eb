"""Times are stored as integer milliseconds since the epoch, always UTC."""

from __future__ import annotations

from datetime import UTC, datetime


def to_ms(moment: datetime) -> int:
    if moment.tzinfo is None:
        raise ValueError("naive datetimes are ambiguous on a ward PC; pass an aware UTC time")
    return int(moment.timestamp() * 1000)


def from_ms(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, tz=UTC)


def utc_now() -> datetime:
    return datetime.now(tz=UTC)


def peer_ms(claimed_ms: int, received: datetime) -> int:
    """A time a peer put in its content, but no later than ``received`` (when the relay
    took the envelope). A modified client could otherwise date what it sends far ahead:
    a pin nobody can undo, an edit or a text that stays the newest for ever, or a number
    no datetime can hold, which would make the receiver's history unreadable."""
    return min(claimed_ms, to_ms(received))
