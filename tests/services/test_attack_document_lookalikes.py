"""A team document under a name that looks like another's but is spelled in other code
points (attack round 18c).

"Dienstplan März.txt" can be written with one "ä" (NFC, what a keyboard types) or an
"a" and a combining diaeresis (NFD, what some file systems hand over): the same on
screen, different names to the container. A document's name is how people find its
current version ("the document of that name": the most recently changed one, also for
the next upload), so a member's lookalike stood beside the real document as a second
"Dienstplan März.txt" that the list showed as newest while the name typed or uploaded
led to the other one. Now names and folders are NFC: receivers refuse a version whose
name or folder is not, and the honest client normalises what it uploads, so a file
named in NFD continues the document of that name."""

from __future__ import annotations

import asyncio
import unicodedata
from pathlib import Path

import msgspec

from desktop_app.storage.timeutil import to_ms, utc_now
from tests.services.conftest import ward
from tests.services.modified_client import handled_before, sneak
from tests.services.test_attack_document_bodies import team
from tests.services.test_attack_document_numbers import numbered
from tests.services.test_team_files import opened, write

TYPED = unicodedata.normalize("NFC", "Dienstplan März.txt")
LOOKALIKE = unicodedata.normalize("NFD", TYPED)


def test_a_name_in_other_code_points_is_not_a_second_document_of_that_name(
    relay_dir: Path, tmp_path: Path
) -> None:
    """Jonas's modified client announces a new document "Dienstplan März.txt" in NFD (and
    one in an NFD folder); Mia's PC keeps neither. His honest upload of a file named in
    NFD becomes version 2 of Anna's document, found by the name as typed."""
    assert TYPED != LOOKALIKE

    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            anna, jonas, mia, cid = await team(w)
            v1 = await anna.messenger.documents.put(cid, write(tmp_path / "a", TYPED, b"v1"))
            for p in (jonas, mia):
                await p.messenger.sync()
            forged = numbered(v1, "lookalike-1", 1)
            later = to_ms(utc_now()) + 1
            await sneak(jonas, cid, msgspec.structs.replace(forged, name=LOOKALIKE, at_ms=later))
            foldered = numbered(v1, "lookalike-2", 1)
            folder = unicodedata.normalize("NFD", "Pläne")
            await sneak(jonas, cid, msgspec.structs.replace(foldered, folder=folder))
            await handled_before(jonas, cid, (mia,), "Plan aktualisiert")
            names = [d.name for d in mia.messenger.documents.files(cid).documents]
            assert names == [TYPED], [ascii(n) for n in names]

            upload = write(tmp_path / "j", LOOKALIKE, b"v2 von Jonas")
            await jonas.messenger.documents.put(cid, upload)
            await handled_before(jonas, cid, (mia,), "Plan neu")
            names = [d.name for d in mia.messenger.documents.files(cid).documents]
            assert names == [TYPED], [ascii(n) for n in names]
            assert mia.messenger.documents.find(cid, TYPED).latest.version == 2
            assert await opened(mia, cid, TYPED) == b"v2 von Jonas"

    asyncio.run(scenario())
