""".ics exports of a colleague's events, written so another program reads other lines
into them (attack round 18c).

A member's modified client sends shifts whose duty role, title, place or notes hold
line breaks RFC 5545 does not escape: a bare CR, a vertical tab, U+2028, NEL. Whoever
exports the chat's calendar hands the file to the hospital's roster system; one that
reads lines the way most text readers do (any of those ends a line) takes the rest as a
property of its own (an ATTENDEE, an ORGANIZER, the end of the event). A duty role with
a line feed made the whole export fail (icalendar's assertion). Now a duty role or
holder with a control character is refused at receipt like any malformed event, and
the export writes every text of an event escaped, its controls and line separators as
spaces (``domain/ics.py``), so each event is the lines WardLink wrote."""

from __future__ import annotations

import asyncio
import re
from datetime import UTC, timedelta
from pathlib import Path

from desktop_app.domain import ics
from desktop_app.protocol import content as wire
from desktop_app.storage.timeutil import to_ms, utc_now
from tests.services.conftest import ward
from tests.services.modified_client import handled_before, sneak
from tests.services.test_teamwork import JONAS, ROLE, directory, team

INJECTED = "ATTENDEE;CN=Chefarzt:mailto:chefarzt@klinik.example"
# What RFC 5545 allows in a content line: no control character but the tab, and every
# line ends in CRLF. The other separators are ones common readers end a line at.
MALFORMED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x85\u2028\u2029]|\r(?!\n)|(?<!\r)\n")


def shift(n: int, **texts: str) -> wire.CalendarChange:
    start = utc_now().replace(microsecond=0) + timedelta(days=1, hours=n)
    fields = {"title": "Dienst", "duty_role": ROLE, "duty_holder": JONAS.uid} | texts
    title = fields.pop("title")
    return wire.CalendarChange(
        1, f"exp-{n}", f"c-exp-{n}", 1 + n, to_ms(utc_now()), title,
        start.isoformat(), (start + timedelta(hours=1)).isoformat(), **fields,
    )  # fmt: skip


def test_a_colleagues_event_cannot_add_lines_to_the_exported_calendar(
    relay_dir: Path, tmp_path: Path
) -> None:
    """Jonas's shifts carry a line of their own in the duty role (CR, then LF: the
    export failed), the title (vertical tab), the place (U+2028) and the notes (NEL).
    Anna's export succeeds, is well-formed RFC 5545, and no reader that ends lines at
    any of those finds a line WardLink did not write; the titles keep their words."""
    directory(relay_dir, tmp_path)

    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            anna, jonas, _mia, cid = await team(w)
            forged = [
                shift(0, duty_role=ROLE + "\r" + INJECTED),
                shift(1, duty_holder=JONAS.uid + "\r\n" + INJECTED),
                shift(2, title="Dienst\x0b" + INJECTED),
                shift(3, location="Zi. 4\u2028" + INJECTED),
                shift(4, notes="Übergabe\x85" + INJECTED + "\nzweite Zeile"),
            ]
            await sneak(jonas, cid, wire.CalendarBatch(1, forged))
            await handled_before(jonas, cid, (anna,), "Dienste eingetragen")

            calendar = anna.container.calendar
            assert calendar.conversation_of("exp-0") is None, "a duty role with a CR"
            assert calendar.conversation_of("exp-1") is None, "a duty holder with a LF"
            text = anna.messenger.teamwork.export_ics(cid).decode("utf-8")
            assert MALFORMED.search(text) is None, MALFORMED.search(text)
            lines = text.splitlines()  # every separator Python knows
            assert not [line for line in lines if line.startswith("ATTENDEE")]
            assert [e.title for e in ics.from_ics(text.encode(), UTC)] == [
                "Dienst " + INJECTED, "Dienst", "Dienst",
            ]  # fmt: skip

    asyncio.run(scenario())
