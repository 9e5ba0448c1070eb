"""A group with someone not yet enrolled: created with the others, they join on enrolling."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from desktop_app.domain.model import MessageKind
from desktop_app.services import pending_members
from desktop_app.services.errors import UnknownRecipient
from tests.services.conftest import texts


def run(coro: Any) -> Any:
    return asyncio.run(coro)


def _text_only(messages: list[Any]) -> list[str]:
    return texts([m for m in messages if m.kind is MessageKind.TEXT])


def test_group_with_a_person_not_yet_enrolled_is_created_and_they_join_later(
    make_ward: Any,
) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person("weber.anna")
            jonas = await w.person("mueller.jonas")
            cid = await anna.messenger.create_group("Station 3B", ["mueller.jonas", "yilmaz.mia"])
            state = anna.container.conversations.state(cid)
            assert state is not None and set(state.members) == {"weber.anna", "mueller.jonas"}
            assert pending_members.of(anna.container.settings, cid) == ("yilmaz.mia",)
            await anna.messenger.send_text(cid, "Vor Mia")
            assert _text_only(await jonas.messenger.sync()) == ["Vor Mia"]

            mia = await w.person("yilmaz.mia")  # IT enrolls her PC the next morning
            await anna.session.close()
            await anna.messenger.connect(("127.0.0.1", w.relay.port))  # the creator's next connect
            state = anna.container.conversations.state(cid)
            assert state is not None
            assert set(state.members) == {"weber.anna", "mueller.jonas", "yilmaz.mia"}
            assert pending_members.of(anna.container.settings, cid) == ()

            await anna.messenger.send_text(cid, "Willkommen, Mia")
            assert _text_only(await mia.messenger.sync()) == ["Willkommen, Mia"]  # not before
            mias = mia.container.conversations.state(cid)
            assert mias is not None and mias.admins == ("weber.anna",)
            assert _text_only(await jonas.messenger.sync()) == ["Willkommen, Mia"]

    run(scenario())


def test_adding_someone_without_device_keeps_them_pending_until_removed(make_ward: Any) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person("weber.anna")
            await w.person("mueller.jonas")
            cid = await anna.messenger.create_group("Nachtdienst", ["mueller.jonas"])
            assert await anna.messenger.add_member(cid, "neu.kollege") is False
            assert pending_members.of(anna.container.settings, cid) == ("neu.kollege",)
            assert await anna.messenger.add_pending_members() == []  # still no device
            await anna.messenger.remove_member(cid, "neu.kollege")
            assert pending_members.of(anna.container.settings, cid) == ()
            with pytest.raises(UnknownRecipient, match="Nobody you chose"):
                await anna.messenger.create_group("Leer", ["neu.kollege"])

    run(scenario())


def test_the_live_client_adds_a_pending_member_while_connected(make_ward: Any) -> None:
    from desktop_app.services.live_client import LiveClient
    from tests.services.test_live_client import Events

    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person("weber.anna")
            await w.person("mueller.jonas")
            cid = await anna.messenger.create_group("Station 3B", ["mueller.jonas", "yilmaz.mia"])
            await anna.session.close()
            events = Events()
            client = LiveClient(anna.container, events, relay=f"127.0.0.1:{w.relay.port}")
            client.device_watch_s = 0.2
            await client.start()
            try:
                mia = await w.person("yilmaz.mia")  # enrolled while Anna's app is open

                def joined(_: Events) -> bool:
                    state = anna.container.conversations.state(cid)
                    added = state is not None and "yilmaz.mia" in state.members
                    return added and not pending_members.of(anna.container.settings, cid)

                await events.wait_for(joined)
                await client.send_text(cid, "Hallo Mia")
                assert _text_only(await mia.messenger.sync()) == ["Hallo Mia"]
            finally:
                await client.stop()

    run(scenario())
