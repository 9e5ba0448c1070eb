"""An enrolled colleague's modified client asks the relay, again and again, what costs
the relay's one database thread (every colleague's login, envelope and ack waits for it).

Through a real relay on 127.0.0.1 with the wire client (tests/relay/wire_client.py)."""

from __future__ import annotations

import asyncio
import dataclasses
import time
from pathlib import Path

from desktop_app.directory.generate import functional_account, staff
from desktop_app.directory.model import TakeoverPolicy
from desktop_app.domain.ids import Uid
from desktop_app.protocol import (
    FetchRoleRequests,
    Ping,
    Pong,
    RoleRequested,
    RoleRequests,
    TakeOverRole,
)
from desktop_app.relay.conn_limits import MAX_CONNECTIONS_PER_DEVICE as PER_DEVICE
from desktop_app.relay.directory_admin import import_directory
from tests.directory.files import to_csv
from tests.relay.conftest import ADMIN, live_relay
from tests.relay.wire_client import WireClient

HOSPITAL = staff(5000)
"""A mid-sized hospital's directory (docs/scale.md)."""
PHONE = dataclasses.replace(
    functional_account("dienst.kardio", "Dienstarzt Kardiologie", "", (HOSPITAL[0].uid,)),
    takeover_policy=TakeoverPolicy.HOLDER,
)
PIPELINED = 16
"""Requests each of the colleague's connections has open at a time."""
PINGS = 5
COLLEAGUE_WAIT_S = 2.0
"""What a colleague's five pings may take together behind the flood."""


def test_asking_for_role_requests_again_and_again_does_not_hold_up_everyone(
    relay_root: Path, tmp_path: Path
) -> None:
    """Each FetchRoleRequests read and checked every directory entry on the database
    thread (133 ms with 5,000 staff): a colleague's client pipelining them held up
    everyone's messages (each of their database calls queued behind one request of
    each of the colleague's connections). Now only the entries of accounts with a
    waiting request are read, and the holder still sees the request."""
    path = tmp_path / "staff.csv"
    path.write_bytes(to_csv([*HOSPITAL, PHONE]))
    assert import_directory(relay_root, path, ADMIN).error_count == 0
    holder, asker, mallory, anna = (e.uid for e in HOSPITAL[:4])

    async def scenario() -> tuple[float, object, list[object]]:
        async with live_relay(relay_root) as relay:
            holder_client, _ = await relay.enrolled(holder, "HOLDER-PC1")
            asker_client, _ = await relay.enrolled(asker, "ASKER-PC1")
            asked = await asker_client.request(
                TakeOverRole(asker_client.ids.next(), Uid(PHONE.uid))
            )
            assert isinstance(asked, RoleRequested), asked
            seen = await holder_client.request(FetchRoleRequests(holder_client.ids.next()))
            first, device = await relay.enrolled(mallory, "BOESE-PC1")
            evil = [first, *[await relay.logged_in(device) for _ in range(PER_DEVICE - 1)]]
            colleague, _ = await relay.enrolled(anna, "WEBER-PC1")
            replies: list[object] = []
            flooding = True

            async def flood(client: WireClient) -> None:
                for _ in range(PIPELINED):
                    await client.send(FetchRoleRequests(client.ids.next()))
                while flooding:  # one answered, one more asked
                    replies.append(await client.next_frame(timeout=60))
                    await client.send(FetchRoleRequests(client.ids.next()))

            floods = [asyncio.create_task(flood(c)) for c in evil]
            await asyncio.sleep(0.5)
            started = time.perf_counter()
            for _ in range(PINGS):
                pong = await colleague.request(Ping(colleague.ids.next()), timeout=60)
                assert isinstance(pong, Pong), pong
            waited = time.perf_counter() - started
            flooding = False
            for task in floods:
                task.cancel()
            await asyncio.gather(*floods, return_exceptions=True)
            return waited, seen, replies

    waited, seen, replies = asyncio.run(scenario())
    assert isinstance(seen, RoleRequests)
    assert [(r.role_uid, r.requester) for r in seen.requests] == [(PHONE.uid, asker)]
    assert replies and all(isinstance(r, RoleRequests) for r in replies)
    assert waited < COLLEAGUE_WAIT_S, f"a colleague's {PINGS} pings took {waited:.1f} s"
