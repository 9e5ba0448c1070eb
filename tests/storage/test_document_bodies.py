"""Team document bodies in a real container (schema 23): a failed fetch is remembered
with its back-off, versions naming one body share its file, and a conversation's
deletion keeps a file another conversation's versions still use."""

from __future__ import annotations

import io
from pathlib import Path

from desktop_app.storage import migrations
from desktop_app.storage.container import Container
from desktop_app.storage.sql_documents import DocVersion
from tests.conftest import PASSPHRASE, make_conversation
from tests.storage.test_migrations import container_at

MINUTE = 60_000


def version(document_id: str, body_file: str | None = None, key: bytes = bytes(32)) -> DocVersion:
    return DocVersion(document_id, 1, f"{document_id}.txt", "", "blob-1", key, "ab" * 32, 4,
                      "mueller.jonas", 1_000, None, body_file)  # fmt: skip


def due(container: Container, now_ms: int) -> list[str]:
    found = container.documents.bodies_due(now_ms, 10 * MINUTE, 3, 100)
    return [v.document_id for v in found]


def test_a_failed_fetch_waits_a_doubling_back_off_then_stops(container: Container) -> None:
    cid = make_conversation(container)
    assert container.documents.add(cid, version("plan"))
    assert due(container, 0) == ["plan"]  # never tried
    container.documents.fetch_failed("plan", 1, 0, "not_on_relay")
    assert due(container, 10 * MINUTE - 1) == []
    assert due(container, 10 * MINUTE) == ["plan"]
    container.documents.fetch_failed("plan", 1, 10 * MINUTE, "not_on_relay")
    assert due(container, 29 * MINUTE) == []  # the second wait is twice as long
    assert due(container, 30 * MINUTE) == ["plan"]
    container.documents.fetch_failed("plan", 1, 30 * MINUTE, "not_on_relay")
    assert due(container, 10**12) == []  # three failures: only opening it tries again
    one = container.documents.bodies_due(0, 0, 1, 1, only=("plan", 1))
    assert one == []
    stored = container.blobs.put(io.BytesIO(b"Plan"))
    container.documents.set_body("plan", 1, stored.name)
    assert due(container, 10**12) == []
    assert container.documents.bodies_due(0, 0, 3, 1, only=("plan", 1)) == []


def test_deleting_a_conversation_keeps_a_body_file_still_used_elsewhere(
    container: Container,
) -> None:
    ward, other = make_conversation(container), make_conversation(container, "Station 4A")
    stored = container.blobs.put(io.BytesIO(b"Plan"))
    assert container.documents.add(ward, version("plan", stored.name))
    assert container.documents.add(other, version("copy", stored.name))
    assert container.documents.held_body(bytes(32), "ab" * 32, 4) == stored.name
    assert container.documents.held_body(bytes(range(32)), "ab" * 32, 4) is None  # other key
    assert container.documents.body_files() == [stored.name]
    container.purge.conversation(other, [])
    assert (container.blobs.directory / stored.name).exists()
    container.purge.conversation(ward, [])
    assert not (container.blobs.directory / stored.name).exists()


def test_schema_22_versions_upgrade_as_never_tried(tmp_path: Path) -> None:
    directory = tmp_path / "old"
    with container_at(directory, 22) as db, db.transaction() as cur:
        cur.execute(
            "INSERT INTO conversations(conversation_id, kind, title, created_at, "
            "last_activity) VALUES ('C1', 'group', 'Station 3B', 1, 1)"
        )
        cur.execute("INSERT INTO documents VALUES ('plan', 'C1', '', 'Plan.txt', 1)")
        cur.execute(
            "INSERT INTO document_versions(document_id, version, name, folder, blob_id, key, "
            "sha256, size, author, at_ms) VALUES ('plan', 1, 'Plan.txt', '', 'blob-1', ?, "
            "'00', 4, 'mueller.jonas', 1000)",
            (bytes(32),),
        )
    with Container.open(directory, PASSPHRASE) as c:
        assert c.schema_version == migrations.LATEST
        assert due(c, 0) == ["plan"]
        assert c.documents.sent_by("C1", "mueller.jonas") == 1
        assert c.integrity_check() == []
