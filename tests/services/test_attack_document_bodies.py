"""A member's modified client names team document bodies as it likes, through the real
relay (audit of issue 14). Versions naming blobs that do not exist made every later
version ask the relay again for all of them (quadratic); one body named by many small
versions was downloaded and kept once per version, so each envelope of a few hundred
bytes cost every ward PC up to the relay's 1 GiB blob quota of disk, for good (documents
are not pruned by retention). Each test counts relay requests or bytes, not time."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from desktop_app.protocol import content as wire
from desktop_app.protocol.content_files import DocumentVersion
from desktop_app.services import attachments, deletion, document_rules, documents
from desktop_app.services.documents import DocumentRefused
from desktop_app.services.errors import RelayRefused
from desktop_app.storage.sql_documents import DocVersion
from desktop_app.storage.timeutil import to_ms, utc_now
from tests.services.conftest import Person, ward
from tests.services.modified_client import handled_before, sneak
from tests.services.test_team_files import ANNA, JONAS, MIA, opened, write

BODY = bytes(range(256)) * 4096  # 1 MiB


def count_downloads(monkeypatch: pytest.MonkeyPatch, person: Person) -> list[str]:
    """The blob ids ``person``'s device asks the relay for, in order."""
    asked: list[str] = []
    real = attachments.fetch_verified

    async def counting(container: Any, link: Any, ref: wire.AttachmentRef) -> Any:
        if container is person.container:
            asked.append(ref.blob_id)
        return await real(container, link, ref)

    monkeypatch.setattr(attachments, "fetch_verified", counting)
    return asked


def naming(v: DocVersion, document_id: str, name: str, **changed: Any) -> DocumentVersion:
    """Version 1 of a new document ``document_id`` whose body is ``v``'s (or not quite)."""
    fields = {"blob_id": v.blob_id, "key": v.key, "sha256": v.sha256, "size": v.size} | changed
    return DocumentVersion(1, document_id, 1, name, "", fields["blob_id"], fields["key"],
                           fields["sha256"], fields["size"], to_ms(utc_now()))  # fmt: skip


def held_bytes(person: Person) -> int:
    return sum(p.stat().st_size for p in person.container.blobs.directory.iterdir())


async def login_again(person: Person, port: int) -> None:
    """Log in as the app does (Messenger.connect: queued sends, then due document bodies)."""
    await person.session.close()
    await person.messenger.connect(("127.0.0.1", port))


async def team(w: Any) -> tuple[Person, Person, Person, str]:
    anna = await w.person(ANNA)
    jonas = await w.person(JONAS)
    mia = await w.person(MIA)
    cid = await anna.messenger.create_group("Station 3B", [JONAS, MIA])
    for p in (jonas, mia):
        await p.messenger.sync()
    return anna, jonas, mia, cid


