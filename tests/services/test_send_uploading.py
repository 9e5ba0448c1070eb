"""A message with files sent while connected (services/send_uploading.py), through a
real relay: each body is encrypted and uploaded in one pass, and a relay that refuses on
the way leaves the message stored and queued with all its files, as the general path."""

from __future__ import annotations

import asyncio
import json
import os
from pathlib import Path

import pytest

from desktop_app.domain.ids import Uid
from desktop_app.domain.model import MessageState
from desktop_app.services.errors import RelayRefused
from desktop_app.storage.blobs import BlobStore
from tests.services.conftest import Person, ward

ANNA, JONAS = "weber.anna", "mueller.jonas"
KiB = 1024


def bodies(person: Person) -> set[str]:
    return {p.name for p in person.container.blobs.directory.iterdir()}


def plaintext(person: Person, attachment_id: str) -> bytes:
    return b"".join(person.container.attachments.read_chunks(attachment_id))


def test_a_file_sent_online_is_encrypted_once_and_arrives_whole(
    relay_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = os.urandom(700_000)
    source = tmp_path / "Befund.pdf"
    source.write_bytes(data)

    def no_second_pass(self: BlobStore, _source: object) -> None:
        raise AssertionError("the body was encrypted into the store before its upload")

    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            anna, jonas = await w.person(ANNA), await w.person(JONAS)
            monkeypatch.setattr(BlobStore, "put", no_second_pass)
            sent = await anna.messenger.send_file(JONAS, source, "Befund von heute")
            assert sent.state is MessageState.SENT
            [mine] = anna.container.attachments.for_message(sent.message_id)
            assert plaintext(anna, mine.attachment_id) == data
            assert len(bodies(anna)) == 1  # the at-rest copy that was uploaded, nothing else
            await jonas.messenger.sync()
            [got] = jonas.container.attachments.for_message(sent.message_id)
            assert (got.file_name, got.sha256) == ("Befund.pdf", mine.sha256)
            assert plaintext(jonas, got.attachment_id) == data

    asyncio.run(scenario())


def test_a_refusal_on_the_way_keeps_the_message_queued_with_every_file(
    relay_dir: Path, tmp_path: Path
) -> None:
    """The first file is uploaded, the relay refuses the second (larger than it takes):
    the first's copy is dropped and the message stored with both, QUEUED, the refusal
    said, as when the files had been stored first."""
    doc = json.loads((relay_dir / "relay.json").read_text())
    doc["limits"] = {"blob_max_bytes": 600 * KiB}
    (relay_dir / "relay.json").write_text(json.dumps(doc))
    small, large = os.urandom(100_000), os.urandom(900_000)
    (tmp_path / "ekg.png").write_bytes(small)
    (tmp_path / "ct.zip").write_bytes(large)

    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            anna = await w.person(ANNA)
            await w.person(JONAS)
            before = bodies(anna)
            with pytest.raises(RelayRefused, match="larger than this relay accepts"):
                await anna.messenger._send(
                    JONAS, "zwei Dateien", [tmp_path / "ekg.png", tmp_path / "ct.zip"],
                    urgent=False, deliver=True,
                )  # fmt: skip
            [queued] = anna.container.messages.queued_from(Uid(ANNA), limit=5)
            assert queued.body == "zwei Dateien"
            files = anna.container.attachments.for_message(queued.message_id)
            assert sorted(a.file_name for a in files) == ["ct.zip", "ekg.png"]
            by_name = {a.file_name: plaintext(anna, a.attachment_id) for a in files}
            assert by_name == {"ekg.png": small, "ct.zip": large}
            assert len(bodies(anna) - before) == 2  # the uploaded copy was not kept beside

    asyncio.run(scenario())
