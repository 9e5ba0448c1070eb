"""The whole encrypted path: three people, a real relay, 1:1, groups, attachments."""

from __future__ import annotations

import asyncio
import hashlib
import os
from pathlib import Path
from typing import Any

from desktop_app.domain.model import MessageKind, MessageState
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
