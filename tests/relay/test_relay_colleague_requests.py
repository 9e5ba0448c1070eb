"""An enrolled colleague's modified client asks the relay, again and again, what costs
the relay's one database thread (every colleague's login, envelope and ack waits for it).

Through a real relay on 127.0.0.1 with the wire client (tests/relay/wire_client.py)."""

from __future__ import annotations

import asyncio
import dataclasses
from pathlib import Path

import pytest

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
from desktop_app.relay import role_handover
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


def test_asking_for_role_requests_again_and_again_does_not_hold_up_everyone(
    relay_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each FetchRoleRequests read and checked every directory entry on the database
    thread (133 ms with 5,000 staff): a colleague's client pipelining them held up
    everyone's messages (each of their database calls queued behind one request of
    each of the colleague's connections). Now only the entries of accounts with a
    waiting request are read, and the holder still sees the request. Counted, not
    timed (timings belong in bench/): directory entries decoded per answer."""
    path = tmp_path / "staff.csv"
    path.write_bytes(to_csv([*HOSPITAL, PHONE]))
    assert import_directory(relay_root, path, ADMIN).error_count == 0
    holder, asker, mallory, anna = (e.uid for e in HOSPITAL[:4])
    decoded = 0
    real_decode = role_handover.decode_entry

    def counting(data: bytes) -> object:
        nonlocal decoded
        decoded += 1
        return real_decode(data)

    monkeypatch.setattr(role_handover, "decode_entry", counting)

    async def scenario() -> tuple[int, object, list[object]]:
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

            nonlocal decoded
            decoded = 0
            floods = [asyncio.create_task(flood(c)) for c in evil]
            await asyncio.sleep(0.5)
            for _ in range(PINGS):  # everyone else is still answered meanwhile
                pong = await colleague.request(Ping(colleague.ids.next()), timeout=60)
                assert isinstance(pong, Pong), pong
            flooding = False
            for task in floods:
                task.cancel()
            await asyncio.gather(*floods, return_exceptions=True)
            return decoded, seen, replies

    decoded_in_flood, seen, replies = asyncio.run(scenario())
    assert isinstance(seen, RoleRequests)
    assert [(r.role_uid, r.requester) for r in seen.requests] == [(PHONE.uid, asker)]
    assert replies and all(isinstance(r, RoleRequests) for r in replies)
    # One account has a request waiting: its entry, not the 5,001 of the directory.
    assert decoded_in_flood <= len(replies) + PIPELINED * PER_DEVICE, (
        f"{decoded_in_flood} entries decoded for {len(replies)} answers"
    )
