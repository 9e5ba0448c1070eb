"""Deleting on this PC, through the real relay: purged from every page, not hidden.

Messages arrive over a real relay into real SQLCipher containers; after deleting, the
container's pages (and WAL) are decrypted with its raw key like a forensic tool would and
searched for the text, its folded FTS index terms and the attachment's plaintext.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from desktop_app.domain.ids import ConversationId
from desktop_app.services import deletion
from desktop_app.storage.container import DB_NAME, Container
from desktop_app.storage.timeutil import utc_now
from tests.conftest import PASSPHRASE
from tests.services.conftest import Person, texts
from tests.storage.forensics import decrypted_db, decrypted_wal
from tests.test_cli_message_path import wardlink


def run(coro: Any) -> Any:
    return asyncio.run(coro)


def pages(person: Person) -> bytes:
    """Every page of the person's database and WAL, decrypted."""
    key = Container.unlock_key(person.profile, PASSPHRASE)
    db = person.profile / DB_NAME
    return decrypted_db(db, bytes(key)) + decrypted_wal(db.with_name(DB_NAME + "-wal"), bytes(key))


def megolm_rows(person: Person) -> int:
    return int(
        person.container.database.scalar(
            "SELECT count(*) FROM crypto_pickles "
            "WHERE kind IN ('megolm-in', 'megolm-seen', 'megolm-seen-at')"
        )
    )


def test_delete_for_me_purges_text_index_attachment_and_receipts(
    make_ward: Any, tmp_path: Path
) -> None:
    gone, kept = "LOESCHMARKERQX", "BLEIBMARKERZW"
    body = f"Roentgenbefund {gone} ".encode() * 500 + os.urandom(2000)
    source = tmp_path / "befund.txt"
    source.write_bytes(body)

    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person("weber.anna")
            jonas = await w.person("mueller.jonas")
            await anna.messenger.send_file("mueller.jonas", source, f"Bitte {gone} ansehen")
            await anna.messenger.send_text("mueller.jonas", f"{kept} Visite um 9")
            got = await jonas.messenger.sync()
            assert texts(got) == [f"Bitte {gone} ansehen", f"{kept} Visite um 9"]
            assert len(jonas.container.attachments.for_message(got[0].message_id)) == 1
            files = set(jonas.container.blobs.names())
            assert len(files) == 1
            # Control: the forensic reader sees the text and its index terms before
            # (new messages reach the index in batches, or when searched: migration 0021).
            jonas.container.messages.index_pending()
            before = pages(jonas)
            assert gone.encode() in before and gone.lower().encode() in before

            report = deletion.delete_message(jonas.session, got[0].message_id)

            assert (report.messages, report.attachments) == (1, 1)
            assert jonas.container.messages.get(got[0].message_id) is None
            assert jonas.container.attachments.for_message(got[0].message_id) == []
            assert jonas.container.blobs.names() == set()
            assert not any((jonas.profile / "blobs").rglob("*.wlss"))
            assert jonas.container.messages.search(gone) == []
            assert jonas.container.receipts.for_message(got[0].message_id) == []
            after = pages(jonas)
            assert kept.encode() in after and kept.lower().encode() in after  # control
            assert gone.encode() not in after
            assert gone.lower().encode() not in after  # FTS terms are stored folded
            assert body[:64] not in after
            with pytest.raises(deletion.NothingToDelete):
                deletion.delete_message(jonas.session, got[0].message_id)

    run(scenario())


def test_delete_conversation_purges_it_and_the_keys_that_could_read_it(make_ward: Any) -> None:
    gone, other = "GRUPPENMARKERQX", "DIREKTMARKERZW"

    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person("weber.anna")
            jonas = await w.person("mueller.jonas")
            await w.person("yilmaz.mia")
            cid = await anna.messenger.create_group("Station 3B", ["mueller.jonas", "yilmaz.mia"])
            for i in range(3):
                await anna.messenger.send_text(cid, f"{gone} Übergabe {i}")
            await anna.messenger.send_text("mueller.jonas", f"{other} privat")
            await jonas.messenger.sync()
            session_id = anna.session.outbound.session_id(cid)
            assert session_id is not None and jonas.session.inbound.has_session(session_id)
            assert jonas.session.inbound.sessions_of(cid) == [session_id]

            report = deletion.delete_conversation(jonas.session, cid)

            assert report.messages >= 3 and report.conversations == 1 and report.sessions == 1
            assert jonas.container.conversations.get(ConversationId(cid)) is None
            assert jonas.container.conversations.members(ConversationId(cid)) == ()
            assert jonas.container.messages.count(ConversationId(cid)) == 0
            assert not jonas.session.inbound.has_session(session_id)  # cannot decrypt again
            replay = jonas.container.database.scalar(
                "SELECT count(*) FROM crypto_pickles WHERE name LIKE ?", (session_id + "%",)
            )
            assert replay == 0  # the key and its replay records, one per message index
            after = pages(jonas)
            assert other.encode() in after and other.lower().encode() in after  # control
            assert gone.encode() not in after and gone.lower().encode() not in after
            assert b"Station 3B" not in after
            # The direct conversation and its keys are untouched.
            assert [m.body for m in jonas.messenger.history(texts_cid(jonas, other))] == [
                f"{other} privat"
            ]

    run(scenario())


