"""The group call presence heartbeat (services/group_heartbeat.py), through the real
relay: a member whose process is killed (-9) never says "out", yet disappears from the
others' lists once silent for the (test-shortened) timeout and its legs are gone; and
what a heartbeat may not do (create a call, bring back someone who left)."""

from __future__ import annotations

import asyncio
import os
import signal
from pathlib import Path
from typing import Any

from desktop_app.crypto.e2e.payloads import Control
from desktop_app.domain.call_state import CallState
from desktop_app.domain.system_lines import english
from desktop_app.protocol.call_signal import CALL_CONTROL, GroupPresence, encode_signal
from desktop_app.storage.timeutil import to_ms
from tests.calls.conftest import Phone, tone
from tests.calls.test_call_cli import _client
from tests.calls.test_group_calls import ANNA, JONAS, MIA, TONES, GroupPhone, _huddle, _until

CRASH_WAIT_S = 120  # generous: aioice gives up on a silent peer after ~30 s


async def _until_long(done: Any, what: str) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + CRASH_WAIT_S
    while not done():
        assert loop.time() < deadline, f"timed out waiting until {what}"
        await asyncio.sleep(0.2)


def _quick(phone: GroupPhone) -> None:
    phone.group.keeper.heartbeat_s = 0.5
    phone.group.keeper.timeout_s = 3.0


def test_a_killed_member_disappears_from_the_others_lists(make_ward: Any, tmp_path: Path) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            people = [await w.person(uid) for uid in (ANNA, JONAS, MIA)]
            receivers = [Phone(p) for p in people]  # receive the group's creation
            cid = await people[0].messenger.create_group("Visite 4B", [JONAS, MIA])
            for p in people[1:]:
                await _until(lambda c=p.container: c.conversations.state(cid) is not None, "known")
            for r in receivers:
                await r.close()
            mia = people[2]
            await mia.session.close()  # Mia's PC is a separate process, killed later
            mia.container.close()
            del w.people[MIA]
            anna, jonas = GroupPhone(people[0], tmp_path), GroupPhone(people[1], tmp_path)
            for phone in (anna, jonas):
                _quick(phone)
            mia_proc = await _client(
                mia.profile, w.relay.port, "answer", "--wait", "60", "--seconds", "300",
                "--send", str(tone(tmp_path / "mia.wav", TONES[MIA], 12)),
                "--call-interface", "127.0.0.1", "--json",
            )  # fmt: skip
            try:
                await asyncio.sleep(3)  # the CLI is up and listening (not an assertion)
                gid = await anna.group.start(cid)
                call_id = await jonas.calls.next_incoming(30)
                assert call_id is not None
                assert await jonas.group.accept(call_id) is CallState.ACTIVE
                for phone, other in ((anna, JONAS), (jonas, ANNA)):
                    await _until_long(
                        lambda p=phone, o=other: p.group.connected(gid) == sorted([o, MIA]),
                        "the mesh of three is up",
                    )
                await asyncio.sleep(2)  # heartbeats flow: nobody is dropped (checked below)
                assert anna.group.participants(gid) == sorted([ANNA, JONAS, MIA])

                os.kill(mia_proc.pid, signal.SIGKILL)  # no "out", no hang-up: gone
                await mia_proc.wait()
                for phone in (anna, jonas):
                    await _until_long(
                        lambda p=phone: p.group.participants(gid) == sorted([ANNA, JONAS]),
                        "Mia is dropped",
                    )
                assert anna.group.connected(gid) == [JONAS]  # the two talk on
                lines = [english(m.body) for m in anna.person.messenger.history(cid)]
                two = "Group call: mueller.jonas, weber.anna."
                assert lines[-1] == two and lines.count(two) == 2  # before Mia, and now
                assert "Group call: mueller.jonas, weber.anna, yilmaz.mia." in lines
            finally:
                if mia_proc.returncode is None:
                    mia_proc.kill()
                    await mia_proc.wait()
                for phone in (anna, jonas):
                    await phone.close()

    asyncio.run(scenario())


def test_a_heartbeat_never_starts_a_call_nor_brings_back_who_left(
    make_ward: Any, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            phones, cid = await _huddle(w, tmp_path)
            anna, jonas, mia = phones
            mia_device = mia.person.session.device_id

            def beat(call_id: str) -> None:  # as Mia's (modified) client would send it
                sent = to_ms(mia.person.session.clock())
                report = GroupPresence(1, call_id, cid, sent, True, heartbeat=True)
                jonas.calls.received(MIA, mia_device, Control(CALL_CONTROL, encode_signal(report)))

            try:
                beat("h" * 32)  # a heartbeat for a call nobody started
                assert "h" * 32 not in jonas.group.groups
                gid = await anna.group.start(cid)
                for p in (jonas, mia):
                    call_id = await p.calls.next_incoming(15)
                    assert call_id is not None
                    assert await p.group.accept(call_id) is CallState.ACTIVE
                await mia.group.leave(gid)
                await _until(
                    lambda: jonas.group.participants(gid) == sorted([ANNA, JONAS]), "Mia is out"
                )
                beat(gid)  # "still in" after her own "out": stays out
                assert jonas.group.participants(gid) == sorted([ANNA, JONAS])
                # Dropped for silence (not by her own "out"), a heartbeat brings her back.
                g = jonas.group.groups[gid]
                g.reports[MIA] = (g.reports[MIA][0] - 1, True)
                assert jonas.group.drop_silent(-1.0) == [(gid, MIA)]
                assert jonas.group.participants(gid) == sorted([ANNA, JONAS])
                beat(gid)
                assert jonas.group.participants(gid) == sorted([ANNA, JONAS, MIA])
            finally:
                for p in phones:
                    await p.close()

    asyncio.run(scenario())
