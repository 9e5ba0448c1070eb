"""When an outbound Megolm session must be replaced: a small pure rule object.

A Megolm key, once shared, decrypts every later message of its session. Rotating bounds
what one leaked key (or a device removed from the group) can read:

- after ``max_messages`` messages (default 100) and after ``max_age`` (default one week);
- whenever the set of recipient devices changes: a member joins or leaves, or any
  member adds, loses or replaces a device. A removed device never gets the new key; a
  new device cannot read what was sent before it joined.

The caller passes ``now``; there is no hidden clock, so tests simulate weeks instantly.
"""

from __future__ import annotations

import enum
from collections.abc import Set
from dataclasses import dataclass
from datetime import datetime, timedelta

from desktop_app.crypto.e2e.errors import InvalidArgument


class RotationReason(enum.StrEnum):
    NEW = "new"  # no session for the conversation yet
    MESSAGE_LIMIT = "message-limit"
    AGE_LIMIT = "age-limit"
    CLOCK_WENT_BACK = "clock-went-back"  # ``now`` before creation: age is unknowable
    MEMBERSHIP_CHANGED = "membership-changed"


@dataclass(frozen=True, slots=True)
class MemberDevice:
    """One recipient device of a conversation: its id and the keys its certificate binds.

    Comparing sets of these detects every membership change, including a member's key
    being replaced under the same device id.
    """

    device_id: str
    curve25519: str
    ed25519: str


@dataclass(frozen=True, slots=True)
class RotationPolicy:
    max_messages: int = 100
    max_age: timedelta = timedelta(weeks=1)

    def __post_init__(self) -> None:
        if self.max_messages < 1:
            raise InvalidArgument("max_messages must be at least 1.")
        if self.max_age <= timedelta(0):
            raise InvalidArgument("max_age must be positive.")

    def used_up(
        self, *, messages_sent: int, created_at: datetime, now: datetime
    ) -> RotationReason | None:
        """Why a session may encrypt no further message, or None if it still may."""
        require_aware(now)
        if messages_sent >= self.max_messages:
            return RotationReason.MESSAGE_LIMIT
        if now < created_at:
            return RotationReason.CLOCK_WENT_BACK
        if now - created_at >= self.max_age:
            return RotationReason.AGE_LIMIT
        return None

    @staticmethod
    def rotate_on_membership_change(
        shared_for: Set[MemberDevice], current: Set[MemberDevice]
    ) -> bool:
        """True if the devices differ in any way: added, removed, or a key replaced."""
        return frozenset(shared_for) != frozenset(current)

    def decide(
        self,
        *,
        messages_sent: int,
        created_at: datetime,
        shared_for: Set[MemberDevice],
        current: Set[MemberDevice],
        now: datetime,
    ) -> RotationReason | None:
        """The reason to rotate now, or None to keep the session."""
        if self.rotate_on_membership_change(shared_for, current):
            return RotationReason.MEMBERSHIP_CHANGED
        return self.used_up(messages_sent=messages_sent, created_at=created_at, now=now)


def require_aware(now: datetime) -> datetime:
    """Refuse naive datetimes: comparing them with stored UTC times would be wrong."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise InvalidArgument("now must be a timezone-aware datetime (UTC).")
    return now
