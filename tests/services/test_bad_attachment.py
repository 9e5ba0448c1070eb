"""Issue 16 finding 6: a bad attachment must not block delivery.

A modified sender declares an attachment that does not match the blob it uploaded
(larger than declared, wrong SHA-256, or not uploaded at all), then sends an urgent
message. Through the real relay the recipient must show both messages, the attachment
marked failed, acknowledge the envelope (it does not come again), and be able to fetch
the attachment again later.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest

from desktop_app.crypto.secretstream import encrypted_size
from desktop_app.domain.model import AttachmentState, Message, MessageKind
from desktop_app.protocol import BlobChunk
from desktop_app.protocol import content as wire
from desktop_app.protocol.limits import MAX_BLOB_CHUNK
from desktop_app.services import attachments
from desktop_app.services.relay_link import RelayLink
from tests.conftest import PASSPHRASE
from tests.services.conftest import Person
from tests.test_cli_message_path import wardlink

Tamper = Callable[[wire.AttachmentRef], wire.AttachmentRef]

TAMPERING: dict[str, Tamper] = {
    # The blob holds 4 MiB of ciphertext; the message claims 1 KiB.
    "larger_than_declared": lambda ref: wire.AttachmentRef(
        ref.attachment_id, ref.blob_id, ref.key, ref.file_name, ref.mime_type, 1024, ref.sha256
    ),
    "wrong_hash": lambda ref: wire.AttachmentRef(
        ref.attachment_id, ref.blob_id, ref.key, ref.file_name, ref.mime_type, ref.size, "0" * 64
    ),
}


def lying_sender(monkeypatch: pytest.MonkeyPatch, tamper: Tamper) -> None:
    """The sender's client uploads the real blob but declares something else."""
    honest = attachments.reference

    async def reference(*args: Any) -> wire.AttachmentRef:
        return tamper(await honest(*args))

    monkeypatch.setattr(attachments, "reference", reference)


def count_download_bytes(link: RelayLink) -> list[int]:
    """How many blob bytes the recipient took in before giving up."""
    seen = [0]
    real = link.chunks

    async def chunks(req_id: int) -> AsyncIterator[BlobChunk]:
        async for chunk in real(req_id):
            seen[0] += len(chunk.data)
            yield chunk

    link.chunks = chunks  # type: ignore[method-assign]
    return seen


async def reconnect(person: Person, port: int) -> int:
    """Log in again; returns what the relay still holds for this device."""
    await person.session.close()
    await person.connect(port)
    return person.session.pending_at_login


def texts(messages: list[Message]) -> list[str]:
    return [m.body for m in messages if m.kind is MessageKind.TEXT]


