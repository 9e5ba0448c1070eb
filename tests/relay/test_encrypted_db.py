"""relay.db encrypted at rest (SQLCipher): a copy of the data directory shows nothing.

A real relay on an encrypted store enrolls two people and holds a message; afterwards
the database file (and its WAL) contains no uid or device id, plain sqlite3 cannot read
it, the admin CLI still works with the key file, and a key file others may read, or one
inside the data directory, is refused.
"""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

from desktop_app.protocol import Deliver, EnvelopeAccepted, SendEnvelope
from desktop_app.relay.admin import init_relay
from desktop_app.relay.errors import AdminInputError
from tests.conftest import FAST_KDF
from tests.relay.conftest import ADMIN, ORG, live_relay
from tests.relay.test_relay_admin import wardlink
from tests.relay.wire_client import Device


def test_an_encrypted_relay_db_shows_no_people(tmp_path: Path) -> None:
    root, key_file = tmp_path / "relay", tmp_path / "secrets" / "relay-db.key"
    init_relay(root, ORG, ADMIN, ["127.0.0.1"], kdf=FAST_KDF, db_key_file=key_file)
    assert key_file.stat().st_mode & 0o077 == 0

    async def scenario() -> None:
        async with live_relay(root) as relay:
            anna, _ = await relay.enrolled("weber.anna", "WEBER-PC1")
            jonas, _ = await relay.enrolled("mueller.jonas", "MUELLER-PC1")
            await jonas.close()
            sent = await anna.request(
                SendEnvelope(anna.ids.next(), "E1", ["MUELLER-PC1"], b"ct", {})  # type: ignore[arg-type, list-item]
            )
            assert isinstance(sent, EnvelopeAccepted)
            await anna.close()

    asyncio.run(scenario())
    for name in ("relay.db", "relay.db-wal"):
        path = root / name
        raw = path.read_bytes() if path.exists() else b""
        for needle in (b"SQLite format 3", b"weber.anna", b"WEBER-PC1", b"MUELLER-PC1"):
            assert needle not in raw, (name, needle)
    plain = sqlite3.connect(root / "relay.db")
    with pytest.raises(sqlite3.DatabaseError):
        plain.execute("SELECT * FROM devices").fetchall()
    plain.close()

    listed = wardlink("admin", "--data", str(root), "devices")
    assert listed.returncode == 0 and "weber.anna" in listed.stdout, listed.stderr

    key_file.chmod(0o644)
    refused = wardlink("admin", "--data", str(root), "devices")
    assert refused.returncode == 1 and "accessible by other users" in refused.stderr


def test_the_key_file_must_live_outside_the_data(tmp_path: Path) -> None:
    root = tmp_path / "relay"
    with pytest.raises(AdminInputError, match="must not be inside"):
        init_relay(root, ORG, ADMIN, ["127.0.0.1"], kdf=FAST_KDF, db_key_file=root / "k")
    assert not root.exists()  # refused before anything was written


def test_an_existing_plain_relay_db_is_encrypted_in_place_and_keeps_working(
    tmp_path: Path,
) -> None:
    """`relay encrypt-db` on a relay set up without encryption: people, a waiting message
    and the audit chain survive; afterwards the file shows nobody."""
    root, key_file = tmp_path / "relay", tmp_path / "secrets" / "relay-db.key"
    init_relay(root, ORG, ADMIN, ["127.0.0.1"], kdf=FAST_KDF)

    async def first() -> Device:
        async with live_relay(root) as relay:
            anna, _ = await relay.enrolled("weber.anna", "WEBER-PC1")
            jonas, device = await relay.enrolled("mueller.jonas", "MUELLER-PC1")
            await jonas.close()
            sent = await anna.request(
                SendEnvelope(anna.ids.next(), "E1", ["MUELLER-PC1"], b"ct", {})  # type: ignore[arg-type, list-item]
            )
            assert isinstance(sent, EnvelopeAccepted)
            await anna.close()
            return device

    jonas_device = asyncio.run(first())
    assert b"weber.anna" in (root / "relay.db").read_bytes() + _wal(root)

    done = wardlink("relay", "encrypt-db", "--data", str(root), "--db-key-file", str(key_file))
    assert done.returncode == 0, done.stderr
    assert key_file.stat().st_mode & 0o077 == 0
    raw = (root / "relay.db").read_bytes() + _wal(root)
    for needle in (b"SQLite format 3", b"weber.anna", b"WEBER-PC1"):
        assert needle not in raw
    assert not (root / "relay.db.plain").exists()

    again = wardlink("relay", "encrypt-db", "--data", str(root), "--db-key-file", str(key_file))
    assert again.returncode == 1 and "encrypted already" in again.stderr

    async def second() -> None:
        async with live_relay(root) as relay:
            jonas = await relay.logged_in(jonas_device)  # the device is still enrolled
            while not isinstance(frame := await jonas.next_frame(), Deliver):
                pass
            assert frame.envelope_id == "E1"  # the waiting message survived
            await jonas.close()

    asyncio.run(second())
    assert wardlink("admin", "--data", str(root), "audit", "verify").returncode == 0


def _wal(root: Path) -> bytes:
    wal = root / "relay.db-wal"
    return wal.read_bytes() if wal.exists() else b""
