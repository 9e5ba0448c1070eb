"""Team files end to end (issue 14): three people, a real relay, real containers, Megolm
and Olm. A document's two versions reach the members; a member added later gets the
latest version over Olm and opens it; a removed member's device cannot download a later
(or restored) version from the relay; forged versions (a non-member, another
conversation's document id, a number already taken, a share from a non-member) are
refused by the receivers; documents outlive message retention."""

from __future__ import annotations

import asyncio
import hashlib
from datetime import timedelta
from pathlib import Path

import pytest

from desktop_app import cli
from desktop_app.commands import files_client_cmd
from desktop_app.crypto.e2e.payloads import Control
from desktop_app.directory.generate import functional_account
from desktop_app.directory.model import Entry
from desktop_app.protocol import content as wire
from desktop_app.protocol.content_files import (
    CONTROL_NAME,
    DocumentShare,
    DocumentVersion,
    SharedVersion,
    encode_share,
)
from desktop_app.relay.directory_admin import import_directory
from desktop_app.services import attachments, deletion
from desktop_app.services.errors import RelayRefused
from desktop_app.services.policy import Policy
from desktop_app.storage.sql_documents import DocVersion
from tests.conftest import PASSPHRASE
from tests.directory.files import to_csv
from tests.relay.conftest import ADMIN
from tests.services.conftest import Person, ward
from tests.services.modified_client import forge, sneak

ANNA, JONAS, MIA = "weber.anna", "mueller.jonas", "yilmaz.mia"
SOP_V1 = b"SOP Sepsis v1: Blutkulturen vor Antibiose\n" * 50
SOP_V2 = b"SOP Sepsis v2: Laktat nach 2 h wiederholen\n" * 60
SOP_V3 = b"SOP Sepsis v3: nach Ausscheiden von Jonas\n" * 70


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


async def opened(person: Person, cid: str, name: str, version: int | None = None) -> bytes:
    _v, chunks = await person.messenger.documents.open(cid, name, version)
    return b"".join(chunks)


def versions(person: Person, cid: str) -> list[int]:
    docs = person.messenger.documents.files(cid).documents
    return [v.version for d in docs for v in d.versions]


def write(tmp: Path, name: str, data: bytes) -> Path:
    tmp.mkdir(exist_ok=True)
    (tmp / name).write_bytes(data)
    return tmp / name


async def relay_gives(person: Person, v: DocVersion) -> bool:
    """Ask the relay for the blob as a modified client would (knowing id and key)."""
    ref = wire.AttachmentRef(v.document_id, v.blob_id, v.key, v.name, "text/plain", v.size,
                             v.sha256)  # fmt: skip
    try:
        await attachments.fetch_verified(person.container, person.session.require_link(), ref)
    except RelayRefused as exc:
        assert exc.code == "not_found"
        return False
    return True


