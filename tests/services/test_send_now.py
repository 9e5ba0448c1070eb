"""A text sent while connected: one commit for message and envelope, nothing lost.

services/send_now.py stores the new message inside the commit of its envelope. These
tests hold it to what the general path promised: the message is stored whatever fails
(QUEUED and sent on the next connect, or FAILED when nobody can receive it), and older
QUEUED messages still leave first. A real relay on 127.0.0.1, real containers.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from desktop_app.domain.model import MessageKind, MessageState
from desktop_app.services.errors import RelayUnavailable, UnknownRecipient
from tests.services.conftest import texts


def run(coro: Any) -> Any:
    return asyncio.run(coro)


def commits_during(person: Any) -> list[str]:
    """Every COMMIT the person's container runs from now on (SQLite's trace hook)."""
    seen: list[str] = []
    person.container.database.raw.set_trace_callback(
        lambda sql: seen.append(sql) if sql == "COMMIT" else None
    )
    return seen


def test_a_text_is_stored_with_its_envelope_in_one_commit(make_ward: Any) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person("weber.anna")
            jonas = await w.person("mueller.jonas")
            first = await anna.messenger.send_text("mueller.jonas", "Visite um 9 Uhr?")
            commits = commits_during(anna)
            sent = await anna.messenger.send_text(first.conversation_id, "Zimmer 12 zuerst")
            anna.container.database.raw.set_trace_callback(None)
            assert sent.state is MessageState.SENT
            # message + ratchet step + envelope in one, then the relay's acceptance
            # (the general path committed the message on its own first: three)
            assert len(commits) == 2
            got = await jonas.messenger.sync()
            assert texts(got) == ["Visite um 9 Uhr?", "Zimmer 12 zuerst"]

    run(scenario())


def test_a_text_whose_device_check_loses_the_relay_stays_queued_and_goes_later(
    make_ward: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person("weber.anna")
            jonas = await w.person("mueller.jonas")
            first = await anna.messenger.send_text("mueller.jonas", "Visite um 9 Uhr?")
            anna.session.peers.forget_fetch_times()  # the next send asks for devices first

            async def relay_gone(*_args: Any) -> None:
                raise RelayUnavailable("The connection to the relay was lost.")

            with monkeypatch.context() as patch:
                patch.setattr(anna.session.peers, "refresh", relay_gone)
                kept = await anna.messenger.send_text(first.conversation_id, "Bett 4 nüchtern")
            assert kept.state is MessageState.QUEUED
            stored = anna.container.messages.get(kept.message_id)
            assert stored is not None and stored.state is MessageState.QUEUED
            assert anna.session.link is None  # as any lost link: offline until reconnect
            await anna.messenger.connect(("127.0.0.1", w.relay.port))
            after = anna.container.messages.get(kept.message_id)
            assert after is not None and after.state is MessageState.SENT
            assert texts(await jonas.messenger.sync()) == ["Visite um 9 Uhr?", "Bett 4 nüchtern"]

    run(scenario())


def test_a_text_nobody_can_receive_is_kept_as_failed(
    make_ward: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person("weber.anna")
            await w.person("mueller.jonas")
            first = await anna.messenger.send_text("mueller.jonas", "Visite um 9 Uhr?")
            monkeypatch.setattr(anna.session.peers, "live_devices", lambda _uids: [])
            with pytest.raises(UnknownRecipient, match="kept here, marked as not sent") as err:
                await anna.messenger.send_text(first.conversation_id, "Niemand liest das")
            assert err.value.key == "nobody_can_receive"  # the GUI's words stay its own
            history = anna.messenger.history(first.conversation_id)
            last = [m for m in history if m.kind is MessageKind.TEXT][-1]
            assert (last.body, last.state) == ("Niemand liest das", MessageState.FAILED)

    run(scenario())


def test_texts_written_before_still_leave_first(make_ward: Any) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person("weber.anna")
            jonas = await w.person("mueller.jonas")
            first = await anna.messenger.send_text("mueller.jonas", "eins")
            cid = first.conversation_id
            await anna.messenger.send_text(cid, "zwei", deliver=False)
            await anna.messenger.send_text(cid, "drei", deliver=False)
            last = await anna.messenger.send_text(cid, "vier")
            assert last.state is MessageState.SENT
            assert anna.container.messages.queued_from(anna.uid) == []
            assert texts(await jonas.messenger.sync()) == ["eins", "zwei", "drei", "vier"]

    run(scenario())
