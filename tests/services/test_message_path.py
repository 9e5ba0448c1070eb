"""The whole encrypted path: three people, a real relay, 1:1, groups, attachments."""

from __future__ import annotations

import asyncio
import hashlib
import os
from pathlib import Path
from typing import Any

import pytest

from desktop_app.domain.model import MessageKind, MessageState
from desktop_app.domain.system_lines import english
from desktop_app.protocol import BlobDownload
from desktop_app.services.errors import RelayRefused
from tests.services.conftest import texts


def run(coro: Any) -> Any:
    return asyncio.run(coro)


def test_one_to_one_both_ways(make_ward: Any) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person("weber.anna")
            jonas = await w.person("mueller.jonas")
            sent = await anna.messenger.send_text("mueller.jonas", "Visite um 9 Uhr?")
            assert sent.state is MessageState.SENT
            got = await jonas.messenger.sync()
            assert texts(got) == ["Visite um 9 Uhr?"]
            assert got[0].sender_uid == "weber.anna"
            assert got[0].conversation_id == sent.conversation_id
            await jonas.messenger.send_text("weber.anna", "Ja, passt.", urgent=True)
            back = await anna.messenger.sync()
            assert texts(back) == ["Ja, passt."] and back[0].urgent
            history = anna.messenger.history(sent.conversation_id)
            assert [m.body for m in history if m.kind is MessageKind.TEXT] == [
                "Visite um 9 Uhr?",
                "Ja, passt.",
            ]
            assert await jonas.messenger.sync() == []  # nothing twice

    run(scenario())


def test_group_of_three_and_removal(make_ward: Any) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person("weber.anna")
            jonas = await w.person("mueller.jonas")
            mia = await w.person("yilmaz.mia")
            cid = await anna.messenger.create_group("Station 3B", ["mueller.jonas", "yilmaz.mia"])
            await anna.messenger.send_text(cid, "Übergabe 7:30")
            for person in (jonas, mia):
                assert texts(await person.messenger.sync()) == ["Übergabe 7:30"]
                state = person.container.conversations.state(cid)
                assert state is not None and state.title == "Station 3B"
                assert set(state.members) == {"weber.anna", "mueller.jonas", "yilmaz.mia"}
                assert state.admins == ("weber.anna",)
            await mia.messenger.send_text(cid, "Bin da")
            assert texts(await anna.messenger.sync()) == ["Bin da"]
            assert texts(await jonas.messenger.sync()) == ["Bin da"]

            old_session = anna.session.outbound.session_id(cid)
            assert old_session is not None and mia.session.inbound.has_session(old_session)
            await anna.messenger.remove_member(cid, "yilmaz.mia")
            await anna.messenger.send_text(cid, "Nur noch für Jonas")
            new_session = anna.session.outbound.session_id(cid)
            assert new_session is not None and new_session != old_session  # rotated
            assert texts(await jonas.messenger.sync()) == ["Nur noch für Jonas"]
            assert await mia.messenger.sync() == []  # no key for the new session
            mia_lines = [english(m.body) for m in mia.messenger.history(cid)]
            assert "Nur noch für Jonas" not in mia_lines
            assert "weber.anna removed you from the group." in mia_lines
            # Mia's devices got neither the new room key nor even the ciphertext.
            assert not mia.session.inbound.has_session(new_session)
            assert jonas.session.inbound.has_session(new_session)
            assert mia.container.inbox.held_count() == 0
            jonas_lines = [english(m.body) for m in jonas.messenger.history(cid)]
            assert "weber.anna removed yilmaz.mia." in jonas_lines

    run(scenario())


def test_attachment_round_trip(make_ward: Any, tmp_path: Path) -> None:
    data = os.urandom(20 * 1024 * 1024)
    source = tmp_path / "roentgen-thorax.dcm"
    source.write_bytes(data)

    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person("weber.anna")
            jonas = await w.person("mueller.jonas")
            await anna.messenger.send_file("mueller.jonas", source, "Bitte ansehen")
            (got,) = await jonas.messenger.sync()
            (att,) = jonas.container.attachments.for_message(got.message_id)
            assert (att.file_name, att.size, att.mime_type) == (
                "roentgen-thorax.dcm",
                len(data),
                "application/dicom",
            )
            out = tmp_path / "export.dcm"
            jonas.container.attachments.export(att.attachment_id, out)
            assert hashlib.sha256(out.read_bytes()).digest() == hashlib.sha256(data).digest()
            # A colleague who was not addressed cannot fetch it, even knowing its blob id.
            mia = await w.person("kern.mia")
            _, blob_id = jonas.container.attachments.stored_body(att.attachment_id)
            assert blob_id is not None
            link = mia.session.require_link()
            req_id = link.ids.next()
            await link.send(BlobDownload(req_id, blob_id, 0))
            with pytest.raises(RelayRefused) as refused:
                async for _chunk in link.chunks(req_id):
                    pass
            assert refused.value.code == "not_found"

    run(scenario())


def test_offline_sender_queues_and_offline_recipient_catches_up(make_ward: Any) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person("weber.anna")
            jonas = await w.person("mueller.jonas")
            first = await anna.messenger.send_text("mueller.jonas", "Hallo")
            await jonas.session.close()  # Jonas goes offline
            await anna.session.close()  # and so does Anna
            queued = await anna.messenger.send_text(first.conversation_id, "Offline geschrieben")
            assert queued.state is MessageState.QUEUED
            assert anna.container.messages.get(queued.message_id).state is MessageState.QUEUED
            await anna.messenger.connect(("127.0.0.1", w.relay.port))
            assert anna.container.messages.get(queued.message_id).state is MessageState.SENT
            await anna.messenger.send_text(first.conversation_id, "Noch eine")
            await jonas.messenger.connect(("127.0.0.1", w.relay.port))
            got = await jonas.messenger.sync()
            assert texts(got) == ["Hallo", "Offline geschrieben", "Noch eine"]

    run(scenario())


def test_new_device_is_announced_and_gets_new_messages(make_ward: Any) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person("weber.anna")
            jonas_pc = await w.person("mueller.jonas", "-pc")
            first = await anna.messenger.send_text("mueller.jonas", "Vor dem Laptop")
            laptop = await w.person("mueller.jonas", "-laptop")
            anna.session.peers.max_age_s = 0  # instead of waiting for the list to age
            await anna.messenger.send_text(first.conversation_id, "Nach dem Laptop")
            lines = [english(m.body) for m in anna.messenger.history(first.conversation_id)]
            assert "mueller.jonas has a new device." in lines
            assert texts(await laptop.messenger.sync()) == ["Nach dem Laptop"]
            # The laptop knows which conversation it is: announced with the new room key.
            state = laptop.container.conversations.state(first.conversation_id)
            assert state is not None and set(state.members) == {"weber.anna", "mueller.jonas"}
            assert texts(await jonas_pc.messenger.sync()) == ["Vor dem Laptop", "Nach dem Laptop"]

    run(scenario())
