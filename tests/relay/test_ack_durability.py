"""What the relay forces to disk: an accepted envelope always (SQLite synchronous=FULL,
PostgreSQL synchronous_commit=on), an acknowledgement not (lost with power, it makes the
envelope come again, and the device drops it by its id). The connection is back to
durable after every acknowledgement, also when it fails."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from desktop_app.relay import store_mailbox
from desktop_app.relay.errors import RelayStoreError
from desktop_app.relay.store import DeviceRecord, NewEnvelope, RelayStore

NOW = 1_800_000_000_000
DAY = 86_400_000


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> RelayStore:
    if request.param == "sqlite":
        s = RelayStore(tmp_path / "relay.db")
    else:
        s = RelayStore(request.getfixturevalue("pg_server").database())
    for d in ("A1", "J1"):
        s.add_device(DeviceRecord(d, d.lower(), "PC", b"cert-" + d.encode(), "01", NOW, None, None))
    return s


def durability(conn: Any, shared: bool) -> str:
    if shared:
        return str(conn.execute("SHOW synchronous_commit").fetchone()[0])
    return {2: "on", 1: "off"}[int(conn.execute("PRAGMA synchronous").fetchone()[0])]


def test_envelopes_are_forced_to_disk_and_acknowledgements_are_not(
    store: RelayStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = store.backend_pid() is not None
    seen: dict[str, str] = {}
    stored_in, ack_in = store_mailbox.already_stored, store._acknowledge_in

    def accepting(cur: Any, *args: Any) -> Any:
        seen["accept"] = durability(cur, shared)
        return stored_in(cur, *args)

    def acknowledging(cur: Any, *args: Any) -> Any:
        seen["ack"] = durability(cur, shared)
        return ack_in(cur, *args)

    monkeypatch.setattr(store_mailbox, "already_stored", accepting)
    store._acknowledge_in = acknowledging  # type: ignore[method-assign]
    envelope = NewEnvelope("A1", "a1", "E1", ["J1"], b"ct", {}, NOW, NOW + DAY)
    assert store.accept_envelopes([envelope])[0].new
    assert store.acknowledge_batch([("J1", [("A1", "E1")])], NOW) == [1]
    assert seen == {"accept": "on", "ack": "off"}
    assert durability(store._conn, shared) == "on"  # type: ignore[attr-defined]

    def failing(cur: Any, *args: Any) -> Any:
        raise RelayStoreError("the disk is full")

    store._acknowledge_in = failing  # type: ignore[method-assign]
    with pytest.raises(RelayStoreError):
        store.acknowledge_batch([("J1", [("A1", "E1")])], NOW)
    assert durability(store._conn, shared) == "on"  # type: ignore[attr-defined]
