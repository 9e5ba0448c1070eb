"""A client killed at each step of store -> barrier -> ack receives every message once.

The receiving client runs in a child process (``kill_child``) against the real relay
and dies with ``os._exit`` (as abruptly as SIGKILL) right after the chosen step. After
a restart from the same container, every message is there exactly once and the relay's
mailbox for the device is empty.
"""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path
from typing import Any

import pytest

from desktop_app.services.messenger import Messenger
from desktop_app.services.session import ClientSession
from desktop_app.storage.container import Container
from tests.conftest import PASSPHRASE
from tests.faults.kill_child import KILLED, STEPS
from tests.faults.test_store_faults import mailbox

BODIES = [f"Befund {i}" for i in range(5)]
CHILD_TIMEOUT_S = 120


async def run_child(profile: Path, port: int, step: str) -> tuple[int, str]:
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.faults.kill_child",
        str(profile),
        str(port),
        step,
        env=env,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        _, err = await asyncio.wait_for(proc.communicate(), CHILD_TIMEOUT_S)
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
    assert proc.returncode is not None
    return proc.returncode, err.decode(errors="replace")


@pytest.mark.parametrize("step", STEPS)
def test_killed_at_each_step_every_message_once(make_ward: Any, step: str) -> None:
    async def scenario() -> None:
        async with make_ward() as ward:
            anna = await ward.person("weber.anna")
            jonas = await ward.person("mueller.jonas")
            for body in BODIES:
                sent = await anna.messenger.send_text("mueller.jonas", body)
            cid = sent.conversation_id
            await jonas.session.close()
            jonas.container.close()
            del ward.people["mueller.jonas"]
            device = jonas.session.device_id
            before = mailbox(ward.relay, device)
            assert before >= len(BODIES)

            code, err = await run_child(jonas.profile, ward.relay.port, step)
            assert code == KILLED, err  # the step was reached and the client died there
            if step in ("stored", "barrier"):
                assert mailbox(ward.relay, device) == before  # nothing acknowledged yet

            container = Container.open(jonas.profile, PASSPHRASE)
            try:
                again = Messenger(ClientSession(container))
                await again.s.connect(("127.0.0.1", ward.relay.port))
                await again.sync()
                await again.s.close()
                await again.s.connect(("127.0.0.1", ward.relay.port))
                assert again.s.pending_at_login == 0
                assert await again.sync() == []
                await again.s.close()
                bodies = [m.body for m in again.history(cid)]
                assert sorted(bodies) == sorted(BODIES)  # each exactly once, none lost
                assert container.messages.count() == len(BODIES)
                assert mailbox(ward.relay, device) == 0
            finally:
                container.close()

    asyncio.run(scenario())
