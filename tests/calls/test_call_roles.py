"""A call to a functional account rings whoever holds it now (real relay, real directory)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from desktop_app.directory.generate import functional_account
from desktop_app.directory.model import Entry
from desktop_app.domain.call_state import CallState
from desktop_app.relay.directory_admin import import_directory
from desktop_app.services.call_media import CallMedia
from tests.calls.conftest import Phone
from tests.directory.files import to_csv
from tests.relay.conftest import ADMIN
from tests.services.conftest import ward

ANNA = Entry(uid="weber.anna", cn="Anna Weber", department="Chirurgie")
JONAS = Entry(uid="mueller.jonas", cn="Jonas Müller", department="Kardiologie")
MIA = Entry(uid="yilmaz.mia", cn="Mia Yılmaz", department="Kardiologie")
DIENST = functional_account(
    "dienst.kardio", "Dienstarzt Kardiologie", "Kardiologie", ("mueller.jonas",)
)


def test_call_to_a_functional_account_reaches_its_holder(relay_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "staff.csv").write_bytes(to_csv([ANNA, JONAS, MIA, DIENST]))
    import_directory(relay_dir, tmp_path / "staff.csv", ADMIN)

    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            anna = Phone(await w.person(ANNA.uid))
            jonas = Phone(await w.person(JONAS.uid))
            mia = Phone(await w.person(MIA.uid))
            try:
                call_id = await anna.calls.place("dienst.kardio", CallMedia())
                assert anna.calls.calls[call_id].call.peer_uid == JONAS.uid
                assert await jonas.calls.next_incoming(15) == call_id
                accepting = asyncio.create_task(jonas.calls.accept(call_id, CallMedia()))
                assert await anna.calls.wait_answer(call_id, 15) is CallState.ACTIVE
                assert await accepting is CallState.ACTIVE
                assert await mia.calls.next_incoming(1) is None  # not the holder
                await anna.calls.hangup(call_id)
                assert await jonas.calls.wait_end(call_id, 15) is CallState.ENDED
            finally:
                for phone in (anna, jonas, mia):
                    await phone.close()

    asyncio.run(scenario())