def test_versions_naming_missing_blobs_are_fetched_once_not_again_for_each_new_one(
    relay_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Attack: Jonas's modified client announces 40 document versions whose blobs do not
    exist. Before, each received version made Anna's device ask the relay again for every
    body the conversation still lacked (820 requests for 40 versions), and an honest
    version after them paid for all 40 once more. Now each costs one request, the
    failure is remembered, and the honest version costs one."""
    count = 40

    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            anna, jonas, _mia, cid = await team(w)
            asked = count_downloads(monkeypatch, anna)
            for n in range(count):
                bogus = DocumentVersion(1, f"doc-{n}", 1, f"Plan {n}.txt", "",
                                        f"no-such-blob-{n}", bytes(32), "0" * 64, 10,
                                        to_ms(utc_now()))  # fmt: skip
                await sneak(jonas, cid, bogus)
            await handled_before(jonas, cid, (anna,), "Pläne hochgeladen")
            assert len(asked) == count, f"{len(asked)} relay requests for {count} versions"
            assert len(set(asked)) == count

            honest = await jonas.messenger.documents.put(
                cid, write(tmp_path / "f", "SOP.txt", b"SOP Sepsis")
            )
            await handled_before(jonas, cid, (anna,), "SOP neu")
            assert asked[count:] == [honest.blob_id]  # one request, none for the bogus ones
            assert await opened(anna, cid, "SOP.txt") == b"SOP Sepsis"
            # A login right away tries none of them again (their back-off runs)
            await login_again(anna, w.relay.port)
            assert len(asked) == count + 1

    asyncio.run(scenario())


def test_a_body_that_failed_for_a_passing_reason_is_fetched_at_a_later_login(
    relay_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The remembered failure must not lose an honest body: the relay refuses Mia's first
    download (busy); a later version does not retry it, a login within the back-off does
    not either, a login after it fetches it, and so does opening it at any time."""

    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            anna, _jonas, mia, cid = await team(w)
            asked = count_downloads(monkeypatch, mia)
            counting = attachments.fetch_verified
            busy = [True]

            async def refused_once(container: Any, link: Any, ref: wire.AttachmentRef) -> Any:
                if container is mia.container and busy.pop() if busy else False:
                    asked.append(ref.blob_id)
                    raise RelayRefused("rate_limited", "busy")
                return await counting(container, link, ref)

            monkeypatch.setattr(attachments, "fetch_verified", refused_once)
            files = tmp_path / "f"
            plan = await anna.messenger.documents.put(cid, write(files, "Plan.txt", b"Plan"))
            await handled_before(anna, cid, (mia,), "Plan hochgeladen")
            assert asked == [plan.blob_id]
            (failed,) = mia.container.documents.in_conversation(cid)[0].versions
            assert failed.body_file is None

            sop = await anna.messenger.documents.put(cid, write(files, "SOP.txt", b"SOP"))
            await handled_before(anna, cid, (mia,), "SOP hochgeladen")
            assert asked == [plan.blob_id, sop.blob_id]
            await login_again(mia, w.relay.port)
            assert len(asked) == 2  # the back-off has not run out yet

            later = mia.session.clock() + timedelta(milliseconds=documents.BODY_RETRY_FIRST_MS)
            mia.session.clock = lambda: later
            await login_again(mia, w.relay.port)
            assert asked == [plan.blob_id, sop.blob_id, plan.blob_id]
            bodies = {v.name: v.body_file for d in mia.messenger.documents.files(cid).documents
                      for v in d.versions}  # fmt: skip
            assert None not in bodies.values(), bodies
            await mia.session.close()  # held on this PC: opens offline
            assert await opened(mia, cid, "Plan.txt") == b"Plan"

    asyncio.run(scenario())


def test_one_body_named_by_many_versions_is_downloaded_and_kept_once(
    relay_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Attack: Jonas uploads one 1 MiB body, then his modified client announces it again
    as the first version of 20 new documents (same blob id, key and hash). Before, every
    receiver downloaded and kept it once per version (21 MiB). Now it is downloaded once
    and shared by the versions. A version naming the same blob id with another key or
    another hash does not get that body: it is fetched on its own and fails on its own."""

    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            anna, jonas, _mia, cid = await team(w)
            asked = count_downloads(monkeypatch, anna)
            v1 = await jonas.messenger.documents.put(cid, write(tmp_path / "f", "Plan.txt", BODY))
            await handled_before(jonas, cid, (anna,), "Plan hochgeladen")
            assert asked == [v1.blob_id]
            for n in range(20):
                await sneak(jonas, cid, naming(v1, f"copy-{n}", f"Plan {n}.txt"))
            await sneak(jonas, cid, naming(v1, "other-key", "Schlüssel.txt", key=bytes(32)))
            await sneak(jonas, cid, naming(v1, "other-hash", "Hash.txt", sha256="0" * 64))
            await handled_before(jonas, cid, (anna,), "Kopien")
            assert asked == [v1.blob_id] * 3  # the copies took the body held; two fetches
            assert held_bytes(anna) < 2 * len(BODY), f"{held_bytes(anna)} bytes held"
            assert len(anna.container.documents.body_files()) == 1
            assert await opened(anna, cid, "Plan 19.txt") == BODY
            assert await opened(anna, cid, "Plan.txt") == BODY
            for name in ("Schlüssel.txt", "Hash.txt"):
                with pytest.raises(DocumentRefused, match="damaged"):
                    await opened(anna, cid, name)

    asyncio.run(scenario())


def test_deleting_a_conversation_keeps_a_body_another_conversation_uses(
    relay_dir: Path, tmp_path: Path
) -> None:
    """A body shared by versions of two conversations (Jonas names the ward's document in
    a second group) stays while either conversation does: deleting the second group must
    not take the ward's document from Anna's PC; deleting both removes the file."""

    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            anna, jonas, _mia, cid = await team(w)
            other = await anna.messenger.create_group("Station 4A", [JONAS])
            await jonas.messenger.sync()
            v1 = await jonas.messenger.documents.put(cid, write(tmp_path / "f", "Plan.txt", BODY))
            await handled_before(jonas, cid, (anna,), "Plan hochgeladen")
            await sneak(jonas, other, naming(v1, "copy", "Plan 4A.txt"))
            await handled_before(jonas, other, (anna,), "Plan auch hier")
            (body,) = anna.container.documents.body_files()
            assert await opened(anna, other, "Plan 4A.txt") == BODY

            deletion.delete_conversation(anna.session, other)
            assert await opened(anna, cid, "Plan.txt") == BODY
            deletion.delete_conversation(anna.session, cid)
            assert not (anna.container.blobs.directory / body).exists()

    asyncio.run(scenario())


def test_a_member_sends_at_most_so_many_versions_per_conversation(
    relay_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Versions are kept for good, so one member's are capped per conversation
    (MAX_VERSIONS_PER_MEMBER, here 2): receivers refuse more, other members are not
    affected, and the honest client says so instead of uploading."""
    monkeypatch.setattr(document_rules, "MAX_VERSIONS_PER_MEMBER", 2)

    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            anna, jonas, mia, cid = await team(w)
            files = tmp_path / "f"
            v1 = await jonas.messenger.documents.put(cid, write(files, "Plan.txt", b"Plan"))
            await sneak(jonas, cid, naming(v1, "copy-1", "Plan 1.txt"))
            await sneak(jonas, cid, naming(v1, "copy-2", "Plan 2.txt"))
            await mia.messenger.documents.put(cid, write(files, "SOP.txt", b"SOP"))
            await handled_before(jonas, cid, (anna,), "Kopien")
            await handled_before(mia, cid, (anna,), "SOP")
            names = sorted(d.name for d in anna.messenger.documents.files(cid).documents)
            assert names == ["Plan 1.txt", "Plan.txt", "SOP.txt"]

            await jonas.messenger.documents.put(cid, write(files, "Liste.txt", b"Liste"))
            with pytest.raises(DocumentRefused, match="2 versions"):
                await jonas.messenger.documents.put(cid, write(files, "Mehr.txt", b"Mehr"))

    asyncio.run(scenario())
