"""Group calls as a full mesh (real relay, real aiortc, loopback): three people hear
each other pairwise, one leaves and joins again while it runs, the chat names who is
in, and a call that is full refuses one more with a clear message."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from desktop_app.domain.call_state import CallState
from desktop_app.domain.ids import ConversationId
from desktop_app.domain.system_lines import english
from desktop_app.services import call_history, group_calls
from desktop_app.services.call_live import EVENT_CONNECTED, EVENT_ENDED
from desktop_app.services.call_media import CallMedia, CallRefused
from desktop_app.services.group_calls import GroupCalls
from tests.calls.conftest import Phone, dominant_hz, shown_after, tone
from tests.services.conftest import Person

ANNA, JONAS, MIA = "weber.anna", "mueller.jonas", "yilmaz.mia"
TONES = {ANNA: 440.0, JONAS: 880.0, MIA: 660.0}
WAIT_S = 30  # an upper bound for the mesh to form on a loaded box, not a speed claim


class GroupPhone(Phone):
    """A phone with group calls; each leg records what it hears to its own WAV file."""

    def __init__(self, person: Person, tmp: Path) -> None:
        super().__init__(person)
        self.heard: dict[str, list[Path]] = {}
        counter = itertools.count()
        me = person.uid
        source = tone(tmp / f"{me}.wav", TONES[me], 12)

        def media(peer: str) -> CallMedia:
            out = tmp / f"{me}_hears_{peer}_{next(counter)}.wav"
            self.heard.setdefault(peer, []).append(out)
            return CallMedia(source, out)

        self.group = GroupCalls(self.calls, media)

    async def close(self) -> None:
        await self.group.close()
        await super().close()


async def _until(done: Callable[[], bool], what: str) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + WAIT_S
    while not done():
        assert loop.time() < deadline, f"timed out waiting until {what}"
        await asyncio.sleep(0.1)


async def _huddle(w: Any, tmp: Path) -> tuple[list[GroupPhone], ConversationId]:
    phones = [GroupPhone(await w.person(uid), tmp) for uid in (ANNA, JONAS, MIA)]
    cid = await phones[0].person.messenger.create_group("Visite 4B", [JONAS, MIA])
    for p in phones[1:]:
        container = p.person.container
        await _until(lambda c=container: c.conversations.state(cid) is not None, "group known")
    return phones, cid


def _mesh(phones: list[GroupPhone], gid: str) -> bool:
    uids = {p.person.uid for p in phones}
    return all(set(p.group.connected(gid)) == uids - {p.person.uid} for p in phones)


def test_three_people_talk_in_a_mesh_and_one_leaves_and_rejoins(
    make_ward: Any, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            phones, cid = await _huddle(w, tmp_path)
            anna, jonas, mia = phones
            try:
                gid = await anna.group.start(cid)
                for p in (jonas, mia):
                    call_id = await p.calls.next_incoming(15)
                    assert call_id is not None
                    assert p.calls.calls[call_id].group == gid
                    assert await p.group.accept(call_id) is CallState.ACTIVE
                await _until(lambda: _mesh(phones, gid), "all three are connected pairwise")
                assert anna.group.participants(gid) == sorted([ANNA, JONAS, MIA])
                await asyncio.sleep(2.5)  # media flows for a while (not an assertion)
                # Mia leaves; Anna and Jonas go on.
                await mia.group.leave(gid)
                await _until(lambda: _mesh([anna, jonas], gid), "Anna and Jonas remain")
                await _until(
                    lambda: anna.group.participants(gid) == sorted([ANNA, JONAS]), "Mia is out"
                )
                assert anna.group.connected(gid) == [JONAS]
                # Mia calls the group again while it runs: she joins the same call.
                assert await mia.group.start(cid) == gid
                await _until(lambda: _mesh(phones, gid), "Mia is back in the mesh")
                for p in (jonas, mia, anna):
                    await p.group.leave(gid)
            finally:
                for p in phones:
                    await p.close()
            # Every leg's event names its group call, so the GUI's 1:1 controller, busy
            # placing a call, never takes a leg's "ended" for its own (it closed the sound
            # the group call was about to use).
            legs = [e for p in phones for e in p.events if e.kind in (EVENT_CONNECTED, EVENT_ENDED)]
            assert len(legs) >= 6 and all(e.data.get("group") == gid for e in legs)
            for listener, speaker in itertools.permutations(phones, 2):
                first = listener.heard[speaker.person.uid][0]  # before Mia left
                heard = dominant_hz(first)
                assert abs(heard - TONES[speaker.person.uid]) < 15, (first.name, heard)
            lines = [english(m.body) for m in jonas.person.messenger.history(cid)]
            everyone = "Group call: mueller.jonas, weber.anna, yilmaz.mia."
            assert everyone in lines
            assert "Group call: mueller.jonas, weber.anna." in lines
            (kept,) = call_history.listing(jonas.person.session)
            assert (kept["kind"], kept["call_id"], kept["participants"]) == (
                "incoming",
                gid,
                sorted([ANNA, JONAS, MIA]),
            )

    asyncio.run(scenario())


def test_a_full_group_call_refuses_one_more(
    make_ward: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(group_calls, "MAX_PARTICIPANTS", 2)  # 6 in the product

    async def scenario() -> None:
        async with make_ward() as w:
            phones, cid = await _huddle(w, tmp_path)
            anna, jonas, mia = phones
            try:
                gid = await anna.group.start(cid)
                jonas_call = await jonas.calls.next_incoming(15)
                mia_call = await mia.calls.next_incoming(15)
                assert jonas_call is not None and mia_call is not None
                assert await jonas.group.accept(jonas_call) is CallState.ACTIVE
                await _until(
                    lambda: mia.group.participants(gid) == sorted([ANNA, JONAS]),
                    "Mia knows who is in",
                )
                with pytest.raises(CallRefused, match="The group call is full: 2 people"):
                    await mia.group.accept(mia_call)
                assert mia.calls.calls[mia_call].call.state is CallState.ENDED
                (kept,) = call_history.listing(mia.person.session)  # rung, not taken
                assert (kept["call_id"], kept["kind"], kept["outcome"]) == (
                    gid,
                    "incoming",
                    "declined",
                )
                assert anna.group.connected(gid) == [JONAS]
                # A mesh leg from someone who is not in (a modified client): not taken.
                forged = await mia.calls.place_leg(cid, JONAS, CallMedia(), group=gid, join=True)
                # Once Jonas shows Mia's next text, her forged leg's offer was handled.
                await shown_after(mia, cid, jonas, "Ich warte draußen.")
                assert forged not in jonas.calls.calls
                assert jonas.group.connected(gid) == [ANNA]
                assert await mia.calls.wait_answer(forged, 5) is CallState.ENDED
            finally:
                for p in phones:
                    await p.close()

    asyncio.run(scenario())
