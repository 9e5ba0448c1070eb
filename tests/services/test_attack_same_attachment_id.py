"""Two messages naming the same attachment id, downloading at the same moment, through
the real relay (left from insider attack round 18).

An attachment id is its sender's choice, so two senders may choose the same one (a
colleague's modified client copies the id of a study it has just seen). A download in
progress is found by that id alone (``BlobStore.in_flight``: a study's first series
shows before its last byte), so two at once collided: the second took the first's
place, a viewer of the first was shown the second sender's bytes, and the first to end
removed the other's entry. Now the id stays with the download that took it first, as
the stored attachment does (its row is keyed by the id too): a second download of it
while the first runs is "the id is taken", and nothing of it is fetched.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import Any

import msgspec

from desktop_app.domain.ids import AttachmentId, ConversationId, MessageId, Uid
from desktop_app.domain.model import Message, MessageState
from desktop_app.protocol import content as wire
from desktop_app.services import attachments
from desktop_app.services.conversations import direct_conversation_id
from tests.services.conftest import Person
from tests.services.test_shared_fetches import downloads_asked

ANNA, EVE, JONAS = "weber.anna", "klein.eve", "mueller.jonas"
CHUNKS = 8  # the bodies span several relay chunks, so both downloads are under way


async def sent_to_jonas(sender: Person, path: Path) -> tuple[str, wire.AttachmentRef]:
    """``sender`` sends ``path`` to Jonas; the message's id and its attachment reference."""
    sent = await sender.messenger.send_file(JONAS, path)
    (attachment,) = sender.container.attachments.for_message(sent.message_id)
    stored, blob_id = sender.container.attachments.stored_body(attachment.attachment_id)
    assert blob_id is not None
    ref = wire.AttachmentRef(attachment.attachment_id, blob_id, stored.key, path.name,
                             "application/pdf", stored.size, stored.sha256)  # fmt: skip
    return sent.message_id, ref


def test_two_downloads_of_one_attachment_id_at_once_keep_to_the_first(
    make_ward: Any, tmp_path: Path
) -> None:
    anna_file, eve_file = tmp_path / "Befund.pdf", tmp_path / "Anderer.pdf"
    anna_file.write_bytes(os.urandom(CHUNKS * 1 << 18))
    eve_file.write_bytes(os.urandom(CHUNKS * 1 << 18))

    async def scenario() -> None:
        async with make_ward() as w:
            anna, eve, jonas = await w.person(ANNA), await w.person(EVE), await w.person(JONAS)
            anna_mid, anna_ref = await sent_to_jonas(anna, anna_file)
            eve_mid, eve_ref = await sent_to_jonas(eve, eve_file)
            same_id = msgspec.structs.replace(eve_ref, attachment_id=anna_ref.attachment_id)
            for mid, uid in ((anna_mid, ANNA), (eve_mid, EVE)):  # the rows the files join
                await jonas.messenger.send_text(uid, "Hallo")  # the 1:1 on Jonas's PC
                cid = ConversationId(direct_conversation_id(uid, JONAS))
                row = Message(MessageId(mid), cid, Uid(uid), jonas.session.clock(), "",
                              state=MessageState.RECEIVED)  # fmt: skip
                assert jonas.container.messages.add(row)
            link = jonas.session.require_link()
            asked = downloads_asked(jonas)
            aid = anna_ref.attachment_id
            seen: list[str] = []  # whose download a reader of the id finds, chunk by chunk

            def progress(attachment_id: str, _done: int, _total: int) -> None:
                download = jonas.container.blobs.in_flight.get(attachment_id)
                seen.append("none" if download is None or download.attachment is None
                            else download.attachment.message_id)  # fmt: skip

            link.transfer_listener = progress
            got = await asyncio.gather(
                attachments.download(jonas.container, link, anna_ref, MessageId(anna_mid),
                                     jonas.session.fetches),
                attachments.download(jonas.container, link, same_id, MessageId(eve_mid),
                                     jonas.session.fetches),
            )  # fmt: skip
            assert [a.attachment_id for a in got] == [aid, aid]
            assert len(seen) >= CHUNKS and set(seen) == {anna_mid}, set(seen)
            assert asked == [anna_ref.blob_id], "the second sender's body was fetched too"
            assert jonas.container.blobs.in_flight == {}
            body = b"".join(jonas.container.attachments.read_chunks(AttachmentId(aid)))
            assert body == anna_file.read_bytes()
            assert jonas.container.attachments.for_message(MessageId(eve_mid)) == []

    asyncio.run(scenario())
