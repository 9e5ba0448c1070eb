"""Which device gave each group session's key (schema 24): a device's keys that decrypted
nothing are bounded, and the record goes with its session (the flood itself, through the
real relay: tests/services/test_attack_room_keys.py)."""

from __future__ import annotations

from desktop_app.storage.container import Container
from desktop_app.storage.sql_inbox import (
    MAX_UNUSED_ROOM_KEYS_PER_DEVICE,
    UNUSED_ROOM_KEYS_WINDOW_MS,
)
from desktop_app.storage.timeutil import to_ms
from tests.conftest import T0

NOW = to_ms(T0)


def origins(container: Container) -> int:
    return int(container.database.scalar("SELECT count(*) FROM room_key_origins"))


def test_a_devices_unused_keys_are_bounded_and_used_ones_do_not_count(
    container: Container,
) -> None:
    inbox = container.inbox
    for n in range(MAX_UNUSED_ROOM_KEYS_PER_DEVICE):
        assert inbox.admit_room_key("eve-pc", f"s-{n}", NOW)
    assert not inbox.admit_room_key("eve-pc", "one-more", NOW)
    assert inbox.admit_room_key("anna-pc", "anna-1", NOW)  # another device has room
    # A session that decrypted a message (its replay record, per index) is used ...
    container.pickles.save("megolm-seen-at", "s-0#0", b"x")
    # ... and so is one with the older whole-session replay record.
    container.pickles.save("megolm-seen", "s-1", b"x")
    assert inbox.admit_room_key("eve-pc", "two-more", NOW)
    assert inbox.admit_room_key("eve-pc", "three-more", NOW)
    assert not inbox.admit_room_key("eve-pc", "four-more", NOW)
    # A later index of another session counts as its use as well.
    container.pickles.save("megolm-seen-at", "s-10#7", b"x")
    assert inbox.admit_room_key("eve-pc", "five-more", NOW)
    assert not inbox.admit_room_key("eve-pc", "six-more", NOW)


def test_only_the_last_weeks_unused_keys_count(container: Container) -> None:
    """An honest device's drafts never sent leave a key unused now and then: they do not
    add up to a refusal over months, while a flood is bounded per week."""
    inbox = container.inbox
    for n in range(MAX_UNUSED_ROOM_KEYS_PER_DEVICE):
        assert inbox.admit_room_key("eve-pc", f"s-{n}", NOW)
    assert not inbox.admit_room_key("eve-pc", "one-more", NOW + 1000)
    a_week_later = NOW + UNUSED_ROOM_KEYS_WINDOW_MS
    assert inbox.admit_room_key("eve-pc", "next-week", a_week_later)
    assert not inbox.admit_room_key("eve-pc", "next-week-2", a_week_later - 1)


def test_the_record_goes_with_its_session(container: Container) -> None:
    inbox = container.inbox
    assert inbox.admit_room_key("eve-pc", "s-1", NOW)
    assert inbox.admit_room_key("eve-pc", "s-2", NOW)
    container.purge.conversation("no-such-conversation", ["s-1"])
    assert origins(container) == 1
    assert container.database.scalar("SELECT session_id FROM room_key_origins") == "s-2"
