"""The escalation target picked for ONE urgent message, through a real relay: it travels
with the message (``ChatMessage.escalate_to``), beats the sender's setting, and only a
person or functional account of the verified directory is accepted, by the sender's
client and by every receiver (a modified client may put anything on the wire)."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from desktop_app.directory.model import Entry
from desktop_app.domain.ids import Uid, new_message_id
from desktop_app.domain.model import Message, MessageKind, MessageState
from desktop_app.relay.directory_admin import import_directory
from desktop_app.services import escalation
from desktop_app.services.errors import ClientError
from tests.directory.files import to_csv
from tests.relay.conftest import ADMIN
from tests.services.conftest import Person, ward
from tests.services.test_escalation import ANNA, DIENST, JONAS, MIA, _system_lines, _with_clock

BEN = Entry(uid="schulz.ben", cn="Ben Schulz", department="Intensiv")


def _setup(relay_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "staff.csv").write_bytes(to_csv([ANNA, JONAS, MIA, BEN, DIENST]))
    import_directory(relay_dir, tmp_path / "staff.csv", ADMIN)


async def _urgent_texts(person: Person) -> list[str]:
    return [m.body for m in await person.messenger.sync() if m.kind is MessageKind.TEXT]


def test_the_target_picked_for_a_message_gets_it_instead_of_the_setting(
    relay_dir: Path, tmp_path: Path
) -> None:
    _setup(relay_dir, tmp_path)

    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            anna = await w.person(ANNA.uid)
            jonas = await w.person(JONAS.uid)
            mia = await w.person(MIA.uid)  # holds dienst.kardio, Anna's setting
            ben = await w.person(BEN.uid)
            clock = _with_clock(anna)
            anna.container.settings.set(escalation.TARGET_SETTING, "dienst.kardio")
            sent = await anna.messenger.send_text(
                JONAS.uid, "Zi. 7 RR 70/40", urgent=True, escalate_to=BEN.uid
            )
            assert sent.escalate_to == BEN.uid
            (got,) = await jonas.messenger.sync()
            assert got.escalate_to == BEN.uid  # it travelled with the message

            clock.now += timedelta(minutes=6)
            again = await escalation.escalate_due(anna.messenger, 5)
            assert [m.body for m in again] == [
                "Escalated from Anna Weber → Jonas Müller: Zi. 7 RR 70/40"
            ]
            assert await _urgent_texts(ben) == [again[0].body]
            assert await _urgent_texts(mia) == []  # the setting's target is not used
            assert _system_lines(anna, sent.conversation_id)[-1] == (
                "Not acknowledged within 5 minutes: sent on to Ben Schulz."
            )

            # Without a setting, a functional account picked for the message.
            anna.container.settings.delete(escalation.TARGET_SETTING)
            clock.now += timedelta(minutes=1)
            await anna.messenger.send_text(
                JONAS.uid, "Zi. 9 Sturz", urgent=True, escalate_to=DIENST.uid
            )
            clock.now += timedelta(minutes=6)
            again = await escalation.escalate_due(anna.messenger, 5)
            assert await _urgent_texts(mia) == [
                "Escalated from Anna Weber → Jonas Müller: Zi. 9 Sturz"
            ]
            assert len(again) == 1

    asyncio.run(scenario())


def test_only_directory_targets_on_urgent_messages_are_sent_or_accepted(
    relay_dir: Path, tmp_path: Path
) -> None:
    _setup(relay_dir, tmp_path)

    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            anna = await w.person(ANNA.uid)
            jonas = await w.person(JONAS.uid)
            with pytest.raises(ClientError, match="not in the staff directory"):
                await anna.messenger.send_text(
                    JONAS.uid, "x", urgent=True, escalate_to="boss.outside"
                )
            with pytest.raises(ClientError, match="Only an urgent message"):
                await anna.messenger.send_text(JONAS.uid, "x", escalate_to=BEN.uid)

            # A modified client puts a made-up target on the wire (and one on a
            # non-urgent message): Jonas's client keeps neither.
            cid = await anna.messenger.open_conversation(JONAS.uid)
            forged = [
                Message(
                    new_message_id(), cid, Uid(ANNA.uid), clock_now(anna), text,
                    state=MessageState.QUEUED, urgent=urgent, escalate_to=Uid(target),
                )
                for text, urgent, target in (
                    ("erfunden", True, "boss.outside"),
                    ("nicht dringend", False, BEN.uid),
                    ("echt", True, BEN.uid),
                )
            ]  # fmt: skip
            anna.container.messages.add_many(forged)
            await anna.messenger.deliver_queued()
            got = {m.body: m.escalate_to for m in await jonas.messenger.sync()}
            assert got == {"erfunden": None, "nicht dringend": None, "echt": BEN.uid}

    asyncio.run(scenario())


def clock_now(person: Person) -> datetime:
    return person.session.clock()