def texts_cid(person: Person, marker: str) -> str:
    (hit,) = person.container.messages.search(marker)
    return hit.message.conversation_id


def test_retention_in_a_headless_client_with_the_clock_moved(make_ward: Any) -> None:
    """Retention deletes old messages with their files and index terms, and the Megolm
    sessions unused for longer than the retention, by the session's clock."""
    old, new = "ALTMARKERQX", "NEUMARKERZW"

    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person("weber.anna")
            jonas = await w.person("mueller.jonas")
            cid = await anna.messenger.create_group("Station 3B", ["mueller.jonas"])
            anna.session.clock = lambda: utc_now() - timedelta(days=100)
            await anna.messenger.send_text(cid, f"{old} Laborwert")
            anna.session.clock = utc_now
            await anna.messenger.send_text(cid, f"{new} Visite")
            assert texts(await jonas.messenger.sync()) == [f"{old} Laborwert", f"{new} Visite"]
            sessions = megolm_rows(jonas)
            assert sessions >= 2

            # Today: the 100-day-old message goes; its session was used today and stays.
            report = deletion.apply_retention(jonas.session, 90)
            assert report is not None and report.messages == 1 and report.sessions == 0
            assert megolm_rows(jonas) == sessions
            after = pages(jonas)
            assert new.lower().encode() in after  # control
            assert old.encode() not in after and old.lower().encode() not in after

            # 91 days later: the last message and every session unused since go too.
            jonas.session.clock = lambda: utc_now() + timedelta(days=91)
            report = deletion.apply_retention(jonas.session, 90)
            assert report is not None and report.messages >= 1 and report.sessions >= 2
            assert megolm_rows(jonas) == 0
            assert jonas.session.inbound.sessions_of(cid) == []
            assert new.lower().encode() not in pages(jonas)
            assert deletion.apply_retention(jonas.session, None) is None  # 0/None: kept

            # The conversation still works: the sender's next session reaches Jonas.
            anna.session.clock = lambda: utc_now() + timedelta(days=91)
            await anna.messenger.send_text(cid, "Weiter geht's")
            assert texts(await jonas.messenger.sync()) == ["Weiter geht's"]

    run(scenario())


def test_cli_deletes_a_message_and_a_conversation_and_applies_retention_on_unlock(
    make_ward: Any,
) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person("weber.anna")
            jonas = await w.person("mueller.jonas")
            await jonas.session.close()  # from here on Jonas uses the CLI
            jonas.container.close()
            del w.people["mueller.jonas"]
            anna.session.clock = lambda: utc_now() - timedelta(days=100)
            await anna.messenger.send_text("mueller.jonas", "ALTMARKERQX Laborwert")
            anna.session.clock = utc_now
            await anna.messenger.send_text("mueller.jonas", "erste Nachricht")
            await anna.messenger.send_text("mueller.jonas", "zweite Nachricht")

            async def cli(*args: str) -> subprocess.CompletedProcess[str]:
                relay = f"127.0.0.1:{w.relay.port}"
                command = ("client", "--profile", str(jonas.profile), "--relay", relay, *args)
                return await asyncio.to_thread(wardlink, *command, passphrase=PASSPHRASE)

            synced = await cli("sync", "--json")
            assert synced.returncode == 0, synced.stderr
            got = [json.loads(line) for line in synced.stdout.splitlines()]
            assert len(got) == 3
            cid = got[1]["conversation"]
            done = await cli("delete", got[1]["id"])
            assert done.returncode == 0, done.stderr
            history = await cli("history", cid, "--json")
            # The 100-day-old message went at this unlock (90 days by default).
            assert [json.loads(line)["text"] for line in history.stdout.splitlines()] == [
                "zweite Nachricht"
            ]
            again = await cli("delete", got[1]["id"])
            assert again.returncode != 0 and "No message" in again.stderr
            done = await cli("conversation", "delete", cid)
            assert done.returncode == 0 and "deleted conversation" in done.stdout, done.stderr
            assert (await cli("history", cid)).returncode != 0
            with Container.open(jonas.profile, PASSPHRASE) as container:
                assert container.messages.count() == 0
                assert container.conversations.get(ConversationId(cid)) is None
            key = Container.unlock_key(jonas.profile, PASSPHRASE)
            plain = decrypted_db(jonas.profile / DB_NAME, bytes(key))
            assert b"Nachricht" not in plain and b"nachricht" not in plain
            assert b"altmarkerqx" not in plain

    run(scenario())
