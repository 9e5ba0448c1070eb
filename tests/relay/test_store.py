"""The relay store on SQLite and PostgreSQL: mailboxes, dedupe, one-time keys, codes, expiry."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from desktop_app.relay.errors import EnrollmentRefused, RelayStoreError, UnknownDevice
from desktop_app.relay.store import MIGRATIONS, DeviceRecord, NewEnvelope, RelayStore, StoredKey
from desktop_app.relay.store_directory import DirectoryVersion
from desktop_app.relay.store_mailbox import DIRECTORY_VERSIONS_KEPT
from desktop_app.relay.store_pg import PG_MIGRATIONS

NOW = 1_800_000_000_000
DAY = 86_400_000


def key(key_id: str, value: str) -> StoredKey:
    return StoredKey(key_id, value, b"sig-" + key_id.encode())


def device(device_id: str, uid: str) -> DeviceRecord:
    return DeviceRecord(
        device_id, uid, "Stationsrechner", b"cert-" + device_id.encode(), "01", NOW, None, None
    )


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> RelayStore:
    """Every test runs on both backends (a private PostgreSQL, tests/pg_server.py)."""
    if request.param == "sqlite":
        s = RelayStore(tmp_path / "relay.db")
    else:
        s = RelayStore(request.getfixturevalue("pg_server").database())
    for d, uid in (("A1", "anna"), ("J1", "jonas"), ("J2", "jonas"), ("M1", "mia")):
        s.add_device(device(d, uid))
    return s


def send(
    store: RelayStore, envelope_id: str, recipients: list[str], sender: str = "A1"
) -> tuple[bool, list[str]]:
    new, refused, _ = store.accept_envelope(
        sender_device=sender,
        sender_uid="anna",
        envelope_id=envelope_id,
        recipients=recipients,
        payload=b"megolm-ciphertext",
        per_device={r: f"olm-for-{r}".encode() for r in recipients},
        now=NOW,
        expires=NOW + 30 * DAY,
    )
    return new, refused


def test_envelope_reaches_every_mailbox_with_its_own_part(store: RelayStore) -> None:
    assert send(store, "E1", ["J1", "J2", "M1"]) == (True, [])
    for d in ("J1", "J2", "M1"):
        (item,) = store.pending(d, 10)
        assert (item.envelope_id, item.sender_device, item.payload) == (
            "E1",
            "A1",
            b"megolm-ciphertext",
        )
        assert item.device_payload == f"olm-for-{d}".encode()
    assert store.pending("A1", 10) == []


def test_resend_with_same_id_is_stored_once_even_after_ack(store: RelayStore) -> None:
    send(store, "E1", ["J1"])
    assert send(store, "E1", ["J1"]) == (False, [])
    assert store.pending_count("J1") == 1
    assert store.acknowledge("J1", [("A1", "E1")]) == 1
    assert send(store, "E1", ["J1"]) == (False, [])  # the id is remembered until expiry
    assert store.pending("J1", 10) == []
    # Another sender may use the same envelope id without colliding.
    assert send(store, "E1", ["J1"], sender="M1") == (True, [])


def test_ack_names_the_sender_so_equal_ids_of_two_senders_stay_apart(store: RelayStore) -> None:
    send(store, "E1", ["J1", "J2"])
    send(store, "E1", ["J1"], sender="M1")
    assert store.acknowledge("J1", [("A1", "E1"), ("A1", "nope")]) == 1
    assert [(i.sender_device, i.envelope_id) for i in store.pending("J1", 10)] == [("M1", "E1")]
    assert len(store.pending("J2", 10)) == 1
    assert store.acknowledge("J1", []) == 0


def test_ack_deletes_and_last_ack_drops_the_envelope(store: RelayStore, tmp_path: Path) -> None:
    send(store, "E1", ["J1", "J2"])
    assert store.acknowledge("J1", [("A1", "E1"), ("A1", "unknown")]) == 1
    assert store.acknowledge("J1", [("A1", "E1")]) == 0
    assert [i.envelope_id for i in store.pending("J2", 10)] == ["E1"]
    store.acknowledge("J2", [("A1", "E1")])
    assert store._query("SELECT * FROM envelopes") == []  # read back through either backend
    assert store._query("SELECT count(*) FROM delivered") == [(1,)]
    assert send(store, "E1", ["J1", "J2"]) == (False, [])  # still a duplicate
    send(store, "E2", ["J1"])  # a delivery pages by row id: a freed id is never reused
    assert [i.row for i in store.pending("J1", 10)] == [2]


def test_unknown_or_revoked_recipient_refuses_the_whole_envelope(store: RelayStore) -> None:
    store.revoke_device("M1", NOW)
    assert send(store, "E1", ["J1", "M1", "ghost"]) == (False, ["M1", "ghost"])
    assert store.pending("J1", 10) == [] and store.pending("M1", 10) == []
    assert send(store, "E1", ["J1"]) == (True, [])  # the corrected resend goes through


def test_revoking_drops_keys_and_undelivered_mail(store: RelayStore) -> None:
    store.publish_keys("J1", [key("k1", "key1")], key("f1", "fallback"))
    send(store, "E1", ["J1"])
    record = store.revoke_device("J1", NOW + 5)
    assert record.revoked and record.revoked_at == NOW + 5
    assert store.pending("J1", 10) == []
    assert store._query("SELECT count(*) FROM envelopes") == [(0,)]  # it waited for J1 only
    assert store.claim_keys("J1").one_time_key is None
    with pytest.raises(UnknownDevice):
        store.revoke_device("nobody", NOW)


def test_pending_pages_in_order(store: RelayStore) -> None:
    for i in range(25):
        send(store, f"E{i:02d}", ["J1"])
    first = store.pending("J1", 10)
    second = store.pending("J1", 10, after_row=first[-1].row)
    assert [i.envelope_id for i in first + second] == [f"E{i:02d}" for i in range(20)]


def test_one_time_keys_are_claimed_once_then_the_fallback(store: RelayStore) -> None:
    assert store.publish_keys("J1", [key("AAAB", "k2"), key("AAAA", "k1")], key("F", "fb")) == 2
    assert store.publish_keys("J1", [key("AAAA", "k1")], None) == 2  # republish is idempotent
    claims = [store.claim_keys("J1") for _ in range(3)]
    assert [c.one_time_key for c in claims] == [key("AAAA", "k1"), key("AAAB", "k2"), None]
    assert all(c.fallback_key == key("F", "fb") for c in claims)


def test_enrollment_codes_are_single_use_and_expire(store: RelayStore) -> None:
    h1, h2 = hashlib.sha256(b"one").digest(), hashlib.sha256(b"two").digest()
    store.add_enrollment_code(h1, "anna", NOW, NOW + DAY)
    store.add_enrollment_code(h2, "jonas", NOW, NOW + DAY)
    anna9 = DeviceRecord("A9", "anna", "PC", b"c", "09", NOW + 1, None, None)
    store.enroll_device(h1, anna9, 16)
    assert store.device("A9").uid == "anna"
    anna10 = DeviceRecord("A10", "anna", "PC", b"c", "10", NOW + 2, None, None)
    with pytest.raises(EnrollmentRefused, match="already used"):
        store.enroll_device(h1, anna10, 16)
    jonas9 = DeviceRecord("J9", "jonas", "PC", b"c", "11", NOW + DAY, None, None)
    with pytest.raises(EnrollmentRefused, match="expired"):
        store.enroll_device(h2, jonas9, 16)
    with pytest.raises(EnrollmentRefused, match="unknown"):
        store.enroll_device(hashlib.sha256(b"x").digest(), jonas9, 16)
    with pytest.raises(UnknownDevice):
        store.device("J9")  # nothing was added by the refusals


def test_expiry_removes_envelopes_and_blobs(store: RelayStore) -> None:
    send(store, "E1", ["J1"])
    store.start_blob("B1", "A1", 100, NOW, NOW + DAY)
    assert store.expire(NOW + DAY - 1) == (0, [])
    assert store.expire(NOW + 31 * DAY) == (1, ["B1"])
    assert store.pending("J1", 10) == []


def test_expiry_keeps_only_the_newest_directory_versions(store: RelayStore) -> None:
    for version in range(1, DIRECTORY_VERSIONS_KEPT + 6):
        header = DirectoryVersion(version, NOW, b"h", b"s", "import", 1, 0, 0)
        store.commit_directory(version - 1, header, {f"u{version}": b"e"}, [])
    store.expire(NOW)
    kept = [v.version for v in store.directory_history(limit=10_000)]
    assert kept == list(range(DIRECTORY_VERSIONS_KEPT + 5, 5, -1))
    assert len(store.directory_entries()) == DIRECTORY_VERSIONS_KEPT + 5  # entries stay


def test_blob_progress_and_revocations(store: RelayStore) -> None:
    blob = store.start_blob("B1", "A1", 1000, NOW, NOW + DAY)
    assert (blob.received, blob.complete) == (0, False)
    store.blob_progress("B1", 1000, "ab" * 32)
    assert store.start_blob("B1", "A1", 1000, NOW, NOW + DAY).complete  # resume sees it
    assert store.latest_revocations() is None
    store.save_revocations(1, b"crl1", NOW)
    store.save_revocations(2, b"crl2", NOW)
    assert store.latest_revocations() == (2, b"crl2")


def test_state_survives_reopen_and_newer_schema_is_refused(store: RelayStore) -> None:
    send(store, "E1", ["J1"])
    store.close()
    again = RelayStore(store.path)
    assert [i.envelope_id for i in again.pending("J1", 5)] == ["E1"]
    if isinstance(store.path, Path):
        again.close()
        raw = sqlite3.connect(store.path)
        raw.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
        raw.close()
    else:
        again._conn.execute(f"INSERT INTO wardlink_schema VALUES ({len(PG_MIGRATIONS) + 1})")
        again.close()
    with pytest.raises(RelayStoreError, match="Update the relay"):
        RelayStore(store.path)


def test_group_commit_keeps_each_envelope_all_or_nothing(store: RelayStore) -> None:
    def env(envelope_id: str, recipients: list[str]) -> NewEnvelope:
        return NewEnvelope("A1", "anna", envelope_id, recipients, b"ct", {}, NOW, NOW + DAY)

    results = store.accept_envelopes(
        [env("E1", ["J1"]), env("E2", ["J1", "ghost"]), env("E1", ["J1"]), env("E3", ["J1"])]
    )
    assert results == [(True, [], ""), (False, ["ghost"], ""), (False, [], ""), (True, [], "")]
    assert [i.envelope_id for i in store.pending("J1", 10)] == ["E1", "E3"]


def test_a_batch_checks_delivered_revoked_and_repeated_envelopes_once_for_all(
    store: RelayStore,
) -> None:
    """The group commit's checks run once per batch (relay/store_batch_checks.py): a
    delivered envelope, a revoked recipient and a resend within the batch are still
    recognised, also for another sender's envelope of the same id."""

    def env(sender: str, envelope_id: str, recipients: list[str]) -> NewEnvelope:
        return NewEnvelope(sender, "x", envelope_id, recipients, b"ct", {}, NOW, NOW + DAY)

    assert send(store, "E1", ["J1"]) == (True, [])
    assert store.acknowledge("J1", [("A1", "E1")], NOW) == 1  # delivered: only its key stays
    store.revoke_device("M1", NOW)
    results = store.accept_envelopes(
        [
            env("A1", "E1", ["J1"]),  # delivered before
            env("A1", "E2", ["J1", "M1"]),  # M1 revoked
            env("J1", "E1", ["J2"]),  # another sender, the same id: new
            env("A1", "E3", ["J2"]),
            env("A1", "E3", ["J2"]),  # a resend in the same batch
        ]
    )
    assert results == [
        (False, [], ""),
        (False, ["M1"], ""),
        (True, [], ""),
        (True, [], ""),
        (False, [], ""),
    ]
    assert [(i.sender_device, i.envelope_id) for i in store.pending("J2", 10)] == [
        ("J1", "E1"),
        ("A1", "E3"),
    ]
    assert store.pending("J1", 10) == []


