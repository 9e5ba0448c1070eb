"""A colleague's modified client replies across conversations: a key image note sent in
one chat names, as the message it answers, a study of ANOTHER chat (another patient's).
Through the real relay the receiver's viewer never opens that study for the note."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any

import pytest

from desktop_app.domain.ids import MessageId
from desktop_app.medical.key_image import make_key_image
from desktop_app.services import key_images, studies
from desktop_app.services.errors import ClientError
from desktop_app.services.message_events import MessageEvents
from tests.medical.generators import make_ct_series, to_bytes

SLICES = 4


def test_a_key_image_cannot_open_a_study_of_another_conversation(
    make_ward: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING, logger="wardlink.medical")
    series = make_ct_series(SLICES, 16, 16)
    folder = tmp_path / "CT Thorax Patient B"
    folder.mkdir()
    for k, ds in enumerate(series):
        (folder / f"{k:03d}").write_bytes(to_bytes(ds))

    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person("weber.anna")
            jonas = await w.person("mueller.jonas")
            # Patient B's chat: Anna sends a CT study there.
            other = await anna.messenger.create_group("Patient B", ["mueller.jonas"])
            study_message = await anna.messenger.send_study(other, folder)
            got = await jonas.messenger.sync()
            assert study_message.message_id in [m.message_id for m in got]
            # In their 1:1 (about someone else), Jonas's modified client sends a key image
            # note answering Patient B's study message: the honest check is skipped.
            direct = await jonas.messenger.open_conversation("weber.anna")
            note = make_key_image(series[1], "Befund")
            with monkeypatch.context() as patch:
                patch.setattr(MessageEvents, "reply_target", lambda _s, _c, mid: MessageId(mid))
                sent = await jonas.messenger.send_bytes(
                    direct, "key-image.dcm", note, reply_to=study_message.message_id
                )
            await anna.messenger.sync()
            (kos,) = anna.container.attachments.for_message(sent.message_id)
            stored = anna.container.messages.get(sent.message_id)
            assert stored is not None and stored.conversation_id == direct
            with pytest.raises(ClientError, match="not on this PC"):
                key_images.locate(anna.container, kos.attachment_id, sent.message_id)
            assert "of another conversation" in caplog.text
            # Control: the same note sent in Patient B's chat opens that study.
            again = await jonas.messenger.send_bytes(
                other, "key-image.dcm", note, reply_to=study_message.message_id
            )
            await anna.messenger.sync()
            (kos2,) = anna.container.attachments.for_message(again.message_id)
            found = key_images.locate(anna.container, kos2.attachment_id, again.message_id)
            assert studies.is_study(found.study)

    asyncio.run(scenario())
