"""Replies, reactions, edits and delete-for-everyone between three people, real relay.

Deletion is checked like the purge tests: the receiver's pages are decrypted with the
container key and searched for the text, its folded index terms and the file's bytes.
"""

from __future__ import annotations

import asyncio
import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import msgspec
import pytest

from desktop_app.domain.ids import MessageId
from desktop_app.domain.model import MessageKind
from desktop_app.protocol import Deliver
from desktop_app.protocol import content as wire
from desktop_app.services.message_events import EventRefused, quoted
from desktop_app.storage.timeutil import utc_now
from tests.services.conftest import Person
from tests.services.modified_client import sneak
from tests.services.test_deletion import pages


def run(coro: Any) -> Any:
    return asyncio.run(coro)


async def group_of_three(w: Any) -> tuple[Person, Person, Person, str]:
    anna = await w.person("weber.anna")
    jonas = await w.person("mueller.jonas")
    mia = await w.person("yilmaz.mia")
    cid = await anna.messenger.create_group("Station 3B", ["mueller.jonas", "yilmaz.mia"])
    return anna, jonas, mia, cid


async def group_of_three_joined(w: Any) -> tuple[Person, Person, Person, str]:
    """``group_of_three`` once Jonas and Mia have its state (they hold what names it)."""
    anna, jonas, mia, cid = await group_of_three(w)
    await jonas.messenger.sync()
    await mia.messenger.sync()
    return anna, jonas, mia, cid


def test_reply_react_edit_and_delete_for_everyone(make_ward: Any, tmp_path: Path) -> None:
    gone = "LOESCHMARKERQX"
    body = f"Befund {gone} ".encode() * 300 + os.urandom(1000)
    source = tmp_path / "befund.txt"
    source.write_bytes(body)

    async def scenario() -> None:
        async with make_ward() as w:
            anna, jonas, mia, cid = await group_of_three(w)
            first = await anna.messenger.send_text(cid, "Zimmer 12: Troponin um 20 Uhr")
            doomed = await anna.messenger.send_file(cid, source, f"Bitte {gone} ansehen")
            await jonas.messenger.sync()
            await mia.messenger.sync()
            reply = await jonas.messenger.send_text(cid, "Mache ich", reply_to=first.message_id)
            quote = await jonas.messenger.send_text(cid, "Gesehen", reply_to=doomed.message_id)
            await mia.messenger.events.react(first.message_id, "👍")
            await mia.messenger.events.react(first.message_id, "❤️")  # changed
            await jonas.messenger.events.react(first.message_id, "✅")
            await jonas.messenger.events.react(first.message_id, None)  # removed
            await jonas.messenger.events.react(doomed.message_id, "😮")
            anna.messenger.incoming.changed = []  # drained, as the live client does
            for p in (anna, jonas, mia):
                await p.messenger.sync()
            assert first.message_id in anna.messenger.incoming.changed  # the GUI re-shows it
            for p in (anna, jonas, mia):
                got = p.container.messages.get(reply.message_id)
                assert got is not None and got.reply_to == first.message_id
                reactions = p.container.events.reactions(first.message_id)
                assert reactions == {"❤️": ["yilmaz.mia"]}, p.uid

            await anna.messenger.events.edit(first.message_id, "Zimmer 12: Troponin um 21 Uhr")
            await anna.messenger.events.edit(first.message_id, "Zimmer 14: Troponin um 21 Uhr")
            await jonas.messenger.sync()
            await mia.messenger.sync()
            for p in (anna, jonas, mia):
                edited = p.container.messages.get(first.message_id)
                assert edited is not None and edited.body == "Zimmer 14: Troponin um 21 Uhr"
                assert edited.edited_at is not None
                history = [v.text for v in p.container.events.versions(first.message_id)]
                assert history == [
                    "Zimmer 12: Troponin um 20 Uhr",
                    "Zimmer 12: Troponin um 21 Uhr",
                    "Zimmer 14: Troponin um 21 Uhr",
                ]
                assert [h.message.message_id for h in p.container.messages.search("Zimmer 14")]
                assert p.container.messages.search("Uhr 20") == []  # the index follows

            before = pages(mia)
            assert gone.encode() in before and gone.lower().encode() in before  # control
            assert len(mia.container.blobs.names()) == 1
            await anna.messenger.events.delete_for_everyone(doomed.message_id)
            await jonas.messenger.sync()
            await mia.messenger.sync()
            for p in (anna, jonas, mia):
                tomb = p.container.messages.get(doomed.message_id)
                assert tomb is not None and tomb.deleted_at is not None
                assert tomb.kind is MessageKind.SYSTEM and gone not in tomb.body
                assert p.container.attachments.for_message(doomed.message_id) == []
                assert p.container.events.reactions(doomed.message_id) == {}
                assert p.container.messages.search(gone) == []
                still = p.container.messages.get(quote.message_id)  # the reply stays
                assert still is not None and still.reply_to == doomed.message_id
            assert mia.container.blobs.names() == set()
            after = pages(mia)
            assert b"Zimmer 14" in after  # control: the reader works
            assert gone.encode() not in after and gone.lower().encode() not in after
            assert body[:64] not in after

    run(scenario())


