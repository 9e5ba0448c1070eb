"""Attachment bodies: encrypted files, verified reads, explicit export, no leftovers."""

from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path

import pytest

from desktop_app.crypto.secretstream import CHUNK_BYTES
from desktop_app.domain.ids import AttachmentId, ConversationId
from desktop_app.storage.container import BLOBS_DIR, Container
from desktop_app.storage.errors import AttachmentMissing
from tests.conftest import PASSPHRASE, make_message


def add(container: Container, cid: ConversationId, body: bytes, name: str = "roentgen.dcm"):
    message = make_message(cid, "Anhang")
    container.messages.add(message)
    return container.attachments.add(
        message.message_id, name, "application/dicom", io.BytesIO(body)
    )


def test_round_trip_with_size_and_hash(container: Container, conversation: ConversationId) -> None:
    body = os.urandom(3 * CHUNK_BYTES + 123)
    att = add(container, conversation, body)
    assert att.size == len(body)
    assert att.sha256 == hashlib.sha256(body).hexdigest()
    chunks = list(container.attachments.read_chunks(att.attachment_id))
    assert max(len(c) for c in chunks) <= CHUNK_BYTES
    assert b"".join(chunks) == body
    assert container.attachments.for_message(att.message_id) == [att]


def test_file_names_cannot_escape(container: Container, conversation: ConversationId) -> None:
    att = add(container, conversation, b"x", name="../../etc/passwd")
    assert att.file_name == "passwd"


def test_export_is_explicit_and_complete(
    container: Container, conversation: ConversationId, tmp_path: Path
) -> None:
    body = os.urandom(200_000)
    att = add(container, conversation, body)
    target = tmp_path / "export" / "bild.dcm"
    target.parent.mkdir()
    assert container.attachments.export(att.attachment_id, target) == len(body)
    assert target.read_bytes() == body
    assert sorted(p.name for p in target.parent.iterdir()) == ["bild.dcm"]


def test_tampered_body_file_is_refused_and_export_leaves_nothing(
    container: Container, conversation: ConversationId, tmp_path: Path
) -> None:
    att = add(container, conversation, os.urandom(100_000))
    (blob,) = (container.directory / BLOBS_DIR).glob("*.wlss")
    data = bytearray(blob.read_bytes())
    data[len(data) // 2] ^= 0x40
    blob.write_bytes(bytes(data))
    with pytest.raises(AttachmentMissing, match="damaged"):
        b"".join(container.attachments.read_chunks(att.attachment_id))
    target = tmp_path / "out.dcm"
    with pytest.raises(AttachmentMissing):
        container.attachments.export(att.attachment_id, target)
    assert not target.exists() and not list(tmp_path.glob(".tmp-*"))


def test_missing_body_and_unknown_attachment(
    container: Container, conversation: ConversationId
) -> None:
    att = add(container, conversation, b"body")
    for blob in (container.directory / BLOBS_DIR).glob("*.wlss"):
        blob.unlink()
    with pytest.raises(AttachmentMissing, match="missing"):
        list(container.attachments.read_chunks(att.attachment_id))
    with pytest.raises(AttachmentMissing):
        container.attachments.read_chunks(AttachmentId("nope"))


def test_orphans_and_temp_files_are_swept_on_open(
    container: Container, conversation: ConversationId, container_dir: Path
) -> None:
    att = add(container, conversation, b"keep me")
    blobs = container_dir / BLOBS_DIR
    (blobs / "0123456789abcdef0123456789abcdef.wlss").write_bytes(b"orphan from a crash")
    (blobs / ".tmp-half-written.wlss").write_bytes(b"partial")
    container.close()
    with Container.open(container_dir, PASSPHRASE) as again:
        assert len(again.blobs.names()) == 1
        assert b"".join(again.attachments.read_chunks(att.attachment_id)) == b"keep me"
    assert not (blobs / ".tmp-half-written.wlss").exists()


def test_attachment_rows_follow_their_message_on_delete(
    container: Container, conversation: ConversationId
) -> None:
    add(container, conversation, b"a")
    with container.database.transaction() as cur:
        cur.execute("DELETE FROM messages")
    assert container.database.scalar("SELECT count(*) FROM attachments") == 0
