"""Forwarding a message with a file into another conversation, real relay: the receivers
get the same bytes under a new blob and key, marked forwarded; policy and bad cases
refuse with a clear sentence."""

from __future__ import annotations

import asyncio
import hashlib
import os
from pathlib import Path
from typing import Any

import pytest

from desktop_app.domain import system_lines
from desktop_app.domain.model import MessageKind
from desktop_app.services import conversations
from desktop_app.services.forwarding import ForwardRefused, forward
from desktop_app.storage.timeutil import utc_now


def test_a_message_with_a_file_is_forwarded_re_encrypted(make_ward: Any, tmp_path: Path) -> None:
    body = os.urandom(300_000)
    source = tmp_path / "ekg.pdf"
    source.write_bytes(body)

    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person("weber.anna")
            jonas = await w.person("mueller.jonas")
            mia = await w.person("yilmaz.mia")
            await anna.messenger.send_file("mueller.jonas", source, "EKG von Zimmer 12")
            (got,) = await jonas.messenger.sync()
            copy = await forward(jonas.messenger, got.message_id, "yilmaz.mia")
            assert copy.forwarded and copy.conversation_id != got.conversation_id
            (arrived,) = await mia.messenger.sync()
            assert arrived.forwarded and arrived.body == "EKG von Zimmer 12"
            assert arrived.sender_uid == "mueller.jonas"  # the forwarder, not the author
            (original,) = jonas.container.attachments.for_message(got.message_id)
            (theirs,) = mia.container.attachments.for_message(arrived.message_id)
            assert theirs.sha256 == hashlib.sha256(body).hexdigest() == original.sha256
            data = b"".join(mia.container.attachments.read_chunks(theirs.attachment_id))
            assert data == body
            _, blob_original = jonas.container.attachments.stored_body(original.attachment_id)
            (mine,) = jonas.container.attachments.for_message(copy.message_id)
            stored_copy, blob_copy = jonas.container.attachments.stored_body(mine.attachment_id)
            stored_original, _ = jonas.container.attachments.stored_body(original.attachment_id)
            assert blob_copy != blob_original and stored_copy.key != stored_original.key

            with pytest.raises(ForwardRefused, match="switched off"):
                await forward(jonas.messenger, got.message_id, "yilmaz.mia", allowed=False)
            line = system_lines.encode("new_device", who="Anna Weber")
            conversations.system_line(
                jonas.container, got.conversation_id, "weber.anna", line, "k", utc_now()
            )
            (system,) = [
                m for m in jonas.messenger.history(got.conversation_id)
                if m.kind is MessageKind.SYSTEM
            ]  # fmt: skip
            with pytest.raises(ForwardRefused, match="system lines"):
                await forward(jonas.messenger, system.message_id, "yilmaz.mia")
            with pytest.raises(ForwardRefused, match="No message"):
                await forward(jonas.messenger, "m-unknown", "yilmaz.mia")

    asyncio.run(scenario())
