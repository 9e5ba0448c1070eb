"""The rotation rule on its own: exact thresholds, membership changes, bad settings."""

from __future__ import annotations

from datetime import timedelta

import pytest

from desktop_app.crypto.e2e import MemberDevice, RotationPolicy, RotationReason, member_devices
from desktop_app.crypto.e2e.errors import InvalidArgument, RevokedDevice
from desktop_app.domain.ids import DeviceId, Uid
from desktop_app.domain.model import Device
from tests.crypto.e2e.conftest import T0

JONAS = MemberDevice("dev-jonas", "c-jonas", "e-jonas")
MIA = MemberDevice("dev-mia", "c-mia", "e-mia")
POLICY = RotationPolicy()


def used_up(sent: int, age: timedelta) -> RotationReason | None:
    return POLICY.used_up(messages_sent=sent, created_at=T0, now=T0 + age)


def test_defaults_are_one_hundred_messages_and_one_week() -> None:
    assert used_up(0, timedelta(0)) is None
    assert used_up(99, timedelta(days=6, hours=23)) is None
    assert used_up(100, timedelta(0)) is RotationReason.MESSAGE_LIMIT
    assert used_up(5, timedelta(weeks=1) - timedelta(microseconds=1)) is None
    assert used_up(5, timedelta(weeks=1)) is RotationReason.AGE_LIMIT
    assert used_up(5, -timedelta(seconds=1)) is RotationReason.CLOCK_WENT_BACK


def test_custom_limits_and_invalid_ones() -> None:
    policy = RotationPolicy(max_messages=3, max_age=timedelta(hours=1))
    assert policy.used_up(messages_sent=2, created_at=T0, now=T0) is None
    assert policy.used_up(messages_sent=3, created_at=T0, now=T0) is RotationReason.MESSAGE_LIMIT
    with pytest.raises(InvalidArgument):
        RotationPolicy(max_messages=0)
    with pytest.raises(InvalidArgument):
        RotationPolicy(max_age=timedelta(0))


def test_any_change_of_recipient_devices_rotates() -> None:
    same = RotationPolicy.rotate_on_membership_change
    assert not same({JONAS, MIA}, {MIA, JONAS})
    assert same({JONAS, MIA}, {JONAS})  # Mia removed
    assert same({JONAS}, {JONAS, MIA})  # Mia added (or Jonas got a second device)
    assert same({JONAS}, {MemberDevice("dev-jonas", "c-new", "e-jonas")})  # key replaced
    reason = POLICY.decide(
        messages_sent=0, created_at=T0, shared_for={JONAS, MIA}, current={JONAS}, now=T0
    )
    assert reason is RotationReason.MEMBERSHIP_CHANGED
    assert (
        POLICY.decide(messages_sent=1, created_at=T0, shared_for={JONAS}, current={JONAS}, now=T0)
        is None
    )


def test_recipients_from_the_peer_store_exclude_revoked_devices() -> None:
    good = Device(DeviceId("dev-jonas"), Uid("mueller.jonas"), "c-jonas", "e-jonas")
    assert member_devices([good]) == {JONAS}
    revoked = Device(DeviceId("dev-old"), Uid("mueller.jonas"), "c", "e", revoked=True)
    with pytest.raises(RevokedDevice, match="dev-old"):
        member_devices([good, revoked])
