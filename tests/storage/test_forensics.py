"""No plaintext on disk: not in the database, its WAL, nor attachment files; purge forgets."""

from __future__ import annotations

import io
import os
from datetime import timedelta
from pathlib import Path

from desktop_app.storage.container import DB_NAME, Container
from tests.conftest import PASSPHRASE, T0, make_conversation, make_message
from tests.storage.forensics import decrypted_db, decrypted_wal

MARKER = "QX7MARKERZEBRA"


def windows(data: bytes, n: int = 16) -> set[bytes]:
    return {data[i : i + n] for i in range(len(data) - n + 1)}


def all_files(directory: Path) -> list[Path]:
    return [p for p in directory.rglob("*") if p.is_file()]


def test_no_marker_or_attachment_plaintext_in_any_file(
    container: Container, container_dir: Path
) -> None:
    cid = make_conversation(container)
    container.messages.add_many(
        [
            make_message(cid, f"Befund {MARKER} Zimmer {i}", T0 + timedelta(seconds=i))
            for i in range(300)
        ]
    )
    # Attachment plaintext: text-like and compressible, plus random bytes.
    plaintext = (f"Röntgen Thorax {MARKER} ".encode() * 2000) + os.urandom(50_000)
    message = make_message(cid, "Anhang")
    container.messages.add(message)
    container.attachments.add(message.message_id, "befund.txt", "text/plain", io.BytesIO(plaintext))

    plain_windows = windows(plaintext)
    wal = container_dir / (DB_NAME + "-wal")
    assert wal.exists() and wal.stat().st_size > 0  # the WAL is checked while it holds data
    files = all_files(container_dir)
    assert any(p.suffix == ".wlss" for p in files)
    for path in files:
        data = path.read_bytes()
        assert MARKER.encode() not in data, path
        assert MARKER.encode("utf-16-le") not in data, path
        assert not (windows(data) & plain_windows), f"{path} holds attachment plaintext"

    # Control: the content is really there, readable through the container only.
    assert len(container.messages.search(MARKER, limit=500)) == 300
    assert (
        b"".join(
            container.attachments.read_chunks(
                container.attachments.for_message(message.message_id)[0].attachment_id
            )
        )
        == plaintext
    )


def test_purge_leaves_no_trace_in_any_page(container: Container, container_dir: Path) -> None:
    cid = make_conversation(container)
    old_marker, kept_marker = "ALTPURGEMARKER", "NEUBLEIBTMARKER"
    old = [
        make_message(cid, f"{old_marker} {i} Laborwert", T0 + timedelta(minutes=i))
        for i in range(200)
    ]
    new = [
        make_message(cid, f"{kept_marker} {i}", T0 + timedelta(days=40, minutes=i))
        for i in range(50)
    ]
    container.messages.add_many(old + new)
    att_msg = old[0]
    container.attachments.add(
        att_msg.message_id, "alt.pdf", "application/pdf", io.BytesIO(b"%PDF" * 1000)
    )
    assert len(container.blobs.names()) == 1

    report = container.purge_older_than(30, now=T0 + timedelta(days=41))
    assert (report.messages, report.attachments) == (200, 1)
    assert container.blobs.names() == set()
    assert container.messages.search(old_marker) == []
    assert len(container.messages.search(kept_marker, limit=100)) == 50

    key = Container.unlock_key(container_dir, PASSPHRASE)
    wal = container_dir / (DB_NAME + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0  # checkpointed and truncated
    pages = decrypted_db(container_dir / DB_NAME, key) + decrypted_wal(wal, key)
    assert kept_marker.encode() in pages  # control: the reader really sees plaintext
    assert kept_marker.lower().encode() in pages  # ...including FTS index terms
    assert old_marker.encode() not in pages
    assert old_marker.lower().encode() not in pages  # FTS terms are stored folded


def test_purge_keeps_everything_newer(container: Container) -> None:
    cid = make_conversation(container)
    container.messages.add_many(
        [make_message(cid, f"m{i}", T0 + timedelta(days=i)) for i in range(10)]
    )
    report = container.purge_older_than(5, now=T0 + timedelta(days=9, hours=1))
    assert report.messages == 5  # days 0..4 are older than day 9 + 1 h - 5 days
    bodies = [m.body for m in container.messages.page(cid).messages]
    assert bodies == [f"m{i}" for i in range(9, 4, -1)]
