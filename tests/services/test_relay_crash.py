"""Delivery survives a relay killed mid-burst; nothing readable is left on any disk."""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path

from desktop_app.relay.admin import issue_code
from desktop_app.services.enrollment import enroll
from desktop_app.services.errors import RelayUnavailable
from desktop_app.services.messenger import Messenger
from desktop_app.services.session import ClientSession
from desktop_app.storage.container import Container
from desktop_app.storage.keyslot import Owner
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.relay.conftest import relay_process

BURST = 1000
MARKER = "ZEBRA7Q-BEFUND"


async def _client(root: Path, tmp: Path, uid: str, port: int) -> Messenger:
    container = Container.create(tmp / uid, PASSPHRASE, Owner(uid), kdf=FAST_KDF)
    await enroll(container, ("127.0.0.1", port), issue_code(root, uid).code, "PC")
    messenger = Messenger(ClientSession(container))
    await messenger.connect(("127.0.0.1", port))
    return messenger


def test_sigkill_mid_burst_every_message_exactly_once(relay_dir: Path, tmp_path: Path) -> None:
    async def scenario() -> tuple[Messenger, Messenger, list[str]]:
        with relay_process(relay_dir, advertise=False) as relay:
            anna = await _client(relay_dir, tmp_path, "weber.anna", relay.port)
            jonas = await _client(relay_dir, tmp_path, "mueller.jonas", relay.port)
            first = await anna.send_text("mueller.jonas", f"{MARKER} 0")
            cid = first.conversation_id

            async def kill_soon() -> None:
                while anna.s.container.messages.count(cid) < BURST // 3:
                    await asyncio.sleep(0.01)
                relay.proc.send_signal(signal.SIGKILL)

            killer = asyncio.create_task(kill_soon())
            for i in range(1, BURST):
                await anna.send_text(cid, f"{MARKER} {i}")  # queues when the relay is gone
            await killer
            assert anna.s.link is None  # the loss was noticed, nothing raised
            await jonas.s.close()
        with relay_process(relay_dir, advertise=False) as again:
            address = ("127.0.0.1", again.port)
            await anna.connect(address)
            await jonas.connect(address)
            received = [m.body for m in await jonas.sync()]
            while more := await jonas.sync():
                received += [m.body for m in more]
            await anna.s.close()
            await jonas.s.close()
        return anna, jonas, received

    anna, jonas, received = asyncio.run(scenario())
    assert len(received) == len(set(received)) == BURST
    assert set(received) == {f"{MARKER} {i}" for i in range(BURST)}
    assert jonas.s.container.messages.count() == BURST  # and no other lines
    assert len(anna.s.container.outbox) == 0

    # Nothing readable anywhere: relay data dir, both containers, their blob files.
    for path in [*relay_dir.rglob("*"), *tmp_path.rglob("*")]:
        if path.is_file() and path.name != "relay-stderr.log":
            data = path.read_bytes()
            assert MARKER.encode() not in data, path
    anna.s.container.close()
    jonas.s.container.close()


def test_unreachable_relay_is_a_clear_error(tmp_path: Path) -> None:
    async def scenario() -> None:
        from desktop_app.services.relay_link import RelayLink
        from desktop_app.services.tls_client import enrollment_context

        try:
            await RelayLink.open(("127.0.0.1", 9), enrollment_context(), lambda s: s)
        except RelayUnavailable as exc:
            assert "Cannot reach the relay at 127.0.0.1:9" in str(exc)
        else:
            raise AssertionError("connecting to a closed port must fail")

    asyncio.run(scenario())
