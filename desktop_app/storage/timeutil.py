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
