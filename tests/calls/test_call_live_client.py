"""Calls on the GUI's live client: its receive loop carries the signals, events come out."""

from __future__ import annotations

import asyncio
from typing import Any

from desktop_app.domain.call_state import CallState
from desktop_app.services.call_media import CallMedia
from desktop_app.services.calls import CallEvent
from desktop_app.services.live_views import EVENT_CALL
from tests.services.test_live_client import Events, live


def calls(events: Events) -> list[CallEvent]:
    return [p for n, p in events.seen if n == EVENT_CALL]  # type: ignore[misc]


def test_live_clients_call_each_other_and_stopping_hangs_up(make_ward: Any) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            anna_p = await w.person("weber.anna")
            jonas_p = await w.person("mueller.jonas")
            anna, anna_events = await live(anna_p, w.relay.port)
            jonas, jonas_events = await live(jonas_p, w.relay.port)
            try:
                for client in (anna, jonas):  # what policy call_interfaces gives
                    assert client.calls.network.interfaces == ()
                    client.calls.network = type(client.calls.network)(("127.0.0.1",))
                call_id = await anna.calls.place("mueller.jonas", CallMedia())
                incoming = await jonas_events.wait_for(
                    lambda e: [c for c in calls(e) if c.kind == "incoming"]
                )
                assert incoming[0].call_id == call_id and incoming[0].peer == "weber.anna"
                accepting = asyncio.create_task(jonas.calls.accept(call_id, CallMedia()))
                assert await anna.calls.wait_answer(call_id, 15) is CallState.ACTIVE
                assert await accepting is CallState.ACTIVE
                await jonas.stop()  # e.g. "Lock": the call ends first
                ended = await anna_events.wait_for(
                    lambda e: [c for c in calls(e) if c.kind == "ended"]
                )
                assert ended[0].data["reason"] == "remote_hangup"
            finally:
                await anna.stop()
                await jonas.stop()

    asyncio.run(scenario())
