"""A colleague's modified client names an attachment to mislead.

The name is the sender's word: a path to climb out of the folder a save dialog opens
in, a right-to-left override that shows ``Befund\u202efdp.exe`` as "Befundexe.pdf", or
terminal escapes for what ``wardlink client messages`` prints. Through the real relay
the recipient keeps only a plain name: what it shows is what the file is called.
"""

from __future__ import annotations

import asyncio
import unicodedata
from pathlib import Path
from typing import Any

import msgspec
import pytest

from desktop_app.domain.file_names import FALLBACK, plain_file_name
from desktop_app.protocol import content as wire
from desktop_app.services import attachments

NAMES = {
    "../../Autostart/Befund\u202efdp.exe": "Befundfdp.exe",
    "..\\..\\Befund.bat": "Befund.bat",
    "\x1b]0;WardLink\x07Labor\x1b[2J.pdf": "]0;WardLinkLabor[2J.pdf",
    "Röntgen Thorax.png. ": "Röntgen Thorax.png",
    "../..": FALLBACK,
}


def test_plain_names() -> None:
    assert {claimed: plain_file_name(claimed) for claimed in NAMES} == NAMES
    assert plain_file_name("EKG 12-Kanal.pdf") == "EKG 12-Kanal.pdf"  # control


def test_a_misleading_attachment_name_arrives_plain(
    make_ward: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scan = tmp_path / "befund.pdf"
    scan.write_bytes(b"%PDF-1.4 not really\n")
    honest = attachments.reference

    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person("weber.anna")
            jonas = await w.person("mueller.jonas")
            for claimed in NAMES:

                async def named(*args: Any, claimed: str = claimed) -> wire.AttachmentRef:
                    ref = await honest(*args)
                    return msgspec.structs.replace(ref, file_name=claimed)

                with monkeypatch.context() as patch:
                    patch.setattr(attachments, "reference", named)
                    await anna.messenger.send_file("mueller.jonas", scan)
            got = await jonas.messenger.sync()
            shown = [
                a.file_name
                for m in got
                for a in jonas.container.attachments.for_message(m.message_id)
            ]
            assert shown == list(NAMES.values())
            for name in shown:
                assert not any(unicodedata.category(c) in ("Cc", "Cf") for c in name)

    asyncio.run(scenario())