class _GoneMidCommit:
    """The store's connection as PostgreSQL leaves it when the server restarts during a
    group commit: COMMIT fails, and so does the ROLLBACK after it."""

    def __init__(self, inner: sqlite3.Connection) -> None:
        self.inner = inner

    def execute(self, sql: str, params: object = ()) -> object:
        if sql in ("COMMIT", "ROLLBACK"):
            raise sqlite3.OperationalError(f"{sql}: server closed the connection unexpectedly")
        return self.inner.execute(sql, params)  # type: ignore[arg-type]

    def __getattr__(self, name: str) -> object:
        return getattr(self.inner, name)


def test_a_commit_whose_rollback_fails_too_is_a_store_failure(tmp_path: Path) -> None:
    """The relay answers a store failure with 'unavailable' (clients resend); any other
    error is logged with a traceback as an internal error. A failed ROLLBACK after a
    failed COMMIT used to replace the store failure with its own raw driver error."""
    store = RelayStore(tmp_path / "relay.db")
    store.add_device(device("A1", "anna"))
    real = store._conn
    store._conn = _GoneMidCommit(real)  # type: ignore[assignment]
    try:
        with pytest.raises(RelayStoreError, match="server closed the connection"):
            store.set_meta("probe", "1")
    finally:
        real.execute("ROLLBACK")
        store._conn = real
    assert store.get_meta("probe") is None  # nothing of it was committed
