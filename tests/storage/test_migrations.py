"""A container written at schema 1 upgrades to the latest schema with its data intact."""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from desktop_app.crypto.keywrap import unwrap_key, wrap_key
from desktop_app.domain.ids import ConversationId
from desktop_app.storage import keyslot, migrations
from desktop_app.storage.container import DB_NAME, KEY_CONTEXT, Container, configure, connect
from desktop_app.storage.database import Database
from desktop_app.storage.errors import SchemaUpgradeFailed
from desktop_app.storage.keyslot import Keyslot, Owner
from tests.conftest import FAST_KDF, PASSPHRASE


@contextmanager
def container_at(directory: Path, schema: int) -> Iterator[Database]:
    """A container as a version at ``schema`` wrote it: filled through the yielded
    database, then closed and sealed with a keyslot for PASSPHRASE."""
    directory.mkdir()
    key = secrets.token_bytes(32)
    db = connect(directory / DB_NAME, key)
    configure(db)
    assert migrations.migrate(db, target=schema) == schema
    yield db
    db.close()
    slot = Keyslot(
        str(uuid.uuid4()), Owner("Alt"), wrap_key(key, PASSPHRASE, FAST_KDF, KEY_CONTEXT)
    )
    keyslot.write_atomic(directory, slot)


def make_schema1_container(directory: Path) -> None:
    """What the first released version wrote: schema 1 only, with a message in it."""
    with container_at(directory, 1) as db, db.transaction() as cur:
        cur.execute("INSERT INTO conversations VALUES ('C1', 'group', 'Station 3B', 1000, 1000, 0)")
        cur.execute(
            "INSERT INTO messages(message_id, conversation_id, sender_uid, body, sent_at, state) "
            "VALUES ('M1', 'C1', 'weber.anna', 'Übergabe um halb acht', 1000, 'received')"
        )


def test_migrations_are_numbered_without_gaps() -> None:
    found = migrations.available()
    assert [m.version for m in found] == list(range(1, len(found) + 1))
    assert migrations.LATEST == len(found) >= 3


def test_upgrade_from_schema_1_keeps_data(tmp_path: Path) -> None:
    directory = tmp_path / "old"
    make_schema1_container(directory)
    with Container.open(directory, PASSPHRASE) as c:
        assert c.schema_version == migrations.LATEST
        (hit,) = c.messages.search("ubergabe")
        assert hit.message.body == "Übergabe um halb acht"
        tables = {r[0] for r in c.database.query("SELECT name FROM sqlite_master")}
        assert {"attachments", "outbox", "directory_entries", "contacts"} <= tables
        assert c.integrity_check() == []


def test_failed_migration_leaves_previous_schema(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    directory = tmp_path / "old"
    make_schema1_container(directory)
    real = migrations.available()
    broken = [*real[:1], migrations.Migration(2, "0002_broken.sql", "CREATE TABLE x(a);\nNOT SQL;")]
    monkeypatch.setattr(migrations, "available", lambda: broken)
    with pytest.raises(SchemaUpgradeFailed, match=r"0002_broken\.sql failed: .*syntax error"):
        Container.open(directory, PASSPHRASE)
    monkeypatch.setattr(migrations, "available", lambda: real)
    with Container.open(directory, PASSPHRASE) as c:
        assert c.schema_version == migrations.LATEST
        assert c.messages.count() == 1
        tables = {r[0] for r in c.database.query("SELECT name FROM sqlite_master")}
        assert "x" not in tables


def test_a_development_builds_container_is_refused_clearly_and_left_as_it_was(
    tmp_path: Path,
) -> None:
    """Schema 17 as a development build wrote it, with the team files' tables that are
    step 18 today (steps renumbered before release): a clear error, nothing changed."""
    directory = tmp_path / "dev"
    with container_at(directory, 17) as db, db.transaction() as cur:
        cur.execute("CREATE TABLE documents (document_id TEXT PRIMARY KEY)")
        cur.execute(
            "INSERT INTO conversations(conversation_id, kind, title, created_at, "
            "last_activity) VALUES ('C1', 'group', 'Station 3B', 1, 1)"
        )
    with pytest.raises(SchemaUpgradeFailed, match=r"schema 17, step 0018_documents\.sql") as err:
        Container.open(directory, PASSPHRASE)
    assert "table documents already exists" in str(err.value)
    assert err.value.found == 17
    # Untouched: still schema 17 with its row (a later fix or IT can still read it).
    with container_at_read(directory) as db:
        assert migrations.current_version(db) == 17
        assert db.scalar("SELECT count(*) FROM conversations") == 1


@contextmanager
def container_at_read(directory: Path) -> Iterator[Database]:
    """The container's database opened without migrating it (its key from the slot)."""
    slot = keyslot.read(directory)
    key = unwrap_key(slot.wrapped, PASSPHRASE, KEY_CONTEXT)
    db = connect(directory / DB_NAME, key)
    try:
        yield db
    finally:
        db.close()


def test_schema_15_gets_the_conversation_into_the_search_index(tmp_path: Path) -> None:
    """Migration 0016 re-indexes stored messages with their conversation and tags stored
    attachments, so finding in one chat works at once on an upgraded container."""
    directory = tmp_path / "old"
    with container_at(directory, 15) as db, db.transaction() as cur:
        for cid in ("C-1", "C_2"):
            cur.execute(
                "INSERT INTO conversations(conversation_id, kind, title, created_at, "
                "last_activity, unread) VALUES (?, 'group', 'S', 1000, 1000, 0)",
                (cid,),
            )
        for i in range(6):
            cur.execute(
                "INSERT INTO messages(message_id, conversation_id, sender_uid, body, sent_at, "
                "state) VALUES (?, ?, 'weber.anna', ?, ?, 'received')",
                (f"M{i}", ("C-1", "C_2")[i % 2], f"Übergabe Zimmer {i}", 1000 + i),
            )
        cur.execute(
            "INSERT INTO attachments(attachment_id, message_id, file_name, mime_type, size, "
            "sha256, created_at) VALUES ('A1', 'M1', 'Befund_Thorax.pdf', 'application/pdf', "
            "1, '00', 1001)"
        )
    with Container.open(directory, PASSPHRASE) as c:
        assert c.schema_version == migrations.LATEST
        one = c.messages.search("ubergabe", conversation_id=ConversationId("C-1"))
        assert [h.message.message_id for h in one] == ["M4", "M2", "M0"]
        assert "[Übergabe]" in one[0].snippet.bracketed()
        two = c.messages.search_files("befund", conversation_id=ConversationId("C_2"))
        assert [h.message.message_id for h in two] == ["M1"]
        assert c.messages.search_files("befund", conversation_id=ConversationId("C-1")) == []
        assert len(c.messages.search("zimmer")) == 6
        assert c.integrity_check() == []
