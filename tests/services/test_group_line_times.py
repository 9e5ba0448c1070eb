"""When a received group's membership lines are dated.

"X created the group" takes the creator's own time, capped by the arrival as every
peer time is (``peer_ms``): dated by the arrival it sorted after the message that made
the group (a first message to a functional account, or a reader offline for long).
Every other membership line keeps the arrival, so an admin's backdated "X added Y"
cannot hide far up in the history."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta
from pathlib import Path

import msgspec

from desktop_app.domain.model import MessageKind
from desktop_app.protocol import content as wire
from desktop_app.services import conversations
from desktop_app.storage.container import Container
from desktop_app.storage.keyslot import Owner
from desktop_app.storage.timeutil import to_ms
from tests.conftest import FAST_KDF, PASSPHRASE

CREATED = datetime(2026, 12, 7, 8, 0, tzinfo=UTC)


def _lines(container: Container, cid: str) -> list[datetime]:
    page = container.messages.page(cid, limit=50)  # type: ignore[arg-type]
    return sorted(m.sent_at for m in page.messages if m.kind is MessageKind.SYSTEM)


def _receive(container: Container, state: wire.GroupState, cid: str, at: datetime) -> None:
    conversations.apply_received_state(
        container,
        cid,  # type: ignore[arg-type]
        state,
        sender_uid="weber.anna",
        me="mueller.jonas",
        envelope_key=f"dev/{state.version}",
        at=at,
    )


def test_created_is_the_creators_time_capped_by_arrival_others_the_arrival(
    tmp_path: Path,
) -> None:
    container = Container.create(tmp_path / "jonas", PASSPHRASE, Owner("jonas"), kdf=FAST_KDF)
    try:
        salt = secrets.token_bytes(wire.GROUP_SALT_BYTES)
        members = ("mueller.jonas",)
        made = conversations.new_group_state("Station 3B", "weber.anna", members, CREATED, salt)
        cid = conversations.group_conversation_id("weber.anna", salt)
        arrived = CREATED + timedelta(hours=3)  # Jonas was off shift
        _receive(container, made, cid, arrived)
        assert _lines(container, cid) == [CREATED]  # above the messages sent at 08:01

        ahead = tmp_path / "ahead"  # a creator's clock ahead of the arrival: the arrival
        other = Container.create(ahead, PASSPHRASE, Owner("jonas"), kdf=FAST_KDF)
        try:
            future = msgspec.structs.replace(made, changed_ms=to_ms(arrived + timedelta(days=9)))
            _receive(other, future, cid, arrived)
            assert _lines(other, cid) == [arrived]
        finally:
            other.close()

        backdated = msgspec.structs.replace(
            made,
            members=sorted(["weber.anna", "mueller.jonas", "schmidt.lena"]),
            version=2,
            changed_ms=to_ms(CREATED - timedelta(days=300)),
        )
        added = arrived + timedelta(hours=1)
        _receive(container, backdated, cid, added)
        assert _lines(container, cid) == [CREATED, added]  # "added Lena" at its arrival
    finally:
        container.close()
