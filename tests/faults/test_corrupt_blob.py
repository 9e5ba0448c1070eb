"""A blob file damaged on the relay's disk (bit rot, a bad sector, a careless admin).

The relay serves whatever its file holds; the recipient checks secretstream
authentication and the SHA-256 the sender declared, stores the message with the
attachment marked failed (never shown as a valid file, no body kept), and
acknowledges the envelope so it does not come again.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import Any

import pytest

from desktop_app.domain.model import AttachmentState
from tests.services.conftest import texts

SIZE = 700_000  # three secretstream chunks


def damage(blob_dir: Path, where: str) -> None:
    (blob,) = [p for p in blob_dir.iterdir() if p.is_file()]
    data = bytearray(blob.read_bytes())
    at = {"first_chunk": 100, "middle": len(data) // 2, "last_byte": len(data) - 1}[where]
    data[at] ^= 0x01
    blob.write_bytes(bytes(data))


@pytest.mark.parametrize("where", ["first_chunk", "middle", "last_byte"])
def test_damaged_blob_is_failed_not_shown_and_acknowledged(
    make_ward: Any, tmp_path: Path, where: str
) -> None:
    scan = tmp_path / "roentgen.png"
    scan.write_bytes(os.urandom(SIZE))

    async def scenario() -> None:
        async with make_ward() as ward:
            anna = await ward.person("weber.anna")
            jonas = await ward.person("mueller.jonas")
            await anna.messenger.send_file("mueller.jonas", scan, "Befund anbei")
            await anna.messenger.send_text("mueller.jonas", "Bitte ansehen", urgent=True)
            damage(ward.relay.runner.ctx.blobs.directory, where)

            got = await jonas.messenger.sync()
            assert texts(got) == ["Befund anbei", "Bitte ansehen"]
            (att,) = jonas.container.attachments.for_message(got[0].message_id)
            assert att.state is AttachmentState.FAILED
            assert "roentgen.png arrived damaged" in att.failure
            assert jonas.container.blobs.names() == set()  # no unverified body kept

            await jonas.session.close()
            await jonas.connect(ward.relay.port)
            assert jonas.session.pending_at_login == 0  # acknowledged
            assert await jonas.messenger.sync() == []
            history = jonas.messenger.history(got[0].conversation_id)
            assert texts(history) == ["Befund anbei", "Bitte ansehen"]
            (kept,) = jonas.container.attachments.for_message(got[0].message_id)
            assert kept.state is AttachmentState.FAILED

    asyncio.run(scenario())
