"""A batch of received envelopes in one transaction (services/incoming_batch.py) keeps
the order of envelopes when one of them needs the relay (an attachment download): that
one is handled on its own, the ones before it commit first, the ones after follow."""

from __future__ import annotations

import asyncio
import hashlib
import os
from pathlib import Path
from typing import Any

from desktop_app.domain.model import MessageKind
from desktop_app.services import incoming_batch
from tests.services.conftest import texts


def test_a_batch_with_a_download_in_the_middle_keeps_order_and_stores_all_once(
    make_ward: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    data = os.urandom(200 * 1024)
    source = tmp_path / "befund.pdf"
    source.write_bytes(data)
    batches: list[int] = []
    handle_batch = incoming_batch.handle_batch

    async def recording(incoming: Any, frames: list[Any]) -> Any:
        batches.append(len(frames))
        return await handle_batch(incoming, frames)

    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person("weber.anna")
            jonas = await w.person("mueller.jonas")
            first = await anna.messenger.send_text("mueller.jonas", "eins")
            cid = first.conversation_id
            await anna.messenger.send_text(cid, "zwei")
            await anna.messenger.send_file(cid, source, "drei mit Befund")
            for word in ("vier", "fünf", "sechs"):
                await anna.messenger.send_text(cid, word)
            await asyncio.sleep(0.3)  # let the relay push everything into jonas's queue
            monkeypatch.setattr("desktop_app.services.messenger.handle_batch", recording)
            got = await jonas.messenger.sync()
            wanted = ["eins", "zwei", "drei mit Befund", "vier", "fünf", "sechs"]
            assert texts(got) == wanted
            assert max(batches) > 1, "the envelopes came as a batch"
            history = jonas.messenger.history(cid)
            assert [m.body for m in history if m.kind is MessageKind.TEXT] == wanted
            with_file = next(m for m in got if m.body == "drei mit Befund")
            (att,) = jonas.container.attachments.for_message(with_file.message_id)
            out = tmp_path / "out.pdf"
            jonas.container.attachments.export(att.attachment_id, out)
            assert hashlib.sha256(out.read_bytes()).digest() == hashlib.sha256(data).digest()
            assert await jonas.messenger.sync() == []  # all acknowledged, none twice

    asyncio.run(scenario())
