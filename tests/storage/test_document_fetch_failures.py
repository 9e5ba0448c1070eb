"""Why a team document body could not be fetched is kept in the container (schema 25):
the Files tab says it again after the app restarted, and a fetched body clears it."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2 as sqlcipher

from desktop_app.storage import migrations
from desktop_app.storage.container import Container
from tests.conftest import PASSPHRASE
from tests.storage.test_migrations import container_at


def _schema_24_with_a_failed_fetch(directory: Path) -> None:
    with container_at(directory, 24) as db, db.transaction() as cur:
        cur.execute(
            "INSERT INTO conversations(conversation_id, kind, title, created_at, "
            "last_activity) VALUES ('C1', 'group', 'Station 3B', 1, 1)"
        )
        cur.execute("INSERT INTO documents VALUES ('plan', 'C1', '', 'Plan.txt', 1)")
        cur.execute(
            "INSERT INTO document_versions(document_id, version, name, folder, blob_id, key, "
            "sha256, size, author, at_ms, fetch_tries, fetch_failed_at) VALUES ('plan', 1, "
            "'Plan.txt', '', 'blob-1', ?, '00', 4, 'mueller.jonas', 1000, 1, 5000)",
            (bytes(32),),
        )


def test_schema_24_failures_upgrade_without_a_reason_and_new_ones_keep_theirs(
    tmp_path: Path,
) -> None:
    directory = tmp_path / "old"
    _schema_24_with_a_failed_fetch(directory)
    with Container.open(directory, PASSPHRASE) as c:
        assert c.schema_version == migrations.LATEST >= 25
        assert c.documents.unfetched("C1") == {("plan", 1): ""}  # failed, reason not known
        c.documents.fetch_failed("plan", 1, 9000, "gone_from_relay")
        assert c.integrity_check() == []
    with Container.open(directory, PASSPHRASE) as again:  # the app restarted
        assert again.documents.unfetched("C1") == {("plan", 1): "gone_from_relay"}
        again.documents.fetch_failed("plan", 1, 20_000, "damaged")  # the last one counts
        assert again.documents.unfetched("C1") == {("plan", 1): "damaged"}
        stored = again.blobs.put(io.BytesIO(b"Plan"))
        again.documents.set_body("plan", 1, stored.name)
        assert again.documents.unfetched("C1") == {}
        reason = again.database.scalar(
            "SELECT fetch_failure FROM document_versions WHERE document_id = 'plan'"
        )
        assert reason is None  # cleared with the failure


def test_only_known_reasons_are_kept(tmp_path: Path) -> None:
    directory = tmp_path / "old"
    _schema_24_with_a_failed_fetch(directory)
    with Container.open(directory, PASSPHRASE) as c:
        with pytest.raises(ValueError, match="unknown fetch failure"):
            c.documents.fetch_failed("plan", 1, 9000, "<b>Relay sagt nein</b>")
        with pytest.raises(sqlcipher.IntegrityError), c.database.transaction() as cur:
            cur.execute("UPDATE document_versions SET fetch_failure = 'whatever'")
        assert c.documents.unfetched("C1") == {("plan", 1): ""}
