"""Audit log lines carry only allowed fields; blob files accept chunks in order only."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from desktop_app.relay.audit import AuditLog
from desktop_app.relay.blob_files import BlobFiles
from desktop_app.relay.errors import BlobError


def test_audit_lines_are_json_with_allowed_fields_only(tmp_path: Path) -> None:
    log = AuditLog(tmp_path / "audit.log")
    log.record("enrolled", uid="weber.anna", device_id="D1")
    log.record("login_refused", device_id="D2", reason="revoked", peer=None)
    with pytest.raises(ValueError, match="not allowed"):
        log.record("login", text="Befund: Troponin erhöht")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown audit event"):
        log.record("message_sent")
    lines = (tmp_path / "audit.log").read_text().splitlines()
    assert len(lines) == 3  # the chain start, then the two events
    start, first, second = (json.loads(line) for line in lines)
    assert start["event"] == "chain_start" and start["prev"] == "0" * 64
    assert first["event"] == "enrolled" and first["uid"] == "weber.anna"
    assert "peer" not in second and second["reason"] == "revoked"
    assert log.entries()[1]["device_id"] == "D2"


def test_blob_chunks_in_order_within_size(tmp_path: Path) -> None:
    blobs = BlobFiles(tmp_path / "blobs")
    data = bytes(range(256)) * 100
    assert blobs.append("blob-0001", 0, data[:10_000], len(data)) == 10_000
    with pytest.raises(BlobError, match="offset"):
        blobs.append("blob-0001", 20_000, data[20_000:], len(data))
    with pytest.raises(BlobError, match="past the announced"):
        blobs.append("blob-0001", 10_000, data[10_000:] + b"x", len(data))
    blobs.append("blob-0001", 10_000, data[10_000:], len(data))
    assert blobs.size("blob-0001") == len(data)
    assert b"".join(blobs.read("blob-0001", 100, chunk=1000)) == data[100:]
    assert blobs.sha256("blob-0001") == hashlib.sha256(data).hexdigest()
    blobs.delete("blob-0001")
    with pytest.raises(BlobError, match="unknown"):
        list(blobs.read("blob-0001", 0))


@pytest.mark.parametrize("bad", ["../etc/passwd", "a", "x" * 65, "blob id", "..", "/abs/path1"])
def test_blob_ids_cannot_escape_the_directory(tmp_path: Path, bad: str) -> None:
    with pytest.raises(BlobError, match="invalid blob id"):
        BlobFiles(tmp_path).path(bad)


def test_running_hash_matches_and_survives_a_restart(tmp_path: Path) -> None:
    data = bytes(range(256)) * 4000
    first = BlobFiles(tmp_path / "blobs")
    first.append("blob-0002", 0, data[:300_000], len(data), last=False)
    # The relay restarts mid-upload: a new BlobFiles has no running hash for it.
    second = BlobFiles(tmp_path / "blobs")
    second.append("blob-0002", 300_000, data[300_000:600_000], len(data), last=False)
    second.append("blob-0002", 600_000, data[600_000:], len(data), last=True)
    assert second.sha256("blob-0002") == hashlib.sha256(data).hexdigest()
    fresh = BlobFiles(tmp_path / "blobs2")
    for offset in range(0, len(data), 100_000):
        chunk = data[offset : offset + 100_000]
        fresh.append("blob-0003", offset, chunk, len(data), last=offset + len(chunk) == len(data))
    assert fresh.sha256("blob-0003") == hashlib.sha256(data).hexdigest()