def test_versions_new_member_gets_latest_removed_member_gets_no_later(
    relay_dir: Path, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            anna = await w.person(ANNA)
            jonas = await w.person(JONAS)
            mia = await w.person(MIA)
            cid = await anna.messenger.create_group("Station 3B", [JONAS])
            await jonas.messenger.sync()
            docs = anna.messenger.documents
            files = tmp_path / "files"
            v1 = await docs.put(cid, write(files, "SOP Sepsis.txt", SOP_V1), folder="SOPs")
            v2 = await docs.put(cid, write(files, "SOP Sepsis.txt", SOP_V2), folder="SOPs")
            assert (v1.document_id, v1.version, v2.version) == (v2.document_id, 1, 2)

            await jonas.messenger.sync()
            assert versions(jonas, cid) == [1, 2]
            assert len(jonas.container.documents.body_files()) == 2  # fetched at receipt
            assert await opened(jonas, cid, "SOP Sepsis.txt", 1) == SOP_V1
            got = jonas.messenger.documents.find(cid, "SOP Sepsis.txt").latest
            assert (got.author, got.vouched_by, got.folder) == (ANNA, None, "SOPs")
            assert sha(await opened(jonas, cid, "SOP Sepsis.txt")) == sha(SOP_V2)

            # Mia joins: the latest version (not the history) is shared to her devices
            assert await anna.messenger.add_member(cid, MIA)
            await mia.messenger.sync()
            assert versions(mia, cid) == [2]
            assert len(mia.container.documents.body_files()) == 1
            at_mia = mia.messenger.documents.find(cid, "SOP Sepsis.txt").latest
            assert (at_mia.author, at_mia.vouched_by, at_mia.sha256) == (ANNA, ANNA, sha(SOP_V2))
            assert sha(await opened(mia, cid, "SOP Sepsis.txt")) == sha(SOP_V2)
            assert not await relay_gives(mia, v1)  # the old version's blob stays closed

            # Jonas is removed: the next version is neither sent to him nor his to fetch
            await anna.messenger.remove_member(cid, JONAS)
            v3 = await docs.put(cid, write(files, "SOP Sepsis.txt", SOP_V3), folder="SOPs")
            await jonas.messenger.sync()
            await mia.messenger.sync()
            assert versions(jonas, cid) == [1, 2]
            assert not await relay_gives(jonas, v3)
            assert versions(mia, cid) == [2, 3]
            assert await opened(mia, cid, "SOP Sepsis.txt") == SOP_V3

            # Mia restores version 2: a new version 4, re-encrypted for the members of now
            v4 = await mia.messenger.documents.restore(cid, "SOP Sepsis.txt", 2)
            assert (v4.version, v4.sha256, v4.author) == (4, sha(SOP_V2), MIA)
            assert v4.key != v2.key and v4.blob_id != v2.blob_id
            await anna.messenger.sync()
            assert versions(anna, cid) == [1, 2, 3, 4]
            assert await opened(anna, cid, "SOP Sepsis.txt") == SOP_V2
            assert not await relay_gives(jonas, v4)

    asyncio.run(scenario())


def test_forged_versions_and_shares_are_refused(
    relay_dir: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            anna = await w.person(ANNA)
            jonas = await w.person(JONAS)
            mia = await w.person(MIA)
            cid = await anna.messenger.create_group("Station 3B", [JONAS])
            other = await anna.messenger.create_group("Station 4A", [JONAS, MIA])
            await jonas.messenger.sync()
            await mia.messenger.sync()
            files = tmp_path / "files"
            v1 = await anna.messenger.documents.put(cid, write(files, "Plan.txt", b"Dienstplan"))
            await jonas.messenger.sync()

            def version(document_id: str, number: int, name: str) -> DocumentVersion:
                return DocumentVersion(1, document_id, number, name, "", v1.blob_id, v1.key,
                                       v1.sha256, v1.size, 0)  # fmt: skip

            # Mia is no member of cid: her modified client sends a version anyway
            await forge(mia, cid, (ANNA, JONAS), version("mia-doc", 1, "Fake.txt"))
            # In a conversation she is in, she names the document of cid
            await sneak(mia, other, version(v1.document_id, 2, "Plan.txt"))
            # Jonas, a member, re-sends number 1 with other contents, and a path as name
            await sneak(jonas, cid, version(v1.document_id, 1, "Plan.txt"))
            await sneak(jonas, cid, version("jonas-doc", 1, "../../evil.txt"))
            # Mia shares "documents of cid" with Jonas though she is not a member
            shared = SharedVersion("mia-doc2", 1, "Fake2.txt", "", v1.blob_id, v1.key,
                                   v1.sha256, v1.size, ANNA, 0)  # fmt: skip
            body = encode_share(DocumentShare(1, cid, [shared]))
            await mia.messenger.outgoing.queue_control(
                JONAS, Control(CONTROL_NAME, body), now=mia.session.clock()
            )
            await mia.messenger.outgoing.flush()

            def refusals() -> list[str]:
                return [
                    r.getMessage() for r in caplog.records if "refused document" in r.getMessage()
                ]

            def all_refused() -> bool:
                refused = refusals()
                return (
                    any("not a member" in r and "mia-doc " in r for r in refused)
                    and any("another conversation" in r for r in refused)
                    and any("not above the latest" in r for r in refused)
                    and any("path separator" in r for r in refused)
                    and any("mia-doc2" in r and "not a member" in r for r in refused)
                )

            # Five forgeries: sync until each was refused (a loaded relay may take a while)
            for _ in range(40):
                await anna.messenger.sync()
                await jonas.messenger.sync()
                if all_refused():
                    break
                await asyncio.sleep(0.25)
            for person in (anna, jonas):
                docs = person.messenger.documents
                assert [(d.document_id, d.latest.version) for d in docs.files(cid).documents] == [
                    (v1.document_id, 1)
                ]
                assert docs.find(cid, "Plan.txt").latest.author == ANNA
                assert docs.files(other).documents == []
            assert await opened(jonas, cid, "Plan.txt") == b"Dienstplan"
            assert all_refused(), refusals()

    with caplog.at_level("WARNING", logger="wardlink.documents"):
        asyncio.run(scenario())


@pytest.mark.parametrize("allowed", [False, True])
def test_files_get_follows_export_allowed(
    relay_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    allowed: bool,
) -> None:
    monkeypatch.setenv("WARDLINK_PASSPHRASE", PASSPHRASE)
    monkeypatch.setattr(files_client_cmd, "load_policy", lambda: Policy(export_allowed=allowed))
    out = tmp_path / "export.txt"

    async def scenario() -> int:
        async with ward(relay_dir, tmp_path) as w:
            anna = await w.person(ANNA)
            jonas = await w.person(JONAS)
            cid = await anna.messenger.create_group("Station 3B", [JONAS])
            await anna.messenger.documents.put(cid, write(tmp_path / "f", "Plan.txt", SOP_V1))
            await jonas.messenger.sync()
            await jonas.session.close()
            jonas.container.close()
            del w.people[JONAS]
            argv = ["client", "--profile", str(jonas.profile), "files", "get", cid, "Plan.txt"]
            return await asyncio.to_thread(cli.main, [*argv, str(out)])

    code = asyncio.run(scenario())
    if allowed:
        assert code == 0 and out.read_bytes() == SOP_V1
    else:
        assert code == 1 and not out.exists()
        assert "switched off by your IT department" in capsys.readouterr().err


def test_documents_outlive_message_retention_and_go_with_their_conversation(
    relay_dir: Path, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            anna = await w.person(ANNA)
            jonas = await w.person(JONAS)
            cid = await anna.messenger.create_group("Station 3B", [JONAS])
            files = tmp_path / "files"
            await anna.messenger.documents.put(cid, write(files, "SOP.txt", SOP_V1))
            await anna.messenger.send_file(cid, write(files, "Foto.txt", b"Wunde Zi. 4"))
            await jonas.messenger.sync()
            docs = jonas.messenger.documents
            assert await opened(jonas, cid, "SOP.txt") == SOP_V1  # body now on this PC
            listed = docs.files(cid)
            assert [a.name for a in listed.attachments] == ["Foto.txt"]
            (body,) = jonas.container.documents.body_files()

            later = jonas.session.clock() + timedelta(days=400)
            jonas.session.clock = lambda: later
            report = deletion.apply_retention(jonas.session, 90)
            assert report is not None and report.attachments == 1
            assert docs.files(cid).attachments == []  # chat files follow retention
            assert await opened(jonas, cid, "SOP.txt") == SOP_V1  # documents stay
            assert docs.files(cid, search="sop").documents[0].name == "SOP.txt"

            deletion.delete_conversation(jonas.session, cid)
            assert jonas.container.documents.in_conversation(cid) == []
            assert not (jonas.container.blobs.directory / body).exists()

    asyncio.run(scenario())


def test_a_new_holder_of_a_role_gets_the_role_conversations_documents(
    relay_dir: Path, tmp_path: Path
) -> None:
    role = functional_account("dienst.kardio", "Dienstarzt Kardiologie", "Kardiologie", (JONAS,))
    people = [Entry(uid=u, cn=u, department="Kardiologie") for u in (ANNA, JONAS, MIA)]
    (tmp_path / "staff.csv").write_bytes(to_csv([*people, role]))
    import_directory(relay_dir, tmp_path / "staff.csv", ADMIN)

    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            anna = await w.person(ANNA)
            jonas = await w.person(JONAS)
            mia = await w.person(MIA)
            sent = await anna.messenger.send_text("dienst.kardio", "Zi. 4 bitte ansehen")
            cid = sent.conversation_id
            await anna.messenger.documents.put(cid, write(tmp_path / "f", "SOP.txt", SOP_V1))
            await jonas.messenger.sync()
            assert versions(jonas, cid) == [1]

            await mia.session.directory.take_over(mia.session.require_link(), "dienst.kardio")
            await anna.messenger.send_text("dienst.kardio", "Übergabe: Zi. 4 stabil")
            await mia.messenger.sync()
            assert versions(mia, cid) == [1]
            assert await opened(mia, cid, "SOP.txt") == SOP_V1

    asyncio.run(scenario())
