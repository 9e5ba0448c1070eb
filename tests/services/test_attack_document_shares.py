"""A ``files.share`` from an admin vouches for author and time, and nothing bounded
either (found in an insider audit, 2026-12-07).

``Documents.receive_share`` kept a shared version's ``at_ms`` as sent, up to 2^53 ms
(year 287,396), while every other time a peer puts in content counts only up to when
the relay took the envelope (``peer_ms``). Such a date has no ``datetime``: the
conversation's Files (GUI ``LiveFiles.rows``, ``wardlink client files``) failed to
load for good, and the document counted as the newest for ever.

And in a 1:1 chat both people are admins, so any colleague (a 1:1 needs nobody's
consent) could put documents into someone's Files "written by" anyone in the
directory, though nobody is ever added to a 1:1 and nothing is shared there.

Now a shared version's time counts up to the relay's receipt like any other, and a
share naming a direct conversation is refused.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from desktop_app.crypto.e2e.payloads import Control
from desktop_app.domain.ids import ConversationId
from desktop_app.protocol.content_files import (
    CONTROL_NAME,
    DocumentShare,
    SharedVersion,
    encode_share,
)
from desktop_app.services.live_files import LiveFiles
from desktop_app.storage.timeutil import to_ms, utc_now
from tests.services.conftest import Person, ward
from tests.services.modified_client import handled_before
from tests.services.test_team_files import write

EVE, BOB, CHIEF = "klein.eve", "braun.bob", "chef.kardiologie"
BEYOND_ANY_DATE = 2**53  # the wire's largest time


async def share(eve: Person, to: str, cid: str, version: SharedVersion) -> None:
    """Eve's modified client sends ``to`` a files.share for ``cid`` naming ``version``."""
    body = encode_share(DocumentShare(1, ConversationId(cid), [version]))
    await eve.messenger.outgoing.queue_control(
        to, Control(CONTROL_NAME, body), now=eve.session.clock()
    )
    await eve.messenger.outgoing.flush()


def files_of(person: Person, cid: str) -> list[tuple[str, str, int]]:
    """(name, author, year) as the Files window lists them; fails as it would."""
    rows = LiveFiles(person.messenger.documents, asyncio.Lock(), str).rows(cid)
    return [(r.name, v.by_name, v.at.year) for r in rows for v in r.versions]


def test_a_share_is_dated_no_later_than_it_arrived(relay_dir: Path, tmp_path: Path) -> None:
    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            eve = await w.person(EVE)
            bob = await w.person(BOB)
            cid = await eve.messenger.create_group("Station 3B", [BOB])  # Eve is its admin
            v1 = await eve.messenger.documents.put(cid, write(tmp_path / "f", "A.txt", b"a"))
            await handled_before(eve, cid, (bob,), "Hallo")
            late = SharedVersion(
                "plan-1", 1, "Dienstplan.txt", "", v1.blob_id, v1.key, v1.sha256, v1.size,
                EVE, BEYOND_ANY_DATE,
            )  # fmt: skip
            await share(eve, BOB, cid, late)
            await handled_before(eve, cid, (bob,), "Geteilt")
            year = utc_now().year
            assert sorted(files_of(bob, cid)) == [
                ("A.txt", EVE, year),
                ("Dienstplan.txt", EVE, year),
            ]

    asyncio.run(scenario())


def test_nothing_is_shared_into_a_direct_chat(relay_dir: Path, tmp_path: Path) -> None:
    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            eve = await w.person(EVE)
            bob = await w.person(BOB)
            await w.person(CHIEF)
            sent = await eve.messenger.send_text(BOB, "Hallo Bob")
            cid = sent.conversation_id
            await handled_before(eve, BOB, (bob,), "Kurze Frage")
            v1 = await eve.messenger.documents.put(cid, write(tmp_path / "f", "A.txt", b"a"))
            forged = SharedVersion(
                "befund-1", 1, "Befund.txt", "", v1.blob_id, v1.key, v1.sha256, v1.size,
                CHIEF, to_ms(utc_now()),
            )  # fmt: skip
            await share(eve, BOB, cid, forged)
            await handled_before(eve, BOB, (bob,), "Geteilt")
            assert files_of(bob, cid) == [("A.txt", EVE, utc_now().year)]

    asyncio.run(scenario())
