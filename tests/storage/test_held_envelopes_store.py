"""Envelopes waiting for their room key: bounded per sender device (count and bytes),
and gone with retention when the key never came (tests/services/test_attack_held_envelopes.py
performs the flood through the real relay)."""

from __future__ import annotations

from datetime import timedelta

from desktop_app.storage.container import Container
from desktop_app.storage.sql_inbox import (
    MAX_HELD_BYTES_PER_DEVICE,
    MAX_HELD_PER_DEVICE,
    HeldEnvelope,
)
from desktop_app.storage.timeutil import to_ms
from tests.conftest import T0


def envelope(device: str, n: int, size: int = 8, days: int = 0) -> HeldEnvelope:
    at = to_ms(T0 + timedelta(days=days))
    return HeldEnvelope(device, f"env-{n}", "klein.eve", at, f"session-{n}", b"\0" * size)


def test_held_envelopes_are_bounded_per_sender_device(container: Container) -> None:
    inbox = container.inbox
    for n in range(MAX_HELD_PER_DEVICE):
        assert inbox.hold(envelope("eve-pc", n))
    assert not inbox.hold(envelope("eve-pc", MAX_HELD_PER_DEVICE))
    assert inbox.hold(envelope("eve-pc", 0))  # a redelivery replaces its own row
    assert inbox.hold(envelope("anna-pc", 0))  # another sender still has room
    big = MAX_HELD_BYTES_PER_DEVICE // 2
    assert inbox.hold(envelope("mia-pc", 1, big))
    assert not inbox.hold(envelope("mia-pc", 2, big + 1))  # past the bytes
    assert inbox.hold(envelope("mia-pc", 2, big))
    assert inbox.held_count() == MAX_HELD_PER_DEVICE + 3


def test_held_envelopes_whose_key_never_came_go_with_retention(container: Container) -> None:
    inbox = container.inbox
    assert inbox.hold(envelope("eve-pc", 1))
    assert inbox.hold(envelope("eve-pc", 2, days=2))
    container.purge.older_than(to_ms(T0 + timedelta(days=1)))
    assert [h.envelope_id for h in inbox.held_for("session-2")] == ["env-2"]
    assert inbox.held_for("session-1") == []


def test_ids_of_handled_envelopes_go_with_retention(container: Container) -> None:
    """docs/privacy.md: kept for duplicate detection until the retention period ends."""
    inbox = container.inbox
    inbox.mark_seen("anna-pc", "env-old", to_ms(T0))
    inbox.mark_seen("anna-pc", "env-new", to_ms(T0 + timedelta(days=2)))
    container.purge.older_than(to_ms(T0 + timedelta(days=1)))
    assert not inbox.seen("anna-pc", "env-old")
    assert inbox.seen("anna-pc", "env-new")
