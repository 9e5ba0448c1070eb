"""A member's modified client numbers a team document's version as it likes, through the
real relay: jumping to the last number the protocol allows would freeze the document
(the next honest version's number is refused by every receiver, silently), and a new
document of the same name at that number would catch the next honest upload of it."""

from __future__ import annotations

import asyncio
from pathlib import Path

from desktop_app.protocol.content_files import MAX_VERSION, DocumentVersion
from desktop_app.storage.sql_documents import DocVersion
from desktop_app.storage.timeutil import to_ms, utc_now
from tests.services.conftest import ward
from tests.services.modified_client import handled_before, sneak
from tests.services.test_team_files import ANNA, JONAS, MIA, opened, write


def numbered(v: DocVersion, document_id: str, number: int) -> DocumentVersion:
    """Version ``number`` of ``document_id``, its body that of ``v`` (a real blob)."""
    return DocumentVersion(1, document_id, number, v.name, v.folder, v.blob_id, v.key,
                           v.sha256, v.size, to_ms(utc_now()))  # fmt: skip


def test_a_member_cannot_freeze_a_document_by_jumping_to_the_last_number(
    relay_dir: Path, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            anna = await w.person(ANNA)
            jonas = await w.person(JONAS)
            mia = await w.person(MIA)
            cid = await anna.messenger.create_group("Station 3B", [JONAS, MIA])
            files = tmp_path / "files"
            v1 = await anna.messenger.documents.put(cid, write(files, "Plan.txt", b"v1"))
            await jonas.messenger.sync()
            await mia.messenger.sync()
            await sneak(jonas, cid, numbered(v1, v1.document_id, MAX_VERSION))
            await handled_before(jonas, cid, (anna, mia), "Plan aktualisiert")
            assert mia.messenger.documents.find(cid, "Plan.txt").latest.version == 1
            await anna.messenger.documents.put(cid, write(files, "Plan.txt", b"v2 von Anna"))
            await handled_before(anna, cid, (mia,), "Neuer Plan")
            assert await opened(mia, cid, "Plan.txt") == b"v2 von Anna"

    asyncio.run(scenario())


def test_a_document_squatting_a_name_at_the_last_number_does_not_swallow_uploads(
    relay_dir: Path, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            anna = await w.person(ANNA)
            jonas = await w.person(JONAS)
            mia = await w.person(MIA)
            cid = await anna.messenger.create_group("Station 3B", [JONAS, MIA])
            files = tmp_path / "files"
            v1 = await anna.messenger.documents.put(cid, write(files, "Plan.txt", b"v1"))
            await jonas.messenger.sync()
            await mia.messenger.sync()
            # A new document of the same name, already at the last number.
            await sneak(jonas, cid, numbered(v1, "squat-1", MAX_VERSION))
            await handled_before(jonas, cid, (anna, mia), "Plan aktualisiert")
            await anna.messenger.documents.put(cid, write(files, "Plan.txt", b"v2 von Anna"))
            await handled_before(anna, cid, (mia,), "Neuer Plan")
            assert await opened(mia, cid, "Plan.txt") == b"v2 von Anna"

    asyncio.run(scenario())