@pytest.mark.parametrize("kind", sorted(TAMPERING))
def test_bad_attachment_is_marked_failed_and_does_not_block(
    make_ward: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    scan = tmp_path / "thorax.png"
    scan.write_bytes(os.urandom(4 * 1024 * 1024))

    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person("weber.anna")
            jonas = await w.person("mueller.jonas")
            with monkeypatch.context() as patch:
                lying_sender(patch, TAMPERING[kind])
                await anna.messenger.send_file("mueller.jonas", scan, "Befund anbei")
            await anna.messenger.send_text("mueller.jonas", "Patient Zi. 4 instabil", urgent=True)

            assert jonas.session.link is not None
            downloaded = count_download_bytes(jonas.session.link)
            got = await jonas.messenger.sync()
            assert texts(got) == ["Befund anbei", "Patient Zi. 4 instabil"]
            assert got[1].urgent
            (att,) = jonas.container.attachments.for_message(got[0].message_id)
            assert att.state is AttachmentState.FAILED
            assert att.failure.startswith("thorax.png arrived damaged")
            if kind == "larger_than_declared":  # stopped after at most one extra chunk
                assert downloaded[0] <= encrypted_size(1024) + MAX_BLOB_CHUNK
                assert "more than the declared 1024 bytes" in att.failure
            assert jonas.container.blobs.names() == set()  # nothing unverified kept

            # Acknowledged: the relay holds nothing more, a new sync brings nothing.
            assert await reconnect(jonas, w.relay.port) == 0
            assert await jonas.messenger.sync() == []
            history = jonas.messenger.history(got[0].conversation_id)
            assert texts(history) == ["Befund anbei", "Patient Zi. 4 instabil"]

            # Retrying fetches the same bad blob: still failed, still no body.
            again = await jonas.messenger.refetch(got[0].message_id, att.attachment_id)
            assert again.state is AttachmentState.FAILED
            assert jonas.container.blobs.names() == set()

    asyncio.run(scenario())


def test_missing_blob_fails_then_refetch_succeeds(make_ward: Any, tmp_path: Path) -> None:
    """A blob the relay cannot provide for a while: failed first, then fetched again."""
    data = os.urandom(300_000)
    scan = tmp_path / "ekg.pdf"
    scan.write_bytes(data)

    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person("weber.anna")
            jonas = await w.person("mueller.jonas")
            sent = await anna.messenger.send_file("mueller.jonas", scan)
            await anna.messenger.send_text("mueller.jonas", "Bitte EKG ansehen", urgent=True)
            (mine,) = anna.container.attachments.for_message(sent.message_id)
            _, blob_id = anna.container.attachments.stored_body(mine.attachment_id)
            assert blob_id is not None
            on_relay = w.relay.root / "blobs" / blob_id
            aside = tmp_path / "blob-aside"
            on_relay.rename(aside)  # e.g. a disk IT is restoring from backup

            got = await jonas.messenger.sync()
            assert texts(got) == ["", "Bitte EKG ansehen"]
            (att,) = jonas.container.attachments.for_message(got[0].message_id)
            assert att.state is AttachmentState.FAILED
            assert "the relay could not provide it" in att.failure

            aside.rename(on_relay)  # back: a retry now works
            fixed = await jonas.messenger.refetch(got[0].message_id, att.attachment_id)
            assert fixed.state is AttachmentState.STORED and fixed.failure == ""
            (now,) = jonas.container.attachments.for_message(got[0].message_id)
            assert now.state is AttachmentState.STORED
            assert b"".join(jonas.container.attachments.read_chunks(att.attachment_id)) == data

    asyncio.run(scenario())


def test_cli_sync_shows_the_urgent_message_behind_a_bad_attachment(
    make_ward: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same attack against `wardlink client sync` / `history` / `refetch-attachment`."""
    scan = tmp_path / "thorax.png"
    scan.write_bytes(os.urandom(2 * 1024 * 1024))

    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person("weber.anna")
            jonas = await w.person("mueller.jonas")
            await jonas.session.close()  # from here on Jonas uses the CLI
            jonas.container.close()
            del w.people["mueller.jonas"]
            with monkeypatch.context() as patch:
                lying_sender(patch, TAMPERING["larger_than_declared"])
                await anna.messenger.send_file("mueller.jonas", scan, "Befund anbei")
            await anna.messenger.send_text("mueller.jonas", "Patient Zi. 4 instabil", urgent=True)

            async def cli(*args: str) -> subprocess.CompletedProcess[str]:
                relay = f"127.0.0.1:{w.relay.port}"
                command = ("client", "--profile", str(jonas.profile), "--relay", relay, *args)
                return await asyncio.to_thread(wardlink, *command, passphrase=PASSPHRASE)

            synced = await cli("sync", "--json")
            assert synced.returncode == 0, synced.stderr
            got = [json.loads(line) for line in synced.stdout.splitlines()]
            assert [g["text"] for g in got] == ["Befund anbei", "Patient Zi. 4 instabil"]
            assert got[1]["urgent"] is True
            (att,) = got[0]["attachments"]
            assert att["state"] == "failed" and "more than the declared" in att["failure"]

            again = await cli("sync", "--json")
            assert again.returncode == 0 and again.stdout == ""  # acknowledged

            history = await cli("history", got[0]["conversation"])
            assert f"attachment {att['id']}: thorax.png" in history.stdout
            assert "FAILED: thorax.png arrived damaged" in history.stdout
            assert f"refetch-attachment {got[0]['id']} {att['id']}" in history.stdout
            assert "weber.anna [DRINGEND]: Patient Zi. 4 instabil" in history.stdout

            retry = await cli("refetch-attachment", got[0]["id"], att["id"])
            assert retry.returncode == 1 and "still failed" in retry.stderr

    asyncio.run(scenario())
