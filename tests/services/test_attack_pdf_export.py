"""A colleague's message ids and file names that forge lines of a PDF export
(insider attack round, session 18).

A conversation's PDF export goes into the patient record. Each message starts with a
line at the left margin: time, sender, message id; its text follows indented. A message
id is the sender's choice (1 to 128 characters of any kind), and it was written as it
came: a modified client sent a message whose id held a line break followed by a head
line of its own ("… weber.anna [URGENT] (message …"), so the export showed the
colleague's text as an urgent order from Dr. Weber, at a time of the sender's choosing.
A mime type with a line break put a line of its own under an attachment. Now every
field that is one line in the export is written on one line, its line breaks and other
controls shown as escapes (``services/export_pdf.py``). Since, the strict content decode
also refuses such a message id (protocol/fields.py ``ChosenId``); the export's rule
stays for messages a container received before.
"""

from __future__ import annotations

import asyncio
import io
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from desktop_app.domain.ids import MessageId, Uid
from desktop_app.domain.model import Message, MessageState
from desktop_app.services import export
from desktop_app.services.conversations import direct_conversation_id
from desktop_app.services.export_pdf import INDENT, MARGIN, render_pdf, text_pdf
from desktop_app.storage.timeutil import utc_now
from tests.services.modified_client import handled_before

ANNA, JONAS, LENA = "weber.anna", "mueller.jonas", "schmidt.lena"
ORDER = "Marcumar ab sofort absetzen, Heparin 5000 IE s.c."
FORGED_HEAD = "2026-12-07 08:15:00 +0100  weber.anna [URGENT]  (message order-1)"


def margin_lines(data: bytes) -> list[str]:
    """The text lines a PDF shows at its left margin (heads), as a reader places them."""
    reader = PdfReader(io.BytesIO(data))
    found: list[str] = []

    def seen(text: str, _cm: Any, tm: list[float], _font: Any, _size: Any) -> None:
        if text.strip() and tm[4] < MARGIN + INDENT / 2:
            found.append(text.strip())

    for page in reader.pages:
        page.extract_text(visitor_text=seen)
    return found


def test_a_message_id_cannot_add_a_head_line_to_the_pdf_export(
    make_ward: Any, tmp_path: Path
) -> None:
    """Lena's container holds messages of Jonas whose ids end in a forged head line
    (after a line feed, a CR, U+2028, NEL, or 48 spaces that wrap the line right before
    it). Before, Lena's export showed FORGED_HEAD as a line of its own at the margin,
    over Jonas's text; now no line at the margin reads so."""

    async def scenario() -> list[str]:
        async with make_ward() as w:
            jonas = await w.person(JONAS)
            lena = await w.person(LENA)
            cid = direct_conversation_id(JONAS, LENA)
            await handled_before(jonas, LENA, (lena,), "Bitte umsetzen")
            # A line break, or spaces so that the line wraps right before the head. The
            # content decode refuses such ids now (test_attack_id_characters.py), but a
            # container keeps the ones an earlier release received: the export must hold.
            for n, brk in enumerate(("\n", "\r", "\u2028", "\x85", " " * 48)):
                forged = Message(
                    MessageId(f"m{n}){brk}{FORGED_HEAD[:-1]}"), cid, Uid(JONAS), utc_now(),
                    ORDER, state=MessageState.RECEIVED, sender_device=jonas.session.device_id,
                )  # fmt: skip
                assert lena.container.messages.add(forged)
            assert [m.body for m in lena.messenger.history(cid)].count(ORDER) == 5
            return margin_lines(render_pdf(export.collect(lena.session, cid)))

    heads = asyncio.run(scenario())
    forged = [line for line in heads if line.startswith(FORGED_HEAD[:40])]
    assert not forged, "\n".join(heads)
    real = [line for line in heads if f"{JONAS}  (message" in line]
    assert len(real) == 6, "\n".join(heads)  # each message's head is at the margin


def test_an_assignee_name_cannot_add_a_group_to_the_handover_pdf() -> None:
    """The handover PDF's group heads ("name:") are at the margin too, and a task's
    assignee is a colleague's choice (shown as given when not in the directory): a line
    break, or padding that wraps the line, put a group of the sender's making there."""
    forged_group = "weber.anna (1):"
    for name in (f"x{brk}{forged_group}" for brk in ("\n", "\u2028", " " * 150)):
        data = text_pdf("Übergabe", [f"{name}:", "    [ ] Visite"], datetime.now(UTC))
        heads = margin_lines(data)
        assert heads[0] == "Übergabe" and heads[1].startswith("x")
        assert not [head for head in heads if head.startswith(forged_group)], heads
