"""A colleague names someone's 1:1 chat with him, through the real relay (insider attack
round, session 20).

A direct conversation's members follow from its id, but its first state also carries a
title, written by whoever started the chat, and the receiver kept it. The app's lists
call a 1:1 after the other person, but the chat's PDF export for the patient record
(its head line and document title), its FHIR bundle (every message's topic) and the
chat's calendar export (.ics) used the stored title. A modified client started a chat
titled "Dr. Anna Weber, Kardiologie" with a right-to-left override and a line break:
the export of the colleague's order read as a conversation with Dr. Weber. Even the
honest client writes the recipient's own name there, so an export was titled after
the person who exported it. Now a 1:1 is called after the other person everywhere
(services/conversations.py ``shown_title``), whatever title its state carried.
"""

from __future__ import annotations

import asyncio
import io
import json
from typing import Any

from pypdf import PdfReader

from desktop_app.protocol import content as wire
from desktop_app.services import export
from desktop_app.services.conversations import direct_conversation_id
from desktop_app.services.export_fhir import render_fhir
from desktop_app.services.export_pdf import render_pdf
from desktop_app.storage.timeutil import to_ms, utc_now
from tests.services.conftest import Person
from tests.services.modified_client import forge, handled_before

ANNA, JONAS, LENA = "weber.anna", "mueller.jonas", "schmidt.lena"
FORGED = "Dr. Anna Weber, Kardiologie\u202e – Pat. Mueller\nOberärztin"
ORDER = "Konsil: Marcumar absetzen, Heparin 5000 IE s.c."


def exported_titles(person: Person, cid: str) -> list[str]:
    """Every place the chat's exports name it: the PDF's head line and document title,
    each FHIR message's topic, the calendar's name."""
    doc = export.collect(person.session, cid)
    reader = PdfReader(io.BytesIO(render_pdf(doc)))
    head = reader.pages[0].extract_text().splitlines()[0]
    title = str((reader.metadata or {}).get("/Title", ""))
    bundle = json.loads(render_fhir(doc))
    topics = [e["resource"]["topic"]["text"] for e in bundle["entry"]]
    ics = person.messenger.teamwork.export_ics(cid).decode()
    calendar = next(line for line in ics.splitlines() if line.startswith("X-WR-CALNAME:"))
    return [head, title, *topics, calendar]


def test_a_colleague_cannot_name_a_direct_chat_in_its_exports(make_ward: Any) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            lena, jonas = await w.person(LENA), await w.person(JONAS)
            cid = direct_conversation_id(LENA, JONAS)
            pair = sorted([LENA, JONAS])
            first = wire.GroupState(1, "direct", FORGED, pair, pair, 1, to_ms(utc_now()))
            await forge(lena, cid, (JONAS,), first)  # her modified client's first state
            await handled_before(lena, JONAS, (jonas,), ORDER)

            titles = exported_titles(jonas, cid)
            assert not [t for t in titles if "Weber" in t or "Kardiologie" in t], titles
            lena_name = jonas.session.display_name(LENA)
            assert all(lena_name in t for t in titles), titles

    asyncio.run(scenario())


def test_an_honest_direct_chat_is_exported_under_the_other_persons_name(
    make_ward: Any,
) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            anna, jonas = await w.person(ANNA), await w.person(JONAS)
            await handled_before(anna, JONAS, (jonas,), ORDER)  # Anna starts the chat
            cid = direct_conversation_id(ANNA, JONAS)

            titles = exported_titles(jonas, cid)
            jonas_name, anna_name = (jonas.session.display_name(u) for u in (JONAS, ANNA))
            assert all(anna_name in t and jonas_name not in t for t in titles), titles

    asyncio.run(scenario())
