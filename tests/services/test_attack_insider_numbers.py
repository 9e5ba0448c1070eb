"""Numbers and vouchers a member's modified client chooses, through the real relay: a
disappearing-messages setting numbered so high that the other person can never change
it again, and documents "shared" by a member who added nobody, under another's name."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from desktop_app.crypto.e2e.payloads import Control
from desktop_app.protocol import content as wire
from desktop_app.protocol.content_files import (
    CONTROL_NAME,
    DocumentShare,
    SharedVersion,
    encode_share,
)
from desktop_app.storage.timeutil import to_ms, utc_now
from tests.services.conftest import ward
from tests.services.modified_client import handled_before, sneak
from tests.services.test_team_files import ANNA, JONAS, MIA, write

LAST_SQLITE_INTEGER = 2**63 - 1


def test_the_other_person_cannot_lock_disappearing_messages(make_ward: Any) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person(ANNA)
            jonas = await w.person(JONAS)
            await anna.messenger.send_text(JONAS, "Hallo")
            (hello,) = await jonas.messenger.sync()
            cid = hello.conversation_id
            # Jonas's modified client: "on, 1 hour", numbered so nothing can follow it.
            locked = wire.Ephemeral(1, 1, LAST_SQLITE_INTEGER, to_ms(utc_now()))
            await sneak(jonas, cid, locked)
            await handled_before(jonas, cid, (anna,), "Eingestellt")
            await anna.messenger.ephemeral.set(cid, None)  # Anna switches it off
            assert anna.messenger.ephemeral.hours(cid) is None
            await anna.messenger.ephemeral.set(cid, 24)
            await handled_before(anna, cid, (jonas,), "Auf 24 Stunden")
            assert jonas.messenger.ephemeral.hours(cid) == 24

    asyncio.run(scenario())


def test_only_an_admin_shares_documents_and_vouches_for_their_author(
    relay_dir: Path, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            anna = await w.person(ANNA)
            jonas = await w.person(JONAS)
            mia = await w.person(MIA)
            cid = await anna.messenger.create_group("Station 3B", [JONAS, MIA])
            v1 = await anna.messenger.documents.put(cid, write(tmp_path / "f", "A.txt", b"a"))
            await jonas.messenger.sync()
            await mia.messenger.sync()
            await handled_before(jonas, cid, (mia,), "Hallo")  # his devices know hers now
            # Jonas (a member, no admin, added nobody) "shares" a plan written "by Anna".
            fake = SharedVersion("fake-plan", 1, "Notfallplan.txt", "", v1.blob_id, v1.key,
                                 v1.sha256, v1.size, ANNA, to_ms(utc_now()))  # fmt: skip
            body = encode_share(DocumentShare(1, cid, [fake]))
            await jonas.messenger.outgoing.queue_control(
                MIA, Control(CONTROL_NAME, body), now=jonas.session.clock()
            )
            await jonas.messenger.outgoing.flush()
            await handled_before(jonas, cid, (mia,), "Geteilt")
            names = [d.name for d in mia.messenger.documents.files(cid).documents]
            assert names == ["A.txt"]

    asyncio.run(scenario())
