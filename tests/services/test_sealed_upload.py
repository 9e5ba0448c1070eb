"""A body encrypted into the blob store and uploaded in one pass (services/sealed_upload.py)
through a real relay: the relay's copy is the at-rest copy to the byte, a frame size that
divides the ciphertext exactly is uploaded whole too, and a failed
upload leaves nothing in the blob store."""

from __future__ import annotations

import asyncio
import io
import os
from pathlib import Path

import pytest

from desktop_app.crypto.secretstream import encrypted_size
from desktop_app.domain.ids import new_blob_id
from desktop_app.protocol import content as wire
from desktop_app.services import attachments, sealed_upload
from desktop_app.services.errors import AttachmentFailed
from desktop_app.storage.atomic import TMP_PREFIX
from tests.services.conftest import Person, ward

ANNA, JONAS = "weber.anna", "mueller.jonas"


def store_files(person: Person) -> set[str]:
    """Every file in the blob store, temp files too."""
    return {p.name for p in person.container.blobs.directory.iterdir()}


class Growing(io.RawIOBase):
    """A file someone keeps writing to while it is sent: more bytes than its size said."""

    def __init__(self, size: int) -> None:
        self._left = size + 100_000

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        n = min(len(buffer), self._left)
        buffer[:n] = b"x" * n
        self._left -= n
        return n


async def fetched(person: Person, blob_id: str, stored: object, size: int) -> bytes:
    assert isinstance(stored, attachments.StoredBlob)
    ref = wire.AttachmentRef("a1", blob_id, stored.key, "Dienstplan.pdf", "application/pdf",
                             size, stored.sha256)  # fmt: skip
    body = await attachments.fetch_verified(person.container, person.session.require_link(), ref)
    return b"".join(person.container.blobs.read_chunks(body.name, body.key))


@pytest.mark.parametrize("exact", [False, True])
def test_what_the_relay_keeps_is_the_at_rest_copy(
    relay_dir: Path, tmp_path: Path, exact: bool
) -> None:
    data = os.urandom(300_000 if exact else 200_001)
    total = encrypted_size(len(data))
    frame = total // 2 if exact else 65_536
    assert not exact or total % frame == 0  # two full frames, nothing left over

    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            anna = await w.person(ANNA)
            blob_id = new_blob_id()
            link = anna.session.require_link()
            stored = await sealed_upload.seal_and_upload(
                anna.container, link, io.BytesIO(data), len(data), blob_id, "doc", frame
            )
            assert (stored.size, stored.name in store_files(anna)) == (len(data), True)
            at_rest = (anna.container.blobs.directory / stored.name).read_bytes()
            assert len(at_rest) == total
            # the uploader may read its own blob back: the relay's bytes decrypt to the file
            assert await fetched(anna, blob_id, stored, len(data)) == data

    asyncio.run(scenario())


def test_a_file_that_grows_while_sent_fails_and_leaves_nothing(
    relay_dir: Path, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            anna = await w.person(ANNA)
            before = store_files(anna)
            link = anna.session.require_link()
            with pytest.raises(AttachmentFailed, match="changed while it was sent"):
                await sealed_upload.seal_and_upload(
                    anna.container, link, io.BufferedReader(Growing(150_000)), 150_000,
                    new_blob_id(), "doc", 65_536,
                )  # fmt: skip
            assert store_files(anna) == before
            assert not [n for n in store_files(anna) if n.startswith(TMP_PREFIX)]
            # the link still works: the next upload goes through
            data = b"Dienstplan KW 50\n" * 1000
            stored = await sealed_upload.seal_and_upload(
                anna.container, link, io.BytesIO(data), len(data), new_blob_id(), "doc", 65_536
            )
            assert store_files(anna) == before | {stored.name}

    asyncio.run(scenario())
