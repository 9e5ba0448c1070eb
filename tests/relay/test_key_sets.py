"""Batches larger than one SQLite statement's key set, on SQLite and PostgreSQL.

A group commit asks about all of its keys together (relay/key_sets.py): SQLite in
chunks of ``CHUNK`` keys, PostgreSQL in one statement with an array per column; and
PostgreSQL writes a batch's rows with one statement (``PgConnection.executemany``).
Whatever the form, exactly the batch's envelopes must be stored, found again as
resends, and acknowledged, and a revoked recipient must still be told apart.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.relay.key_sets import CHUNK
from desktop_app.relay.store import DeviceRecord, NewEnvelope, RelayStore

NOW = 1_800_000_000_000
DAY = 86_400_000
MANY = 2 * CHUNK + 50  # three SQLite statements per question


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> RelayStore:
    if request.param == "sqlite":
        s = RelayStore(tmp_path / "relay.db")
    else:
        s = RelayStore(request.getfixturevalue("pg_server").database())
    for d in ("A1", "J1", "REVOKED"):
        s.add_device(DeviceRecord(d, d.lower(), "PC", b"cert-" + d.encode(), "01", NOW, None, None))
    s.revoke_device("REVOKED", NOW)
    return s


def batch(first: int, n: int, recipients: list[str]) -> list[NewEnvelope]:
    return [
        NewEnvelope("A1", "a", f"E{i:04d}", recipients, b"p%d" % i, {}, NOW, NOW + DAY)
        for i in range(first, first + n)
    ]


def test_a_batch_larger_than_a_statements_key_set_is_stored_recognised_and_acked(
    store: RelayStore,
) -> None:
    results = store.accept_envelopes(batch(0, MANY, ["J1"]))
    assert all(r.new for r in results)
    pending = store.pending("J1", 10 * MANY)
    assert [p.envelope_id for p in pending] == [f"E{i:04d}" for i in range(MANY)]
    assert [p.payload for p in pending[:2]] == [b"p0", b"p1"]

    # The same envelopes again with new ones among them: only the new ones are stored.
    again = store.accept_envelopes(batch(MANY - 10, 30, ["J1"]))
    assert [r.new for r in again] == [False] * 10 + [True] * 20
    assert store.pending_count("J1") == MANY + 20

    acked = store.acknowledge("J1", [("A1", f"E{i:04d}") for i in range(MANY + 20)])
    assert acked == MANY + 20
    assert store.pending_count("J1") == 0
    # Delivered and forgotten: a resend is still recognised by its dedupe key.
    late = store.accept_envelopes(batch(0, MANY, ["J1"]))
    assert not any(r.new for r in late)
    assert store.pending_count("J1") == 0


def test_a_revoked_recipient_is_told_apart_in_a_large_batch(store: RelayStore) -> None:
    envelopes = batch(0, MANY, ["J1"]) + batch(MANY, 1, ["REVOKED"]) + batch(MANY + 1, 5, ["J1"])
    results = store.accept_envelopes(envelopes)
    assert [r.refused for r in results] == [[]] * MANY + [["REVOKED"]] + [[]] * 5
    assert store.pending_count("REVOKED") == 0
    assert store.pending_count("J1") == MANY + 5
