"""The GUI's live client against a real relay: receive loop, events, receipts, urgent acks."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

from desktop_app.domain.model import MessageState
from desktop_app.domain.system_lines import english
from desktop_app.relay.data_dir import RelayDataDir
from desktop_app.services import incoming_batch
from desktop_app.services.live_client import LiveClient
from desktop_app.services.live_views import (
    EVENT_CONNECTION,
    EVENT_MESSAGES,
    EVENT_URGENT,
    ConnectionStatus,
    Link,
    MessageRow,
)
from desktop_app.services.policy import Policy
from desktop_app.storage.sql_receipts import ReceiptKind


class Events:
    def __init__(self) -> None:
        self.seen: list[tuple[str, object]] = []
        self.changed = asyncio.Event()

    def __call__(self, name: str, payload: object) -> None:
        self.seen.append((name, payload))
        self.changed.set()

    def rows(self) -> list[MessageRow]:
        return [r for n, p in self.seen if n == EVENT_MESSAGES for r in p]  # type: ignore[attr-defined]

    async def wait_for(self, check: Any, timeout: float = 10.0) -> Any:
        async def loop() -> Any:
            while True:
                found = check(self)
                if found:
                    return found
                self.changed.clear()
                await self.changed.wait()

        return await asyncio.wait_for(loop(), timeout)


async def live(person: Any, port: int, *, receipts: bool = False) -> tuple[LiveClient, Events]:
    await person.session.close()  # the fixture connected a CLI session; the GUI has its own
    events = Events()
    client = LiveClient(
        person.container,
        events,
        relay=f"127.0.0.1:{port}",
        rules=Policy(receipts=True) if receipts else None,
    )
    await client.start()
    await events.wait_for(
        lambda e: any(
            n == EVENT_CONNECTION and isinstance(p, ConnectionStatus) and p.link is Link.CONNECTED
            for n, p in e.seen
        )
    )
    return client, events


def test_messages_arrive_as_events_and_receipts_move_delivery_state(make_ward: Any) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person("weber.anna")
            jonas = await w.person("mueller.jonas")
            a, a_events = await live(anna, w.relay.port, receipts=True)
            j, j_events = await live(jonas, w.relay.port, receipts=True)
            try:
                cid = await a.start_direct("mueller.jonas")
                sent = await a.send_text(cid, "Visite um 9 Uhr?")
                got = await j_events.wait_for(
                    lambda e: [r for r in e.rows() if r.message.body == "Visite um 9 Uhr?"]
                )
                assert got[0].sender_name == "weber.anna" and got[0].mine is False
                assert got[0].message.state is MessageState.RECEIVED
                # Jonas's client sent 'delivered' on its own; reading sends 'read'.
                await a_events.wait_for(
                    lambda e: any(
                        r.message_id == sent.message_id
                        and r.message.state is MessageState.DELIVERED
                        for r in e.rows()
                    )
                )
                await j.mark_read(cid)
                await a_events.wait_for(
                    lambda e: any(
                        r.message_id == sent.message_id and r.message.state is MessageState.READ
                        for r in e.rows()
                    )
                )
                conversations = j.conversations()
                assert [c.preview for c in conversations] == ["Visite um 9 Uhr?"]
                assert conversations[0].unread == 0
            finally:
                await a.stop()
                await j.stop()

    asyncio.run(scenario())


def test_urgent_message_is_acknowledged_and_the_sender_sees_who(make_ward: Any) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person("weber.anna")
            jonas = await w.person("mueller.jonas")
            a, a_events = await live(anna, w.relay.port)  # receipts off: acks still go
            j, j_events = await live(jonas, w.relay.port)
            try:
                cid = await a.start_direct("mueller.jonas")
                sent = await a.send_text(cid, "Bitte sofort Zimmer 12", urgent=True)
                alarm = await j_events.wait_for(
                    lambda e: [p for n, p in e.seen if n == EVENT_URGENT]
                )
                assert alarm[0].needs_my_ack and alarm[0].message.urgent
                assert [r.message_id for r in j.waiting_urgent()] == [sent.message_id]
                row = await j.acknowledge(sent.message_id)
                assert row is not None and not row.needs_my_ack
                assert j.waiting_urgent() == []
                acked = await a_events.wait_for(
                    lambda e: [
                        r for r in e.rows() if r.message_id == sent.message_id and r.acknowledged_by
                    ]
                )
                assert [ack.name for ack in acked[0].acknowledged_by] == ["mueller.jonas"]
                kinds = {r.kind for r in acked[0].receipts}
                assert kinds == {ReceiptKind.ACKNOWLEDGED}  # no delivered/read with receipts off
            finally:
                await a.stop()
                await j.stop()

    asyncio.run(scenario())


def test_offline_send_is_queued_and_goes_out_on_connect(make_ward: Any) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person("weber.anna")
            jonas = await w.person("mueller.jonas")
            cid = (await anna.messenger.send_text("mueller.jonas", "Hallo")).conversation_id
            await anna.session.close()
            events = Events()
            a = LiveClient(anna.container, events, relay="127.0.0.1:1")  # nothing listens
            await a.start()
            try:
                row = await a.send_text(cid, "Später lesen")
                assert row.message.state is MessageState.QUEUED
                status = await events.wait_for(
                    lambda e: [
                        p
                        for n, p in e.seen
                        if n == EVENT_CONNECTION and p.queued >= 1 and p.problem  # type: ignore[attr-defined]
                    ]
                )
                assert status[-1].link is not Link.CONNECTED
            finally:
                await a.stop()
            a2, _ = await live(anna, w.relay.port)
            try:
                got = await jonas.messenger.sync(wait_s=3)
                assert "Später lesen" in [m.body for m in got]
            finally:
                await a2.stop()

    asyncio.run(scenario())


def test_a_new_device_shows_in_the_conversation_while_nobody_writes(make_ward: Any) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person("weber.anna")
            await w.person("mueller.jonas")
            sent = await anna.messenger.send_text("mueller.jonas", "Guten Morgen")
            await anna.session.close()
            events = Events()
            client = LiveClient(anna.container, events, relay=f"127.0.0.1:{w.relay.port}")
            client.device_watch_s = 0.2
            await client.start()
            try:
                await w.person("mueller.jonas", "-laptop")  # nobody writes after this

                def line(_: Events) -> bool:
                    return "mueller.jonas has a new device." in [
                        english(m.body) for m in anna.messenger.history(sent.conversation_id)
                    ]

                await events.wait_for(line)
            finally:
                await client.stop()

    asyncio.run(scenario())


def test_an_unrenewed_certificate_is_posted_with_the_connection(make_ward: Any) -> None:
    """A PC whose clock runs 23.5 months ahead asks for renewal too early by the relay's
    clock; the relay refuses, and the status the GUI gets carries the session's warning."""

    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person("weber.anna")
            await anna.session.close()
            events = Events()
            ahead = timedelta(days=717)
            client = LiveClient(
                anna.container,
                events,
                relay=f"127.0.0.1:{w.relay.port}",
                clock=lambda: datetime.now(UTC) + ahead,
            )
            await client.start()
            try:
                status = await events.wait_for(
                    lambda e: [
                        p
                        for n, p in e.seen
                        if n == EVENT_CONNECTION
                        and isinstance(p, ConnectionStatus)
                        and p.link is Link.CONNECTED
                    ]
                )
                warning = client.session.certificate_warning
                assert warning is not None and "could not be renewed" in warning
                assert status[0].certificate_warning == warning
                # the date itself, for the GUI to word in its language
                assert status[0].certificate_expires == client.session.certificate_expires
                assert status[0].certificate_expires is not None
                assert not status[0].certificate_expired
                assert client.status().certificate_warning == warning
            finally:
                await client.stop()

    asyncio.run(scenario())


