"""Patterns that check a whole value must not let a final line break through.

msgspec's ``pattern`` and ``re.match`` search, and ``$`` matches before a final "\\n",
so "^[0-9a-f]{64}$" took a digest followed by a line break, and the relay's blob id
check took "abcdefgh\\n" (a second blob, a file name with a line break in its store)."""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest

from desktop_app.protocol import content as wire
from desktop_app.relay.blob_files import BlobFiles
from desktop_app.relay.errors import BlobError

DIGEST = "0" * 64


def _attachment(sha256: str) -> wire.ChatMessage:
    ref = wire.AttachmentRef("a1", "b1", b"\0" * 32, "x.pdf", "application/pdf", 1, sha256)
    return wire.ChatMessage(1, "m1", 0, "", attachments=[ref])


def test_a_digest_with_a_final_line_break_is_malformed() -> None:
    wire.decode_content(msgspec.msgpack.encode(_attachment(DIGEST)))
    with pytest.raises((ValueError, msgspec.DecodeError)):
        wire.decode_content(msgspec.msgpack.encode(_attachment(DIGEST + "\n")))


def test_the_relay_keeps_no_blob_under_an_id_with_a_final_line_break(tmp_path: Path) -> None:
    blobs = BlobFiles(tmp_path)
    assert blobs.path("abcdefgh").name == "abcdefgh"
    with pytest.raises(BlobError):
        blobs.path("abcdefgh\n")
