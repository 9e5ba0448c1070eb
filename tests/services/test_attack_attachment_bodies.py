"""A colleague's modified client names one uploaded file in many chat attachments,
through the real relay (insider attack round, session 18).

Any colleague may write to anyone (a 1:1 needs nobody's consent). One upload (up to
the relay's 1 GiB blob limit) named by ten attachments a message, in message after
message of a few hundred bytes each, made the receiver's PC download and keep a copy of
the body per attachment until retention (30 days), so a handful of envelopes filled a
ward PC's disk. An attachment reusing an id the PC holds already was downloaded too,
its row ignored and the file left behind. Each test counts bytes and files, not time.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import msgspec

from desktop_app.domain.ids import AttachmentId, MessageId
from desktop_app.protocol import content as wire
from desktop_app.services.conversations import direct_conversation_id
from desktop_app.storage.timeutil import to_ms, utc_now
from tests.services.conftest import Person
from tests.services.modified_client import forge, handled_before

ANNA, JONAS = "weber.anna", "mueller.jonas"
BODY = bytes(range(256)) * 4096  # 1 MiB
MESSAGES = 4


def held_bytes(person: Person) -> int:
    return sum(p.stat().st_size for p in person.container.blobs.directory.iterdir())


def opened(person: Person, attachment_id: str) -> bytes:
    return b"".join(person.container.attachments.read_chunks(AttachmentId(attachment_id)))


async def honest_file(
    anna: Person, jonas: Person, tmp_path: Path
) -> tuple[str, wire.AttachmentRef]:
    """Anna sends Jonas a 1 MiB file as anyone would; its message id and reference."""
    path = tmp_path / "Befund.pdf"
    path.write_bytes(BODY)
    sent = await anna.messenger.send_file(JONAS, path)
    (attachment,) = anna.container.attachments.for_message(sent.message_id)
    stored, blob_id = anna.container.attachments.stored_body(attachment.attachment_id)
    assert blob_id is not None
    ref = wire.AttachmentRef(attachment.attachment_id, blob_id, stored.key, "Befund.pdf",
                             "application/pdf", stored.size, stored.sha256)  # fmt: skip
    await handled_before(anna, JONAS, (jonas,), "Befund geschickt")
    return sent.message_id, ref


def copies(ref: wire.AttachmentRef, prefix: str) -> list[wire.AttachmentRef]:
    """Ten references to ``ref``'s blob under new attachment ids."""
    return [
        msgspec.structs.replace(ref, attachment_id=f"{prefix}-{n}")
        for n in range(wire.MAX_ATTACHMENTS)
    ]


def test_one_upload_named_by_many_attachments_is_downloaded_and_kept_once(
    make_ward: Any, tmp_path: Path
) -> None:
    """Attack: Anna uploads one 1 MiB file and names it in ten attachments of each of
    four forged messages to Jonas. Before, Jonas's PC downloaded and kept 41 copies
    (41 MiB); now the 40 share the body it holds, and each opens to the file."""

    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person(ANNA)
            jonas = await w.person(JONAS)
            _, ref = await honest_file(anna, jonas, tmp_path)
            before = held_bytes(jonas)
            forged = [copies(ref, f"copy{m}") for m in range(MESSAGES)]
            cid = direct_conversation_id(ANNA, JONAS)
            for n, attached in enumerate(forged):
                text = f"Kopie {n}"
                message = wire.ChatMessage(1, f"forged-{n}", to_ms(utc_now()), text,
                                           attachments=attached)  # fmt: skip
                await forge(anna, cid, (ANNA, JONAS), message)
            await handled_before(anna, JONAS, (jonas,), "fertig")
            grown = held_bytes(jonas) - before
            assert grown < len(BODY) // 2, f"{grown} bytes more held for one shared body"
            for n in range(MESSAGES):
                shown = jonas.container.attachments.for_message(MessageId(f"forged-{n}"))
                assert len(shown) == wire.MAX_ATTACHMENTS
                assert opened(jonas, shown[0].attachment_id) == BODY

    asyncio.run(scenario())


def test_a_shared_body_stays_while_another_message_uses_it(make_ward: Any, tmp_path: Path) -> None:
    """Anna deletes her honest message for everyone: the forged copies sharing its body
    still open on Jonas's PC; when they go too, the body goes."""

    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person(ANNA)
            jonas = await w.person(JONAS)
            honest, ref = await honest_file(anna, jonas, tmp_path)
            cid = direct_conversation_id(ANNA, JONAS)
            message = wire.ChatMessage(1, "forged-0", to_ms(utc_now()), "Kopie",
                                       attachments=copies(ref, "copy"))  # fmt: skip
            await forge(anna, cid, (ANNA, JONAS), message)
            await handled_before(anna, JONAS, (jonas,), "fertig")
            await anna.messenger.events.delete_for_everyone(honest)
            await handled_before(anna, JONAS, (jonas,), "gelöscht")
            assert jonas.container.attachments.for_message(MessageId(honest)) == []
            assert opened(jonas, "copy-3") == BODY
            jonas.container.purge.conversation(cid, ())
            assert held_bytes(jonas) == 0

    asyncio.run(scenario())


def test_an_attachment_id_already_held_is_not_downloaded_again(
    make_ward: Any, tmp_path: Path
) -> None:
    """Anna names, under the honest file's attachment id, another body: Jonas's PC
    neither downloads it (its row was ignored, the file left until the next unlock)
    nor lets it replace the original."""

    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person(ANNA)
            jonas = await w.person(JONAS)
            _, ref = await honest_file(anna, jonas, tmp_path)
            other = tmp_path / "other.pdf"
            other.write_bytes(b"x" * len(BODY))
            sent = await anna.messenger.send_file(JONAS, other)
            (att,) = anna.container.attachments.for_message(sent.message_id)
            stored, blob_id = anna.container.attachments.stored_body(att.attachment_id)
            assert blob_id is not None
            await handled_before(anna, JONAS, (jonas,), "zweites")
            files = len(list(jonas.container.blobs.directory.iterdir()))
            reused = wire.AttachmentRef(ref.attachment_id, blob_id, stored.key, "x.pdf",
                                        "application/pdf", stored.size, stored.sha256)  # fmt: skip
            cid = direct_conversation_id(ANNA, JONAS)
            message = wire.ChatMessage(1, "forged-0", to_ms(utc_now()), "Kopie",
                                       attachments=[reused])  # fmt: skip
            await forge(anna, cid, (ANNA, JONAS), message)
            await handled_before(anna, JONAS, (jonas,), "fertig")
            assert len(list(jonas.container.blobs.directory.iterdir())) == files
            assert opened(jonas, ref.attachment_id) == BODY

    asyncio.run(scenario())