def test_messages_that_come_together_are_shown_at_once_and_share_one_acknowledgement(
    make_ward: Any, monkeypatch: Any
) -> None:
    """The receive loop tells the GUI as soon as its queue runs empty, but waits
    ``ACK_LINGER_S`` for more before it acknowledges (here stretched to 3 s, so the
    order does not depend on this machine's speed): three texts sent a moment apart
    are each shown while the relay still holds them, then acknowledged in one frame."""
    monkeypatch.setattr(incoming_batch, "ACK_LINGER_S", 3.0)

    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person("weber.anna")
            jonas = await w.person("mueller.jonas")
            cid = await anna.messenger.open_conversation("mueller.jonas")
            device = jonas.session.device_id
            store = RelayDataDir(w.relay.root).open_store()
            j, j_events = await live(jonas, w.relay.port)
            acks: list[list[tuple[str, str]]] = []
            acknowledge = j.messenger.incoming.acknowledge

            async def counted(handled: list[tuple[str, str]]) -> None:
                acks.append(list(handled))
                await acknowledge(handled)

            j.messenger.incoming.acknowledge = counted  # type: ignore[method-assign]
            try:
                for text in ("Bett 4: Fieber", "Bett 5: Schmerzen", "Bett 6: entlassen"):
                    await anna.messenger.send_text(cid, text)
                    await j_events.wait_for(
                        lambda e, t=text: [r for r in e.rows() if r.message.body == t]
                    )
                    assert acks == []  # shown, and the relay still holds it
                held = store.pending_count(device)  # the three, and the conversation's key
                assert held >= 3
                for _ in range(100):  # the relay deletes once the acknowledgement is in
                    if acks and store.pending_count(device) == 0:
                        break
                    await asyncio.sleep(0.1)
                assert len(acks) == 1 and len(acks[0]) == held
                assert store.pending_count(device) == 0
            finally:
                await j.stop()
                store.close()

    asyncio.run(scenario())