def test_edit_and_delete_that_arrive_before_their_message_are_held(make_ward: Any) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            anna, _jonas, mia, cid = await group_of_three(w)
            await anna.messenger.send_text(cid, "Guten Morgen")
            await mia.messenger.sync()  # Mia has the room key: only the order matters below
            await mia.session.close()  # Mia's PC is off while Anna writes, edits, deletes
            kept = await anna.messenger.send_text(cid, "Visite um 9")
            doomed = await anna.messenger.send_text(cid, "HALTEMARKERQX falsch")
            await anna.messenger.events.edit(kept.message_id, "Visite um 10")
            await anna.messenger.events.delete_for_everyone(doomed.message_id)
            await mia.connect(w.relay.port)
            frames: list[Deliver] = []
            link = mia.session.require_link()
            while True:  # what the relay delivers, handled in the reverse order
                try:
                    frame = await asyncio.wait_for(link.incoming.get(), 5)
                except TimeoutError:
                    break
                if isinstance(frame, Deliver):
                    frames.append(frame)
            assert len(frames) >= 4
            most_held = 0
            for frame in reversed(frames):
                await mia.messenger.incoming.handle(frame)
                most_held = max(most_held, mia.container.events.held_count())
            assert most_held == 2  # the edit and the deletion waited for their messages
            got = mia.container.messages.get(kept.message_id)
            assert got is not None and got.body == "Visite um 10"
            tomb = mia.container.messages.get(doomed.message_id)
            assert tomb is not None and tomb.deleted_at is not None
            assert mia.container.messages.search("HALTEMARKERQX") == []
            assert mia.container.events.held_count() == 0

    run(scenario())


def test_edit_delete_by_someone_else_or_from_another_conversation_refused(
    make_ward: Any,
) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            anna, jonas, mia, cid = await group_of_three(w)
            target = await anna.messenger.send_text(cid, "Heparin 5000 IE")
            await jonas.messenger.sync()
            own = await jonas.messenger.send_text(cid, "Jonas im Dienst")
            await mia.messenger.sync()
            now = int(utc_now().timestamp() * 1000)
            # Jonas's modified client: edit and delete Anna's message ...
            await sneak(jonas, cid, wire.Edit(1, target.message_id, "e1", "Heparin 50000 IE", now))
            await sneak(jonas, cid, wire.Delete(1, target.message_id, now))
            # ... and delete/react to a message of the group from his 1:1 with Mia.
            direct = await jonas.messenger.send_text("yilmaz.mia", "privat")
            await sneak(jonas, direct.conversation_id, wire.Delete(1, own.message_id, now))
            react = wire.Reaction(1, target.message_id, "👍", now)
            await sneak(jonas, direct.conversation_id, react)
            # ... and "quote" the group's message in the 1:1, as if it had been said there.
            fake = wire.ChatMessage(
                1, "fake-quote-1", now, "siehe oben", reply_to=target.message_id
            )
            await sneak(jonas, direct.conversation_id, fake)
            await mia.messenger.sync()
            got = mia.container.messages.get(target.message_id)
            assert got is not None and got.body == "Heparin 5000 IE"
            assert got.deleted_at is None and got.edited_at is None
            assert mia.container.events.versions(target.message_id) == []
            assert mia.container.events.reactions(target.message_id) == {}
            still = mia.container.messages.get(own.message_id)
            assert still is not None and still.deleted_at is None
            assert mia.container.events.held_count() == 0
            reply = mia.container.messages.get(MessageId("fake-quote-1"))
            assert reply is not None and reply.reply_to == target.message_id
            assert quoted(mia.container, reply) is None

    run(scenario())


def test_deletion_refused_after_the_retention_window(make_ward: Any) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            anna, _jonas, mia, cid = await group_of_three(w)
            anna.session.clock = lambda: utc_now() - timedelta(days=10)
            old = await anna.messenger.send_text(cid, "alte Anordnung")
            older = await anna.messenger.send_text(cid, "noch eine")
            anna.session.clock = utc_now
            await mia.messenger.sync()
            mia.messenger.events.retention_days = 7
            # Anna's client (policy 90 days) sends it; Mia's (7 days) refuses it.
            await anna.messenger.events.delete_for_everyone(old.message_id)
            anna.messenger.events.retention_days = 7
            with pytest.raises(EventRefused, match="retention"):
                await anna.messenger.events.delete_for_everyone(older.message_id)
            await mia.messenger.sync()
            got = mia.container.messages.get(old.message_id)
            assert got is not None and got.deleted_at is None and got.body == "alte Anordnung"

    run(scenario())


class Poll(msgspec.Struct, frozen=True, tag_field="t", tag="poll"):
    v: int
    question: str


def test_content_from_a_newer_client_says_it_needs_a_newer_wardlink(make_ward: Any) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            anna, _jonas, mia, cid = await group_of_three(w)
            await sneak(anna, cid, Poll(1, "Pizza?"))
            await mia.messenger.sync()
            lines = [
                m.body
                for m in mia.messenger.history(cid)
                if m.kind is MessageKind.SYSTEM and "needs_newer" in m.body
            ]
            assert len(lines) == 1

    run(scenario())
