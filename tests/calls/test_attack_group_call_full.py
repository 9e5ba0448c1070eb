"""Attack: one too many in a full group call by presence alone (real relay, real aiortc,
loopback; the limit set to 2 as in ``test_a_full_group_call_refuses_one_more``).

Anna and Jonas are in, the call is full. Mia lets her invitation go, then her modified
client says "I am in" (the honest one refuses to: the call is full) and takes whatever
mesh leg comes. Her uid sorts last, so each honest PC owes her a mesh leg by the uid
rule; before the limit was checked on presence, both placed it and sent their
microphone to her. A report beyond the limit is kept but not counted: no tile, no
line, no leg (``_Group.present``: first come, by the order this PC learned them).

After Mia's report she sends a text to each: once it shows, her report was handled
(one device's envelopes are handled in order), so an absent leg is really absent.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from desktop_app.domain.call_state import CallState, EndReason
from desktop_app.services import group_calls
from desktop_app.services.group_calls import _Group
from tests.calls.conftest import shown_after
from tests.calls.test_group_calls import ANNA, JONAS, MIA, _huddle, _until


def test_a_member_cannot_get_into_a_full_group_call_by_presence_alone(
    make_ward: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(group_calls, "MAX_PARTICIPANTS", 2)  # 6 in the product

    async def scenario() -> None:
        async with make_ward() as w:
            phones, cid = await _huddle(w, tmp_path)
            anna, jonas, mia = phones  # uids: mueller.jonas < weber.anna < yilmaz.mia
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
                await mia.calls.decline(mia_call)
                # Her modified client: "I am in", and every join offer is taken.
                g = mia.group.groups[gid]
                g.joined = True
                mia.calls.group_offer = lambda _uid, offer: "join" if offer.join else "ignore"
                await mia.group._announce(g)
                await shown_after(mia, cid, anna, "Ich höre nur zu.")
                await shown_after(mia, cid, jonas, "Ich höre nur zu!")
                for honest in (anna, jonas):
                    assert honest.group.participants(gid) == sorted([ANNA, JONAS])
                    leg = honest.group.groups[gid].legs.get(MIA)  # Anna's: the invitation
                    assert leg is None or honest.calls.calls[leg].call.ended, leg  # no "pending"
                    to_mia = [
                        c
                        for c in honest.calls.calls.values()
                        if c.call.peer_uid == MIA and not c.call.ended
                    ]
                    assert to_mia == [], f"{honest.person.uid} has a leg to {MIA}"
                    assert honest.group.connected(gid) == sorted(
                        {ANNA, JONAS} - {honest.person.uid}
                    )
            finally:
                for p in phones:
                    await p.close()

    asyncio.run(scenario())


def test_an_answer_from_one_too_many_starts_no_media(
    make_ward: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Mia's modified client accepts her invitation into the full call anyway (the
    honest one refuses): Anna, whose leg it is, does not apply her answer."""
    monkeypatch.setattr(group_calls, "MAX_PARTICIPANTS", 2)

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
                g = mia.group.groups[gid]
                g.joined = True  # GroupCalls.accept minus the limit
                await mia.group._announce(g)
                state = await mia.calls.accept(mia_call, mia.group.media(ANNA))
                assert state is CallState.ENDED
                assert anna.calls.calls[mia_call].call.state is CallState.ENDED
                assert anna.calls.calls[mia_call].call.end_reason is EndReason.CANCELLED
                assert anna.group.participants(gid) == sorted([ANNA, JONAS])
                assert anna.group.connected(gid) == [JONAS]
            finally:
                for p in phones:
                    await p.close()

    asyncio.run(scenario())


def test_who_counts_is_first_come_and_a_freed_place_goes_to_the_next(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The counting rule itself: this person first while in, then the others in the
    order their "in" was learned here; a later report never pushes one out."""
    monkeypatch.setattr(group_calls, "MAX_PARTICIPANTS", 3)
    g = _Group("g" * 32, "c" * 32, "me")
    for ms, uid in enumerate(["zora", "bert", "anna", "carl"]):
        g.report(uid, ms, True)
    assert g.present() == {"zora", "bert", "anna"}  # learned first, not the smallest uids
    g.joined = True
    assert g.present() == {"me", "zora", "bert"}
    g.report("carl", 10, True)  # a newer report keeps its place in the queue
    g.report("zora", 11, False)
    assert g.present() == {"me", "bert", "anna"}
    g.report("zora", 12, True)  # back in: at the end, behind carl
    g.report("bert", 13, False)
    assert g.present() == {"me", "anna", "carl"}
