"""Child process for test_client_killed: sync, and die (os._exit) at the named step.

Usage: python -m tests.faults.kill_child PROFILE PORT STEP

``os._exit`` ends the process at once, like SIGKILL: no finally blocks, no close, no
flush of anything Python still holds. Exit code KILLED says the step was reached.
"""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path
from typing import Any

from desktop_app.protocol import AckDelivery
from desktop_app.services.incoming import Incoming
from desktop_app.services.messenger import Messenger
from desktop_app.services.relay_link import RelayLink
from desktop_app.services.session import ClientSession
from desktop_app.storage.container import Container
from tests.conftest import PASSPHRASE

KILLED = 77
STEPS = ("stored", "barrier", "ack_sent", "acked")


def die() -> None:
    os._exit(KILLED)


def arm(step: str) -> None:
    """Die right after ``step`` of store -> barrier -> ack, the first time it happens."""
    if step == "stored":  # one envelope handled and written, nothing fsynced or acked
        handle = Incoming.handle

        async def handled(self: Incoming, frame: Any) -> Any:
            await handle(self, frame)
            die()

        Incoming.handle = handled  # type: ignore[method-assign]
    elif step == "barrier":  # durable, not acknowledged
        barrier = Container.barrier

        def barriered(self: Container) -> None:
            barrier(self)
            die()

        Container.barrier = barriered  # type: ignore[method-assign]
    elif step == "ack_sent":  # the AckDelivery is on the wire; its reply never read
        send = RelayLink.send

        async def sent(self: RelayLink, frame: Any) -> None:
            await send(self, frame)
            if isinstance(frame, AckDelivery):
                await asyncio.sleep(0.2)  # let the kernel deliver it, as a kill would
                die()

        RelayLink.send = sent  # type: ignore[method-assign]
    elif step == "acked":  # the relay confirmed; killed before anything else
        acknowledge = Incoming.acknowledge

        async def acked(self: Incoming, deliveries: Any) -> None:
            await acknowledge(self, deliveries)
            if deliveries:
                die()

        Incoming.acknowledge = acked  # type: ignore[method-assign]
    else:
        raise SystemExit(f"unknown step {step}")


async def main(profile: Path, port: int, step: str) -> None:
    container = Container.open(profile, PASSPHRASE)
    messenger = Messenger(ClientSession(container))
    await messenger.s.connect(("127.0.0.1", port))
    arm(step)
    await messenger.sync()
    raise SystemExit(f"the step {step} was never reached")


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]))
