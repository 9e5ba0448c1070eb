"""Functional accounts: a message to "Dienstarzt Kardiologie" reaches whoever holds it,
and after a hand-over (by the holder for a shift, or by IT) the next one reaches the new
holder only. Real relay, real containers, real Olm/Megolm."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from desktop_app.crypto.org_files import load_issuing_authority
from desktop_app.directory.generate import functional_account
from desktop_app.directory.model import Entry
from desktop_app.domain.model import MessageKind
from desktop_app.relay.data_dir import RelayDataDir
from desktop_app.relay.directory_admin import import_directory, set_holders
from desktop_app.services.errors import RelayRefused, UnknownRecipient
from tests.directory.files import to_csv
from tests.relay.conftest import ADMIN
from tests.services.conftest import Person, texts, ward

ANNA = Entry(uid="weber.anna", cn="Anna Weber", department="Chirurgie")
JONAS = Entry(uid="mueller.jonas", cn="Jonas Müller", department="Kardiologie")
MIA = Entry(uid="yilmaz.mia", cn="Mia Yılmaz", department="Kardiologie")
DIENST = functional_account(
    "dienst.kardio", "Dienstarzt Kardiologie", "Kardiologie", ("mueller.jonas",)
)


async def chat(person: Person) -> list[str]:
    return [t for t in texts(await person.messenger.sync()) if t]


def test_messages_follow_the_holder_through_hand_overs(relay_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "staff.csv").write_bytes(to_csv([ANNA, JONAS, MIA, DIENST]))
    import_directory(relay_dir, tmp_path / "staff.csv", ADMIN)

    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            anna = await w.person(ANNA.uid)
            jonas = await w.person(JONAS.uid)
            mia = await w.person(MIA.uid)

            await anna.messenger.send_text("dienst.kardio", "Patient Zi. 4 hat Brustschmerz")
            assert await chat(jonas) == ["Patient Zi. 4 hat Brustschmerz"]
            assert await chat(mia) == []

            # Mia takes the duty over for the night shift
            taken = await mia.session.directory.take_over(
                mia.session.require_link(), "dienst.kardio"
            )
            assert taken.version == 2
            assert mia.session.directory.get("dienst.kardio").holders == (MIA.uid,)  # type: ignore[union-attr]

            await anna.messenger.send_text("dienst.kardio", "EKG auffällig, bitte kommen")
            assert await chat(mia) == ["EKG auffällig, bitte kommen"]
            assert await chat(jonas) == []  # the old holder gets nothing more

            # a surgeon cannot take over the cardiology duty
            with pytest.raises(RelayRefused, match="belongs to Kardiologie"):
                await anna.session.directory.take_over(anna.session.require_link(), "dienst.kardio")
            with pytest.raises(RelayRefused, match="is a person, not a functional account"):
                await mia.session.directory.take_over(mia.session.require_link(), JONAS.uid)

            # IT hands it back to Jonas in the morning
            data = RelayDataDir(relay_dir)
            store = data.open_store()
            try:
                issuer = load_issuing_authority(relay_dir, ADMIN)
                set_holders(store, issuer, "dienst.kardio", [JONAS.uid], set_by="it")
                recorded = [(h.holders, h.set_by) for h in store.handovers("dienst.kardio")]
            finally:
                store.close()
            assert recorded == [((JONAS.uid,), "it"), ((MIA.uid,), MIA.uid)]

            await anna.messenger.send_text("dienst.kardio", "Übergabe: Zi. 4 stabil")
            assert await chat(jonas) == ["Übergabe: Zi. 4 stabil"]
            assert await chat(mia) == []

            # the sender's conversation with the role kept its whole history
            cid = anna.container.settings.get("role_conversation.dienst.kardio")
            assert cid is not None
            history = anna.messenger.history(cid)
            assert [m.body for m in history if m.kind is MessageKind.TEXT] == [
                "Patient Zi. 4 hat Brustschmerz",
                "EKG auffällig, bitte kommen",
                "Übergabe: Zi. 4 stabil",
            ]

            # the holder writing to their own role: nobody else holds it
            with pytest.raises(UnknownRecipient, match="Nobody else holds"):
                await jonas.messenger.send_text("dienst.kardio", "Test")

    asyncio.run(scenario())
