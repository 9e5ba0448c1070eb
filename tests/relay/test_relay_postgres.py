"""The relay store on PostgreSQL: `relay init/serve --database`, passwords, migrations.

Everything runs against a private PostgreSQL (tests/pg_server.py) with password
authentication; the store tests (test_store.py) and the messaging tests
(test_relay_messaging.py) run on both backends as well.
"""

from __future__ import annotations

import asyncio
import json
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import msgspec
import psycopg
import pytest

from desktop_app.crypto.org_files import load_org_certificates
from desktop_app.protocol import (
    AckDelivery,
    Acked,
    BlobChunk,
    BlobDownload,
    BlobReady,
    BlobStored,
    BlobUpload,
    EnvelopeAccepted,
    Error,
    ErrorCode,
    SendEnvelope,
)
from desktop_app.relay import store_pg
from desktop_app.relay.admin import init_relay, issue_code
from desktop_app.relay.data_dir import RelayDataDir
from desktop_app.relay.errors import AdminInputError, RelayDataError, RelayStoreError
from desktop_app.relay.migrate_store import migrate_store
from desktop_app.relay.store import MIGRATIONS, DeviceRecord, RelayStore, StoredKey
from desktop_app.relay.store_pg import (
    PASSWORD_ENV,
    PG_MIGRATIONS,
    PgConnection,
    connect,
    migrate,
    pg_target,
)
from tests.conftest import FAST_KDF
from tests.pg_server import PASSWORD, PgServer, _free_port
from tests.relay.conftest import ADMIN, ORG, live_relay, relay_process
from tests.relay.test_relay_process import wardlink
from tests.relay.wire_client import Device, WireClient

CLAIMS = 200
BLOB = "attachment-0001"
BLOB_DATA = b"encrypted attachment bytes" * 100


def _rows(url: str, sql: str) -> list[tuple[object, ...]]:
    with psycopg.connect(url, password=PASSWORD) as conn:
        return conn.execute(sql).fetchall()


def test_relay_process_on_postgresql_delivers_between_two_enrolled_devices(
    pg_relay_root: Path,
) -> None:
    """`relay serve --database URL` (the password from relay.json's file): enroll two
    devices, send, deliver, ack; what is left in PostgreSQL is only the dedupe key."""
    root = pg_relay_root
    url = json.loads((root / "relay.json").read_text())["database"]
    assert not (root / "relay.db").exists()
    org = load_org_certificates(root)
    anna, jonas = Device("weber.anna", "WEBER-PC1"), Device("mueller.jonas", "MUELLER-PC1")
    with relay_process(root, advertise=False, extra=("--database", url)) as relay:

        async def round_trip() -> None:
            clients = {}
            for device in (anna, jonas):
                client = await WireClient.connect(relay.port, org)
                reply = await client.enroll(device, issue_code(root, device.uid).code)
                assert type(reply).__name__ == "Enrolled", reply
                device.certificate = reply.device_certificate  # type: ignore[union-attr]
                clients[device.device_id] = client
            sent = await clients["WEBER-PC1"].request(
                SendEnvelope(
                    clients["WEBER-PC1"].ids.next(),
                    "E1",  # type: ignore[arg-type]
                    ["MUELLER-PC1"],  # type: ignore[list-item]
                    b"ct-1",
                    {"MUELLER-PC1": b"olm:MUELLER-PC1"},  # type: ignore[dict-item]
                )
            )
            assert isinstance(sent, EnvelopeAccepted), sent
            receiver = clients["MUELLER-PC1"]
            (deliver,) = await receiver.wait_deliveries(1)
            assert (deliver.envelope_id, deliver.sender_device, deliver.payload) == (
                "E1",
                "WEBER-PC1",
                b"ct-1",
            )
            assert deliver.device_payload == b"olm:MUELLER-PC1"
            acked = await receiver.request(
                AckDelivery(receiver.ids.next(), [("WEBER-PC1", "E1")])  # type: ignore[list-item]
            )
            assert isinstance(acked, Acked) and acked.count == 1
            for client in clients.values():
                await client.close()

        asyncio.run(round_trip())
        assert relay.stop() == 0
        assert "Traceback" not in relay.stderr()
    assert _rows(url, "SELECT device_id FROM devices ORDER BY 1") == [
        ("MUELLER-PC1",),
        ("WEBER-PC1",),
    ]
    assert _rows(url, "SELECT count(*) FROM envelopes") == [(0,)]
    assert _rows(url, "SELECT count(*) FROM mailbox") == [(0,)]
    assert _rows(url, "SELECT count(*) FROM delivered") == [(1,)]


