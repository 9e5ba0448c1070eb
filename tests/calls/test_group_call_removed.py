"""A member removed from a group while its group call runs is out of the call on every
other member's PC, even if their client stays (real relay, real aiortc, loopback)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from desktop_app.domain.call_state import CallState
from desktop_app.domain.system_lines import english
from desktop_app.services.call_media import CallMedia
from tests.calls.conftest import tone
from tests.calls.test_group_calls import (
    ANNA,
    JONAS,
    MIA,
    TONES,
    GroupPhone,
    _huddle,
    _mesh,
    _until,
)
from tests.calls.test_group_heartbeat import _quick


def _long_tone(phone: GroupPhone, tmp: Path) -> None:
    """Media that outlasts the test: a leg whose tone ended would go silent and be
    dropped for that, hiding whether removal drops it."""
    me = phone.person.uid
    source = tone(tmp / f"{me}_long.wav", TONES[me], 120)
    phone.group.media = lambda peer: CallMedia(source, tmp / f"{me}_hears_{peer}_long.wav")


def test_a_removed_member_is_dropped_from_the_running_group_call(
    make_ward: Any, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            phones, cid = await _huddle(w, tmp_path)
            anna, jonas, mia = phones
            for phone in phones:
                _quick(phone)
                _long_tone(phone, tmp_path)
            try:
                gid = await anna.group.start(cid)
                for p in (jonas, mia):
                    call_id = await p.calls.next_incoming(15)
                    assert call_id is not None
                    assert await p.group.accept(call_id) is CallState.ACTIVE
                await _until(lambda: _mesh(phones, gid), "all three are connected pairwise")
                # Anna removes Mia; Mia's client stays in the call and keeps beating.
                async with anna.calls.lock:
                    await anna.person.messenger.remove_member(cid, MIA)
                for phone in (anna, jonas):
                    await _until(
                        lambda p=phone: (
                            p.group.participants(gid) == sorted([ANNA, JONAS])
                            and p.group.connected(gid) == sorted({ANNA, JONAS} - {p.person.uid})
                        ),
                        f"{phone.person.uid} dropped Mia",
                    )
                await _until(lambda: not mia.group.groups[gid].joined, "Mia's own PC left")
                lines = [english(m.body) for m in jonas.person.messenger.history(cid)]
                assert lines[-1] == "Group call: mueller.jonas, weber.anna."
                await asyncio.sleep(2 * anna.group.keeper.heartbeat_s)  # more of Mia's beats
                assert jonas.group.participants(gid) == sorted([ANNA, JONAS])
            finally:
                for p in phones:
                    await p.close()

    asyncio.run(scenario())
