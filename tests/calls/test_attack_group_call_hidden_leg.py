"""Attack: an invisible listener in a group call (real relay, real aiortc, loopback).

Mia, a member of the huddle, runs a modified client that rings Jonas into a group call
(an ``Offer`` naming the group call) without the "I am in" ``GroupPresence`` every
honest starter sends first. She is listed nowhere, so Jonas's window shows no tile for
her; had the invitation rung and been taken, her leg would carry his microphone to
her, and neither the silence rule nor the removal rule (both about who reported "in")
would ever hang it up. And once she is shown, saying "out" while her invitation keeps
ringing must not leave a leg to her either. services/group_legs.py: a leg only to
someone shown as in.

After each forged signal Mia sends a text: one device's envelopes are handled in order,
so once Jonas shows it, the signal before it was handled (``shown_after``).
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from desktop_app.domain.call_state import CallState
from desktop_app.domain.ids import new_token
from desktop_app.services.call_media import CallRefused
from tests.calls.conftest import shown_after
from tests.calls.test_group_calls import JONAS, MIA, _huddle


def test_an_invitation_from_someone_who_never_said_in_does_not_ring(
    make_ward: Any, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            phones, cid = await _huddle(w, tmp_path)
            _anna, jonas, mia = phones
            try:
                # Mia's modified client: GroupCalls.start minus the announcement.
                gid = new_token(24)
                async with mia.calls.lock:
                    s = mia.person.session
                    await s.peers.refresh_stale(s.require_link(), [JONAS])
                leg = await mia.calls.place_leg(cid, JONAS, mia.group.media(JONAS), group=gid)
                await shown_after(mia, cid, jonas, "Hörst du mich?")
                assert leg not in jonas.calls.calls  # never rang, nothing to accept
                assert jonas.calls.incoming.empty()
                assert gid not in jonas.group.groups
                assert mia.calls.calls[leg].call.state is CallState.RINGING  # no answer
            finally:
                for p in phones:
                    await p.close()

    asyncio.run(scenario())


def test_saying_out_while_the_invitation_rings_ends_it(make_ward: Any, tmp_path: Path) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            phones, cid = await _huddle(w, tmp_path)
            _anna, jonas, mia = phones
            try:
                gid = await mia.group.start(cid)  # honest so far: "in", then it rings
                call_id = await jonas.calls.next_incoming(15)
                assert call_id is not None and jonas.calls.calls[call_id].group == gid
                assert jonas.group.participants(gid) == [MIA]
                # Her modified client says "out" but lets the invitations ring on.
                g = mia.group.groups[gid]
                g.joined = False
                await mia.group._announce(g)
                await shown_after(mia, cid, jonas, "Bin weg.")
                assert jonas.group.participants(gid) == []
                assert await jonas.calls.wait_end(call_id, 15) is CallState.ENDED
                with pytest.raises(CallRefused):
                    await jonas.group.accept(call_id)
                assert jonas.group.connected(gid) == []
                assert not jonas.group.groups[gid].joined
                assert await mia.calls.wait_end(call_id, 15) is CallState.ENDED  # told
            finally:
                for p in phones:
                    await p.close()

    asyncio.run(scenario())