def test_cli_init_creates_the_schema_in_postgresql_and_refuses_a_used_database(
    tmp_path: Path, pg_server: PgServer
) -> None:
    target = pg_server.database()
    password_file = tmp_path / "pw"
    password_file.write_text(PASSWORD + "\n")
    password_file.chmod(0o644)
    base = ("--org", "Klinikum Nord", "--host", "127.0.0.1", "--database", target.url)
    pw = ("--database-password-file", str(password_file))
    readable = wardlink("relay", "init", "--data", str(tmp_path / "a"), *base, *pw)
    assert readable.returncode == 1 and "readable by other users" in readable.stderr
    assert not (tmp_path / "a" / "org-root.key.json").exists()
    password_file.chmod(0o600)
    first = wardlink("relay", "init", "--data", str(tmp_path / "a"), *base, *pw)
    assert first.returncode == 0, first.stderr
    assert f"store {target.url}" in first.stdout
    settings = json.loads((tmp_path / "a" / "relay.json").read_text())
    assert (settings["database"], settings["database_password_file"]) == (
        target.url,
        str(password_file),
    )
    assert not (tmp_path / "a" / "relay.db").exists()
    (relay_id,) = _rows(target.url, "SELECT value FROM meta WHERE key = 'relay_id'")[0]
    assert relay_id == settings["relay_id"]
    assert RelayDataDir(tmp_path / "a").open_store().revocations_number() == 1

    second = wardlink("relay", "init", "--data", str(tmp_path / "b"), *base, *pw)
    assert second.returncode == 1
    assert f"already holds relay {relay_id}" in second.stderr
    assert not (tmp_path / "b" / "org-root.key.json").exists()


def test_unreachable_database_or_password_on_the_command_line_is_a_clear_error(
    tmp_path: Path,
) -> None:
    down = f"postgresql://wardlink@127.0.0.1:{_free_port()}/relay"
    init = wardlink(
        "relay", "init", "--data", str(tmp_path / "r"), "--org", "X", "--database=" + down
    )
    assert init.returncode == 1
    assert f"the relay database {down} cannot be reached" in init.stderr
    assert len(init.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "r" / "org-root.key.json").exists()  # nothing half-made
    with pytest.raises(AdminInputError, match=r"encrypts relay\.db"):
        init_relay(
            tmp_path / "r", ORG, ADMIN, ["127.0.0.1"], db_key_file=tmp_path / "k", database=down
        )
    assert not (tmp_path / "k").exists()
    leaked = "postgresql://wardlink:secret@127.0.0.1:5432/relay"
    init = wardlink(
        "relay", "init", "--data", str(tmp_path / "r"), "--org", "X", "--database=" + leaked
    )
    assert init.returncode == 1 and "must not contain the password" in init.stderr


