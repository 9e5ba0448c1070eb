"""One-time keys are topped up during a session, not only at login (issue 16, finding 7)."""

from __future__ import annotations

import asyncio
from typing import Any

from desktop_app.services.session import ONE_TIME_KEY_TARGET, REPLENISH_AT


def test_a_drained_stock_is_replenished_after_new_sessions_arrive(make_ward: Any) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person("weber.anna")
            jonas = await w.person("mueller.jonas")
            store = w.relay.runner.ctx.store
            device = jonas.session.device_id

            def stock() -> int:
                return int(store.publish_keys(device, [], None))

            assert stock() == ONE_TIME_KEY_TARGET
            # Colleagues open sessions to Jonas (claims counted by the relay's store).
            while stock() > REPLENISH_AT + 1:
                store.claim_keys(device)
            await anna.messenger.send_text("mueller.jonas", "Visite 10 Uhr")  # claims one more
            assert stock() == REPLENISH_AT
            (got,) = await jonas.messenger.sync()
            assert got.body == "Visite 10 Uhr"
            assert stock() == ONE_TIME_KEY_TARGET  # topped up while still connected

    asyncio.run(scenario())
