"""A call to a functional account held by two people rings both; the first to answer
takes it, the other stops ringing with "answered by <name>" (real relay, real directory)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from desktop_app.directory.generate import functional_account
from desktop_app.domain.call_state import CallState, EndReason
from desktop_app.protocol.call_signal import Hangup
from desktop_app.relay.directory_admin import import_directory
from desktop_app.services import call_history
from desktop_app.services.call_media import CallMedia
from tests.calls.conftest import Phone
from tests.calls.test_call_roles import ANNA, JONAS, MIA
from tests.directory.files import to_csv
from tests.relay.conftest import ADMIN
from tests.services.conftest import ward

DIENST = functional_account(
    "dienst.kardio", "Dienstarzt Kardiologie", "Kardiologie", ("mueller.jonas", "yilmaz.mia")
)


def _directory(relay_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "staff.csv").write_bytes(to_csv([ANNA, JONAS, MIA, DIENST]))
    import_directory(relay_dir, tmp_path / "staff.csv", ADMIN)


def test_both_holders_ring_the_first_answer_takes_it(relay_dir: Path, tmp_path: Path) -> None:
    _directory(relay_dir, tmp_path)

    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            anna = Phone(await w.person(ANNA.uid))
            jonas = Phone(await w.person(JONAS.uid))
            mia = Phone(await w.person(MIA.uid))
            try:
                call_id = await anna.calls.place("dienst.kardio", CallMedia())
                assert anna.calls.calls[call_id].call.peer_uid == "dienst.kardio"
                assert await jonas.calls.next_incoming(15) == call_id
                assert await mia.calls.next_incoming(15) == call_id
                incoming = [e for e in mia.events if e.kind == "incoming"]
                assert incoming[0].data["role"] == "dienst.kardio"
                assert incoming[0].peer == ANNA.uid
                accepting = asyncio.create_task(jonas.calls.accept(call_id, CallMedia()))
                assert await anna.calls.wait_answer(call_id, 15) is CallState.ACTIVE
                assert await accepting is CallState.ACTIVE
                assert anna.calls.calls[call_id].call.peer_uid == JONAS.uid
                # Mia stops ringing: answered by Jonas
                assert await mia.calls.wait_end(call_id, 15) is CallState.ENDED
                mia_call = mia.calls.calls[call_id]
                assert mia_call.call.end_reason is EndReason.ANSWERED_ELSEWHERE
                ended = [e for e in mia.events if e.kind == "ended"]
                assert ended[-1].data["answered_by"] == JONAS.uid
                # A holder who did not answer cannot end the call: Mia's device sends a
                # hang-up for it through the relay (as a modified client could); then she
                # calls Anna, whose "busy" proves the hang-up was handled before.
                await mia.calls._signal(mia_call, Hangup, to=(ANNA.uid,), reason="hangup")
                second = await mia.calls.place(ANNA.uid, CallMedia())
                assert await mia.calls.wait_answer(second, 15) is CallState.ENDED
                assert mia.calls.calls[second].call.end_reason is EndReason.BUSY
                # Mia's history: rung for the role, taken by Jonas; her own call to Anna.
                kept = {c["call_id"]: c for c in call_history.listing(mia.person.session)}
                assert kept[call_id]["kind"] == "incoming"
                assert kept[call_id]["outcome"] == "answered_elsewhere"
                assert kept[call_id]["role"] == "dienst.kardio"
                assert kept[second]["outcome"] == "busy"
                assert anna.calls.calls[call_id].call.state is CallState.ACTIVE
                assert jonas.calls.calls[call_id].call.state is CallState.ACTIVE
                await anna.calls.hangup(call_id)
                assert await jonas.calls.wait_end(call_id, 15) is CallState.ENDED
            finally:
                for phone in (anna, jonas, mia):
                    await phone.close()

    asyncio.run(scenario())


def test_one_holder_declining_leaves_the_other_ringing(relay_dir: Path, tmp_path: Path) -> None:
    _directory(relay_dir, tmp_path)

    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            anna = Phone(await w.person(ANNA.uid))
            jonas = Phone(await w.person(JONAS.uid))
            mia = Phone(await w.person(MIA.uid))
            try:
                call_id = await anna.calls.place("dienst.kardio", CallMedia())
                assert await jonas.calls.next_incoming(15) == call_id
                assert await mia.calls.next_incoming(15) == call_id
                await mia.calls.decline(call_id)
                assert await anna.calls.wait_end(call_id, 2) is CallState.RINGING
                assert jonas.calls.calls[call_id].call.state is CallState.RINGING
                await jonas.calls.decline(call_id)  # the last holder: the call is declined
                assert await anna.calls.wait_end(call_id, 15) is CallState.ENDED
                assert anna.calls.calls[call_id].call.end_reason is EndReason.DECLINED
                (kept,) = call_history.listing(anna.person.session)
                assert (kept["kind"], kept["peer"], kept["role"]) == (
                    "outgoing",
                    "dienst.kardio",
                    "dienst.kardio",
                )
                assert kept["participants"] == sorted([ANNA.uid, JONAS.uid, MIA.uid])
            finally:
                for phone in (anna, jonas, mia):
                    await phone.close()

    asyncio.run(scenario())