def test_password_from_the_environment_and_a_wrong_one_refused(
    pg_server: PgServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = pg_server.database().url
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    store = RelayStore(pg_target(url))
    assert store.revocations_number() is None
    store.close()
    monkeypatch.setenv(PASSWORD_ENV, "wrong")
    with pytest.raises(RelayStoreError, match=r"cannot be reached: .*password authentication"):
        RelayStore(pg_target(url))


def test_postgresql_migrations_match_sqlites_and_upgrade_a_schema_5_store(
    pg_server: PgServer,
) -> None:
    """A store made by the previous release (schema 5) keeps its mail through 0006."""
    assert [m.name for m in PG_MIGRATIONS] == [m.name for m in MIGRATIONS]
    target = pg_server.database()
    conn = connect(target)
    migrate(conn, upto=5)
    conn.execute(
        "INSERT INTO devices VALUES ('J1', 'jonas', '', ?, '01', 1, NULL, NULL)", (b"cert",)
    )
    conn.execute(
        "INSERT INTO envelopes(sender_device, envelope_id, sender_uid, payload, received_at, "
        "expires_at) VALUES ('A1', 'E1', 'anna', ?, 5, 99999999999999)",
        (b"ct",),
    )
    conn.execute(
        "INSERT INTO mailbox(device_id, envelope, device_payload, sender_device, size) "
        "SELECT 'J1', id, NULL, 'A1', 2 FROM envelopes"
    )
    conn.close()

    store = RelayStore(target)
    (item,) = store.pending("J1", 10)
    assert (item.envelope_id, item.payload) == ("E1", b"ct")
    assert store.mailbox_usage("J1") == (1, 2)  # counted by the 0003 trigger
    assert store._query("SELECT max(version) FROM wardlink_schema") == [(len(MIGRATIONS),)]
    assert store.get_meta("envelope_rows") == str(item.row)
    secret = store.get_meta("dedupe_secret")
    assert secret is not None and len(bytes.fromhex(secret)) == 32
    store.add_device(DeviceRecord("A1", "anna", "", b"c", "02", 1, None, None))
    store.acknowledge("J1", [("A1", "E1")])
    assert store.pending("J1", 10) == []
    resent = store.accept_envelope(
        sender_device="A1",
        sender_uid="anna",
        envelope_id="E1",
        recipients=["J1"],
        payload=b"ct",
        per_device={},
        now=6,
        expires=99999999999999,
    )
    assert resent.new is False  # still a duplicate after the upgrade


def test_migrate_store_keeps_every_pending_message_deliverable(
    relay_root: Path, pg_server: PgServer, tmp_path: Path
) -> None:
    """A populated SQLite relay -> `relay migrate-store` -> the same relay on PostgreSQL
    delivers what was waiting (with its attachment), knows delivered ids as duplicates,
    and enrolls anew."""
    target = pg_server.database()
    password_file = tmp_path / "pw"
    password_file.write_text(PASSWORD)
    password_file.chmod(0o600)

    async def before() -> tuple[Device, Device]:
        async with live_relay(relay_root) as relay:
            anna_conn, anna = await relay.enrolled("weber.anna", "WEBER-PC1")
            jonas_conn, jonas = await relay.enrolled("mueller.jonas", "MUELLER-PC1")
            await jonas_conn.close()
            ready = await anna_conn.request(BlobUpload(anna_conn.ids.next(), BLOB, len(BLOB_DATA)))
            assert isinstance(ready, BlobReady)
            await anna_conn.send(BlobChunk(ready.req_id, BLOB, 0, BLOB_DATA, True))
            assert isinstance(await anna_conn.next_frame(), BlobStored)
            for i in range(3):  # E2 names the attachment
                sent = await _send(anna_conn, f"E{i}", "MUELLER-PC1", (BLOB,) if i == 2 else ())
                assert isinstance(sent, EnvelopeAccepted)
            receiver = await relay.logged_in(jonas)
            await receiver.wait_deliveries(3)
            acked = await receiver.request(
                AckDelivery(receiver.ids.next(), [("WEBER-PC1", "E0")])  # type: ignore[list-item]
            )
            assert isinstance(acked, Acked)
            await receiver.close()
            await anna_conn.close()
            return anna, jonas

    anna, jonas = asyncio.run(before())
    moved = wardlink(
        *("relay", "migrate-store", "--data", str(relay_root), "--to", target.url),
        *("--database-password-file", str(password_file)),
    )
    assert moved.returncode == 0, moved.stderr
    assert "copied and verified 18 tables" in moved.stdout
    assert re.search(r"mailbox\s+2 rows", moved.stdout), moved.stdout
    assert re.search(r"blob_readers\s+1 rows", moved.stdout), moved.stdout
    assert not (relay_root / "relay.db").exists()
    assert (relay_root / "relay.db.migrated").exists()
    assert json.loads((relay_root / "relay.json").read_text())["database"] == target.url

    async def after() -> None:
        async with live_relay(relay_root) as relay:
            anna_conn = await relay.logged_in(anna)
            again = await _send(anna_conn, "E0", "MUELLER-PC1")  # delivered before: a duplicate
            assert isinstance(again, EnvelopeAccepted)
            receiver = await relay.logged_in(jonas)
            waiting = await receiver.wait_deliveries(2)
            assert [(d.envelope_id, d.payload) for d in waiting] == [
                ("E1", b"ct-E1"),
                ("E2", b"ct-E2"),
            ]
            assert await receiver.quiet(0.3) == []  # E0 not stored again
            await receiver.send(BlobDownload(receiver.ids.next(), BLOB, 0))
            chunk = await receiver.next_frame()  # a recipient of E2 may read it, as before
            assert isinstance(chunk, BlobChunk) and chunk.last and chunk.data == BLOB_DATA
            sent = await _send(anna_conn, "E3", "MUELLER-PC1")
            assert isinstance(sent, EnvelopeAccepted)
            late = await receiver.wait_deliveries(3)  # in total on this connection
            assert late[-1].envelope_id == "E3"
            _, newcomer = await relay.enrolled("mueller.jonas", "MUELLER-LAPTOP")
            assert newcomer.certificate is not None
            await receiver.close()
            await anna_conn.close()

    asyncio.run(after())
    assert RelayDataDir(relay_root).open_store().pending_count("MUELLER-PC1") == 3


async def _send(
    client: WireClient, envelope_id: str, recipient: str, blob_ids: tuple[str, ...] = ()
) -> object:
    return await client.request(
        SendEnvelope(
            client.ids.next(),
            envelope_id,  # type: ignore[arg-type]
            [recipient],  # type: ignore[list-item]
            f"ct-{envelope_id}".encode(),
            {recipient: b"olm:" + recipient.encode()},  # type: ignore[dict-item]
            list(blob_ids),
        )
    )


def test_an_id_with_a_nul_character_is_a_bad_frame_not_a_failed_group_commit(
    pg_relay_root: Path,
) -> None:
    """Attack: PostgreSQL text cannot hold NUL, so an envelope id with one made the whole
    group commit fail and closed every session in that batch with an internal error.
    Now such a frame is malformed on any backend: only the sender's connection closes."""

    async def scenario() -> None:
        async with live_relay(pg_relay_root) as relay:
            anna_conn, _ = await relay.enrolled("weber.anna", "WEBER-PC1")
            jonas_conn, _ = await relay.enrolled("mueller.jonas", "MUELLER-PC1")
            for bad_id, recipient in (("E\x00", "MUELLER-PC1"), ("E1", "MUELLER-PC1\x00")):
                frame = SendEnvelope(anna_conn.ids.next(), bad_id, [recipient], b"ct", {})  # type: ignore[arg-type, list-item]
                await anna_conn.send_raw(msgspec.msgpack.encode(frame))  # past the client's check
            error = await anna_conn.next_frame()
            assert isinstance(error, Error) and error.fatal, error
            assert error.code is ErrorCode.BAD_FRAME, error
            sent = await _send(jonas_conn, "J1", "WEBER-PC1")  # the other session is unaffected
            assert isinstance(sent, EnvelopeAccepted), sent
            await jonas_conn.close()

    asyncio.run(scenario())
    store = RelayDataDir(pg_relay_root).open_store()
    assert store._query("SELECT envelope_id FROM envelopes") == [("J1",)]


def test_relay_survives_a_postgresql_restart_and_acknowledges_only_what_it_stored(
    pg_relay_root: Path, pg_server: PgServer
) -> None:
    """The database restarts under a running relay: the next envelope is stored on a new
    connection; while it is down a send is refused (not acknowledged) and a delivery
    ends with a clear `unavailable`, and after it returns everything is delivered once."""

    async def scenario() -> None:
        async with live_relay(pg_relay_root) as relay:
            anna_conn, anna = await relay.enrolled("weber.anna", "WEBER-PC1")
            first_conn, jonas = await relay.enrolled("mueller.jonas", "MUELLER-PC1")
            await first_conn.close()
            assert isinstance(await _send(anna_conn, "E1", "MUELLER-PC1"), EnvelopeAccepted)
            await asyncio.to_thread(pg_server.stop)
            await asyncio.to_thread(pg_server.start)
            assert isinstance(await _send(anna_conn, "E2", "MUELLER-PC1"), EnvelopeAccepted)

            jonas_conn = await relay.logged_in(jonas)
            assert [d.envelope_id for d in await jonas_conn.wait_deliveries(2)] == ["E1", "E2"]
            await asyncio.to_thread(pg_server.stop)
            try:
                refused = await _send(anna_conn, "E3", "MUELLER-PC1")
                relay.runner.server._wake("MUELLER-PC1")  # its delivery reads the mailbox now
                gone = await jonas_conn.next_frame()
            finally:
                await asyncio.to_thread(pg_server.start)
            assert isinstance(refused, Error) and refused.code is ErrorCode.UNAVAILABLE
            assert isinstance(gone, Error) and gone.code is ErrorCode.UNAVAILABLE, gone

            again = await relay.logged_in(anna)
            assert isinstance(await _send(again, "E3", "MUELLER-PC1"), EnvelopeAccepted)
            back = await relay.logged_in(jonas)  # nothing was acked: all three, once each
            got = await back.wait_deliveries(3)
            assert [d.envelope_id for d in got] == ["E1", "E2", "E3"]
            assert await back.quiet(0.3) == []
            await again.close()
            await back.close()

    asyncio.run(scenario())


def test_two_stores_on_one_database_hand_out_each_one_time_key_once(
    pg_server: PgServer,
) -> None:
    """Two relay processes (here: two stores, two threads) claim from one database at
    once: the write lock keeps each claim's read-then-delete whole, as SQLite does."""
    target = pg_server.database()
    first, second = RelayStore(target), RelayStore(target)
    first.add_device(DeviceRecord("J1", "jonas", "", b"c", "01", 1, None, None))
    keys = [StoredKey(f"k{i:03d}", f"key-{i}", b"sig") for i in range(CLAIMS)]
    first.publish_keys("J1", keys, None)

    def claim(store: RelayStore) -> list[str]:
        got = []
        for _ in range(CLAIMS // 2):
            key = store.claim_keys("J1").one_time_key
            assert key is not None
            got.append(key.key_id)
        return got

    with ThreadPoolExecutor(2) as pool:
        a, b = pool.map(claim, (first, second))
    assert sorted(a + b) == [k.key_id for k in keys]  # none twice, none lost
    assert first.claim_keys("J1").one_time_key is None
    first.close()
    second.close()


def test_upgrade_from_schema_2_fills_the_quota_counters_from_waiting_mail(
    pg_server: PgServer,
) -> None:
    """0003 derives each mailbox row's sender and size and the per-sender counters."""
    target = pg_server.database()
    conn = connect(target)
    migrate(conn, upto=2)
    conn.execute("INSERT INTO devices VALUES ('J1', 'jonas', '', ?, '01', 1, NULL, NULL)", (b"c",))
    conn.execute(
        "INSERT INTO envelopes(id, sender_device, envelope_id, sender_uid, payload, "
        "received_at, expires_at) VALUES (7, 'A1', 'E7', 'anna', ?, 5, 99999999999999)",
        (b"x" * 100,),
    )
    conn.execute("INSERT INTO mailbox VALUES ('J1', 7, ?)", (b"y" * 20,))
    conn.close()

    store = RelayStore(target)
    assert store.mailbox_usage("J1") == (1, 120)
    assert store._query("SELECT sender_device, size FROM mailbox") == [("A1", 120)]
    assert store.get_meta("envelope_rows") == "7"
    store.add_device(DeviceRecord("A1", "anna", "", b"c", "02", 1, None, None))
    assert store.acknowledge("J1", [("A1", "E7")]) == 1
    assert store.mailbox_usage("J1") == (0, 0)  # the trigger took it off again
    store.close()


def test_migrate_store_reads_an_encrypted_relay_and_refuses_a_used_database(
    tmp_path: Path, pg_server: PgServer
) -> None:
    root = tmp_path / "relay"
    init_relay(root, ORG, ADMIN, ["127.0.0.1"], kdf=FAST_KDF, db_key_file=tmp_path / "db.key")
    issue_code(root, "weber.anna")
    target = pg_server.database()
    password_file = tmp_path / "pw"
    password_file.write_text(PASSWORD)
    password_file.chmod(0o600)
    copied = {t.table: t.rows for t in migrate_store(root, target.url, str(password_file))}
    assert copied["enrollment_codes"] == 1 and copied["revocations"] == 1
    store = RelayDataDir(root).open_store()
    assert store.revocations_number() == 1
    store.close()

    other = tmp_path / "other"
    init_relay(other, ORG, ADMIN, ["127.0.0.1"], kdf=FAST_KDF)
    with pytest.raises(RelayDataError, match="already holds relay"):
        migrate_store(other, target.url, str(password_file))
    assert (other / "relay.db").exists()  # unchanged, still its store


def test_serve_database_must_agree_with_the_data_directory(
    pg_relay_root: Path, tmp_path: Path
) -> None:
    """`serve --database` cannot silently leave relay.db behind or switch a relay's
    database: one data directory belongs to one store."""
    url = json.loads((pg_relay_root / "relay.json").read_text())["database"]
    sqlite_root = tmp_path / "sqlite"
    init_relay(sqlite_root, ORG, ADMIN, ["127.0.0.1"], kdf=FAST_KDF)
    with pytest.raises(RelayDataError, match="migrate-store"):
        RelayDataDir(sqlite_root, url).read_settings()  # still has relay.db
    other = url.rsplit("/", 1)[0] + "/elsewhere"
    with pytest.raises(RelayDataError, match="names the database"):
        RelayDataDir(pg_relay_root, other).read_settings()
    assert RelayDataDir(pg_relay_root, url).read_settings().database == url
    settings = json.loads((pg_relay_root / "relay.json").read_text())
    del settings["database"]  # a copy whose relay.json does not name it: serve names it
    (pg_relay_root / "relay.json").write_text(json.dumps(settings))
    assert RelayDataDir(pg_relay_root, url).read_settings().database == url
    with pytest.raises(RelayDataError, match="not a relay data directory"):
        RelayDataDir(pg_relay_root).read_settings()


def test_a_write_waiting_too_long_for_another_node_fails_cleanly_and_the_next_works(
    pg_server: PgServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another process holds the write lock (a hung admin command): this store's write
    gives up with a clear error after the lock timeout, and its connection is usable."""
    monkeypatch.setattr(store_pg, "LOCK_TIMEOUT_MS", 200)
    target = pg_server.database()
    holder, waiter = RelayStore(target), RelayStore(target)
    refused = pytest.raises(RelayStoreError, match=r"cannot be written: .*lock timeout")
    with holder._tx(), refused:
        waiter.set_meta("probe", "1")
    waiter.set_meta("probe", "2")
    assert holder.get_meta("probe") == "2"
    holder.close()
    waiter.close()


def test_commits_are_durable_whatever_the_servers_default(pg_server: PgServer) -> None:
    """A database whose default is synchronous_commit=off (tuned for speed by someone)
    still gets durable commits from the relay: an ack must mean stored."""
    target = pg_server.database()
    name = target.url.rsplit("/", 1)[1]
    with pg_server.admin() as admin:
        admin.execute(f"ALTER DATABASE {name} SET synchronous_commit = off")
    store = RelayStore(target)
    assert store._query("SHOW synchronous_commit") == [("on",)]
    store.close()


def test_a_stuck_statement_ends_with_a_clear_error_and_the_store_goes_on(
    pg_server: PgServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The relay's one database thread must not hang on a stuck server."""
    monkeypatch.setattr(store_pg, "STATEMENT_TIMEOUT_MS", 200)
    store = RelayStore(pg_server.database())
    with pytest.raises(RelayStoreError, match="statement timeout"):
        store._query("SELECT pg_sleep(5)")
    assert store.revocations_number() is None
    store.close()


def _usage_matches_the_mail(conn: PgConnection) -> list[tuple[object, ...]]:
    """The quota counters next to a count of the mail itself: equal when exact."""
    counted = conn.execute(
        "SELECT device_id, sender_device, envelopes, bytes FROM mailbox_usage ORDER BY 1, 2"
    ).fetchall()
    truth = conn.execute(
        "SELECT device_id, sender_device, count(*), sum(size) FROM mailbox "
        "GROUP BY 1, 2 ORDER BY 1, 2"
    ).fetchall()
    assert [tuple(map(str, r)) for r in counted] == [tuple(map(str, r)) for r in truth]
    return counted


def test_quota_counters_stay_exact_through_batches_and_cascades(pg_server: PgServer) -> None:
    """The storage quota's counters (kept by triggers) equal the mail waiting after a
    batch written in one statement over several recipients and senders, a partial
    acknowledgement in one statement, and envelopes dropped (their mail cascading)."""
    target = pg_server.database()
    conn = connect(target)
    migrate(conn)
    envelopes = [(n, f"S{n % 3}", f"E{n}", "s", b"p" * n, 5, 10 + n) for n in range(2, 40)]
    conn.executemany(
        "INSERT INTO envelopes(id, sender_device, envelope_id, sender_uid, payload, "
        "received_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        envelopes,
    )
    mail = [(f"R{n % 4}", n, None, f"S{n % 3}", n) for n in range(2, 40)]
    conn.executemany("INSERT INTO mailbox VALUES (?, ?, ?, ?, ?)", mail)  # one statement
    assert len(_usage_matches_the_mail(conn)) == 12  # 4 recipients x 3 senders

    conn.execute("DELETE FROM mailbox WHERE envelope % 2 = 0")  # acknowledged, in one go
    _usage_matches_the_mail(conn)
    conn.execute("DELETE FROM envelopes WHERE expires_at < 30")  # retention: mail cascades
    _usage_matches_the_mail(conn)
    conn.execute("DELETE FROM envelopes")
    assert _usage_matches_the_mail(conn) == []  # counters of emptied pairs are gone
    conn.close()
