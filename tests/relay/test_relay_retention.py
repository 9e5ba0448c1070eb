"""What the relay keeps after the events that end a row's purpose (docs/privacy.md,
docs/relay.md §5 "What the relay keeps"), provoked through the real relay on 127.0.0.1
with a controlled clock, the rows then read from relay.db with sqlite3."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import sqlite3
import time
from pathlib import Path

import pytest

from desktop_app.directory.generate import functional_account, staff
from desktop_app.directory.model import TakeoverPolicy
from desktop_app.domain.ids import Uid
from desktop_app.protocol import (
    BlobChunk,
    BlobReady,
    BlobStored,
    BlobUpload,
    EnvelopeAccepted,
    RoleRequested,
    RoleTaken,
    SendEnvelope,
    TakeOverRole,
)
from desktop_app.relay.admin import init_relay, issue_code, revoke
from desktop_app.relay.directory_admin import import_directory
from desktop_app.relay.migrate_store import MIGRATED_SUFFIX, migrate_store
from desktop_app.relay.role_handover import it_set_holders
from desktop_app.relay.store_mailbox import DAY_MS
from tests.conftest import FAST_KDF
from tests.directory.files import to_csv
from tests.pg_server import PgServer
from tests.relay.conftest import ADMIN, ORG, live_relay
from tests.relay.wire_client import Device

ANNA, JONAS_PC, JONAS_LAPTOP = "WEBER-PC1", "MUELLER-PC1", "MUELLER-LAPTOP"
BLOB = "attachment-revoked-01"


def _rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    raw = sqlite3.connect(db)
    try:
        return raw.execute(sql).fetchall()
    finally:
        raw.close()


def test_revoking_a_device_drops_the_envelopes_and_blob_grants_only_it_still_had(
    relay_root: Path,
) -> None:
    """Revocation deleted the device's mailbox rows but not the envelopes they pointed
    at: an envelope whose only waiting recipient was the revoked PC kept Anna's device,
    uid, envelope id and ciphertext for the whole retention period (30 days), though no
    device could ever fetch it; and the revoked PC's blob grant kept an attachment that
    every other recipient had fetched. Now both go with the revocation."""
    db = relay_root / "relay.db"
    data = b"\x00ciphertext" * 1000

    async def run() -> None:
        async with live_relay(relay_root) as relay:
            anna, _ = await relay.enrolled("weber.anna", ANNA)
            for device_id in (JONAS_PC, JONAS_LAPTOP):
                conn, _ = await relay.enrolled("mueller.jonas", device_id)
                await conn.close()
            req = anna.ids.next()
            assert isinstance(await anna.request(BlobUpload(req, BLOB, len(data))), BlobReady)
            await anna.send(BlobChunk(req, BLOB, 0, data, True))
            assert isinstance(await anna.next_frame(), BlobStored)
            for envelope_id, recipients in (
                ("env-only-pc", [JONAS_PC]),
                ("env-both", [JONAS_PC, JONAS_LAPTOP]),
            ):
                sent = await anna.request(
                    SendEnvelope(anna.ids.next(), envelope_id, recipients, b"ct", {}, [BLOB])  # type: ignore[arg-type]
                )
                assert isinstance(sent, EnvelopeAccepted), sent
            await anna.close()
            revoke(relay_root, JONAS_PC, ADMIN)

    asyncio.run(run())
    # The laptop still waits for "env-both"; nothing waits for "env-only-pc" any more.
    assert _rows(db, "SELECT envelope_id FROM envelopes ORDER BY envelope_id") == [("env-both",)]
    assert _rows(db, "SELECT device_id FROM mailbox") == [(JONAS_LAPTOP,)]
    assert _rows(db, "SELECT blob_id, device_id FROM blob_readers") == [(BLOB, JONAS_LAPTOP)]


def test_take_over_requests_are_forgotten_after_a_week_without_anyone_asking_again(
    relay_root: Path, tmp_path: Path
) -> None:
    """Answered and expired take-over requests (who asked for which functional account,
    who answered, when) were deleted only when somebody made a new request: on a ward
    where nobody asked again, they stayed for good. The hourly run now forgets them
    after the week relay/role_handover.py promises (the audit log keeps them)."""
    holder, asker = (e.uid for e in staff(2))
    phone = functional_account("dienst.kardio", "Dienstarzt Kardiologie", "", (Uid(holder),))
    path = tmp_path / "staff.csv"
    path.write_bytes(
        to_csv([*staff(2), dataclasses.replace(phone, takeover_policy=TakeoverPolicy.HOLDER)])
    )
    assert import_directory(relay_root, path, ADMIN).error_count == 0
    db = relay_root / "relay.db"
    start = int(time.time() * 1000)

    async def run(offset_ms: int, ask: bool) -> None:
        async with live_relay(relay_root, clock_ms=lambda: start + offset_ms) as relay:
            if ask:
                client, _ = await relay.enrolled(asker, "ASKER-PC1")
                asked = await client.request(TakeOverRole(client.ids.next(), Uid(phone.uid)))
                assert isinstance(asked, RoleRequested), asked
                await client.close()
            await relay.runner.server._expire_once()  # what the hourly run does

    asyncio.run(run(0, ask=True))
    assert _rows(db, "SELECT role_uid, requester FROM role_requests") == [(phone.uid, asker)]
    asyncio.run(run(6 * DAY_MS, ask=False))  # within the week: kept (holders may answer)
    assert len(_rows(db, "SELECT id FROM role_requests")) == 1
    asyncio.run(run(8 * DAY_MS, ask=False))
    assert _rows(db, "SELECT * FROM role_requests") == []


def test_the_sqlite_store_left_by_migrate_store_goes_once_past_the_retention_period(
    relay_root: Path, pg_server: PgServer, tmp_path: Path
) -> None:
    """`relay migrate-store` keeps relay.db beside as relay.db.migrated (a way back while
    the move is new). It stayed for good: a backup taken a year later still held the
    mailboxes (senders, envelope ids, ciphertext), devices and dedupe keys of the day of
    the move, long past retention_days. The relay's hourly run now deletes it once it
    is older than retention_days (30), when every envelope in it has expired anyway."""

    async def put_mail_in_sqlite() -> None:
        async with live_relay(relay_root) as relay:
            anna, _ = await relay.enrolled("weber.anna", ANNA)
            jonas, _ = await relay.enrolled("mueller.jonas", JONAS_PC)
            await jonas.close()
            sent = await anna.request(
                SendEnvelope(anna.ids.next(), "env-before-move", [JONAS_PC], b"ct", {}, [])  # type: ignore[arg-type]
            )
            assert isinstance(sent, EnvelopeAccepted), sent
            await anna.close()

    asyncio.run(put_mail_in_sqlite())
    target = pg_server.database()
    password_file = tmp_path / "db-password"
    password_file.touch(mode=0o600)
    password_file.write_text(target.password or "")
    migrate_store(relay_root, target.url, str(password_file))
    kept = relay_root / ("relay.db" + MIGRATED_SUFFIX)
    assert b"env-before-move" in kept.read_bytes()
    start = int(time.time() * 1000)

    async def hourly_run(offset_ms: int) -> None:
        async with live_relay(relay_root, clock_ms=lambda: start + offset_ms) as relay:
            await relay.runner.server._expire_once()

    asyncio.run(hourly_run(29 * DAY_MS))
    assert kept.exists()  # within the retention period: still a way back
    asyncio.run(hourly_run(31 * DAY_MS))
    assert not kept.exists()


def test_a_waiting_offline_enrollment_goes_with_its_code(tmp_path: Path) -> None:
    """Offline issuing: a device's request (uid, device name, its keys) waits for IT.
    Its code was deleted 30 days after it expired, the request never: it could no longer
    complete ("unknown enrollment code") yet stayed for good. Now the hourly run deletes
    a waiting request together with its code."""
    root = tmp_path / "relay"
    init_relay(
        root,
        ORG,
        ADMIN,
        ["127.0.0.1"],
        kdf=FAST_KDF,
        offline_keys=tmp_path / "keys",
        signing_passphrase="signing passphrase, kept by IT",
    )
    db = root / "relay.db"
    start = int(time.time() * 1000)

    async def run(offset_ms: int, enroll: bool) -> None:
        async with live_relay(root, clock_ms=lambda: start + offset_ms) as relay:
            if enroll:
                code = issue_code(root, "weber.anna").code  # valid for a day
                reply = await (await relay.client()).enroll(Device("weber.anna", ANNA), code)
                assert type(reply).__name__ == "Error" and "IT" in reply.message  # type: ignore[attr-defined]
            await relay.runner.server._expire_once()  # the hourly run

    asyncio.run(run(0, enroll=True))
    assert _rows(db, "SELECT uid, device_id FROM pending_enrollments") == [("weber.anna", ANNA)]
    asyncio.run(run(20 * DAY_MS, enroll=False))  # IT may still sign it
    assert len(_rows(db, "SELECT * FROM pending_enrollments")) == 1
    asyncio.run(run(32 * DAY_MS, enroll=False))
    assert _rows(db, "SELECT * FROM enrollment_codes") == []
    assert _rows(db, "SELECT * FROM pending_enrollments") == []


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_role_hand_overs_are_kept_as_long_as_the_audit_log_then_forgotten(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """Every hand-over of a functional account (who took it, who set it, when) stayed in
    role_handovers for good, while the audit log's role_handover lines with the same
    facts go after audit_retention_days. The hourly run now deletes hand-overs older
    than that (default 365 days; relay.json's setting counts), on both store backends."""
    root: Path = request.getfixturevalue(
        "pg_relay_root" if backend == "postgresql" else "relay_root"
    )
    anna, jonas = (e.uid for e in staff(2))
    phone = functional_account("dienst.kardio", "Dienstarzt Kardiologie", "", ())
    path = tmp_path / "staff.csv"
    path.write_bytes(
        to_csv([*staff(2), dataclasses.replace(phone, takeover_policy=TakeoverPolicy.OPEN)])
    )
    assert import_directory(root, path, ADMIN).error_count == 0
    start = int(time.time() * 1000)

    async def hourly_run(offset_ms: int, take: bool = False, it_sets: bool = False) -> list[str]:
        """The hand-overs left after the hourly run at ``start + offset_ms``, newest
        first, as "holder by whom"."""
        now = start + offset_ms
        async with live_relay(root, clock_ms=lambda: now) as relay:
            ctx = relay.runner.ctx
            if take:  # Anna takes the role for her shift, from her PC
                client, _ = await relay.enrolled(anna, "WEBER-PC1")
                taken = await client.request(TakeOverRole(client.ids.next(), Uid(phone.uid)))
                assert isinstance(taken, RoleTaken), taken
                await client.close()
            if it_sets:  # `admin directory set-holders` on a later day
                issuer = ctx.trust.directory_issuer()
                it_set_holders(ctx.store, issuer, ctx.audit, phone.uid, [jonas], now)
            await relay.runner.server._expire_once()
            return [f"{','.join(h.holders)} by {h.set_by}" for h in ctx.store.handovers()]

    def set_audit_retention(days: int) -> None:
        settings = root / "relay.json"
        doc = json.loads(settings.read_text())
        settings.write_text(json.dumps(doc | {"audit_retention_days": days}))

    taken, it_set = f"{anna} by {anna}", f"{jonas} by it"
    assert asyncio.run(hourly_run(0, take=True)) == [taken]
    assert asyncio.run(hourly_run(200 * DAY_MS, it_sets=True)) == [it_set, taken]
    assert asyncio.run(hourly_run(364 * DAY_MS)) == [it_set, taken]  # within a year: kept
    assert asyncio.run(hourly_run(366 * DAY_MS)) == [it_set]
    set_audit_retention(180)  # IT keeps its audit log half a year: hand-overs follow
    assert asyncio.run(hourly_run(379 * DAY_MS)) == [it_set]
    assert asyncio.run(hourly_run(381 * DAY_MS)) == []
