"""A receiving client that dies like a killed process inside its receive loop.

Run as ``python -m tests.services.receive_kill_child PROFILE PORT MODE``. It unlocks the
container, logs in and runs ``Messenger.sync``; ``os._exit`` (no cleanup, no close, like
kill -9) ends it at the point MODE names:

- ``mid_batch``: while the 5th envelope is handled, inside the batch's transaction;
- ``before_ack``: after the batch is committed, when the acknowledgement (which makes
  it durable first) would go to the relay.
"""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path
from typing import Any

from desktop_app.services.incoming import Incoming
from desktop_app.services.messenger import Messenger
from desktop_app.services.session import ClientSession
from desktop_app.storage.container import Container
from tests.conftest import PASSPHRASE

KILLED = 9
KILL_AT_ENVELOPE = 5


def arm(mode: str) -> None:
    if mode == "before_ack":

        async def die_before_ack(self: Incoming, deliveries: Any) -> None:
            os._exit(KILLED)

        Incoming.acknowledge = die_before_ack  # type: ignore[method-assign]
        return
    handle = Incoming.handle
    count = 0

    async def die_mid_batch(self: Incoming, frame: Any) -> Any:
        nonlocal count
        count += 1
        if count == KILL_AT_ENVELOPE:
            os._exit(KILLED)
        return await handle(self, frame)

    Incoming.handle = die_mid_batch  # type: ignore[method-assign]


async def main(profile: Path, port: int, mode: str) -> None:
    container = Container.open(profile, PASSPHRASE)
    session = ClientSession(container)
    await session.connect(("127.0.0.1", port))
    arm(mode)
    await Messenger(session).sync()


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]))
    sys.exit(0)  # not killed: the test fails on this exit code
