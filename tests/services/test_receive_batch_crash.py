"""A receiver killed while it takes in a batch of envelopes loses nothing and shows
nothing twice (services/incoming_batch.py: one transaction per batch, the relay's
acknowledgement only after it is durable).

The receiver runs in a child process that dies with ``os._exit`` (like kill -9) in the
middle of a batch's transaction, or between its commit and the acknowledgement;
then it starts again from its container on disk and takes in the rest through the real
relay: every message exactly once.
"""

from __future__ import annotations

import asyncio
import os
import sys
from collections import Counter
from typing import Any

import pytest

from desktop_app.domain.model import MessageKind
from desktop_app.services.messenger import Messenger
from desktop_app.services.session import ClientSession
from desktop_app.storage.container import Container
from tests.conftest import PASSPHRASE
from tests.services.receive_kill_child import KILLED

MESSAGES = 40
CHILD_TIMEOUT_S = 60.0


def bodies(container: Container, cid: str) -> Counter[str]:
    rows = container.messages.page(cid, limit=500).messages  # type: ignore[arg-type]
    return Counter(m.body for m in rows if m.kind is MessageKind.TEXT)


@pytest.mark.parametrize("mode", ["mid_batch", "before_ack"])
def test_receiver_killed_in_a_batch_gets_every_message_once(make_ward: Any, mode: str) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person("weber.anna")
            jonas = await w.person("mueller.jonas")
            first = await anna.messenger.send_text("mueller.jonas", "m-00")
            cid = first.conversation_id
            for i in range(1, MESSAGES):
                await anna.messenger.send_text(cid, f"m-{i:02d}")
            wanted = Counter(f"m-{i:02d}" for i in range(MESSAGES))
            # Jonas's PC goes away; the child takes his container and is killed.
            await jonas.session.close()
            jonas.container.close()
            env = {**os.environ, "PYTHONPATH": os.environ.get("PYTHONPATH", os.getcwd())}
            child = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "tests.services.receive_kill_child",
                str(jonas.profile),
                str(w.relay.port),
                mode,
                env=env,
            )
            assert await asyncio.wait_for(child.wait(), CHILD_TIMEOUT_S) == KILLED
            with Container.open(jonas.profile, PASSPHRASE) as after_kill:
                stored = bodies(after_kill, cid)
            assert max(stored.values(), default=0) <= 1
            if mode == "before_ack":
                assert stored, "the batch was committed before the kill"
            assert sum(stored.values()) < MESSAGES or mode == "before_ack"
            # Restart: the relay still holds whatever was not acknowledged.
            container = Container.open(jonas.profile, PASSPHRASE)
            session = ClientSession(container)
            try:
                await session.connect(("127.0.0.1", w.relay.port))
                messenger = Messenger(session)
                got = Counter(m.body for m in await messenger.sync())
                assert not set(got) & set(stored), "shown again after the restart"
                assert bodies(container, cid) == wanted
                assert await messenger.sync() == []  # all acknowledged now
            finally:
                await session.close()
                container.close()

    asyncio.run(scenario())
