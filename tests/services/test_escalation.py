"""Escalation of unacknowledged urgent messages, through a real relay: Anna's client
re-sends her urgent message to her escalation target (a functional account's holder or
a person) once N minutes have passed without an acknowledgement."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from pathlib import Path

from desktop_app.directory.generate import functional_account
from desktop_app.directory.model import Entry
from desktop_app.domain import system_lines
from desktop_app.domain.model import MessageKind
from desktop_app.relay.directory_admin import import_directory
from desktop_app.services import escalation
from desktop_app.services.policy import Policy, urgent_escalation_minutes
from desktop_app.services.receipts_out import OutgoingReceipts
from desktop_app.storage.sql_receipts import ReceiptKind
from desktop_app.storage.timeutil import utc_now
from tests.directory.files import to_csv
from tests.relay.conftest import ADMIN
from tests.services.conftest import Person, ward

ANNA = Entry(uid="weber.anna", cn="Anna Weber", department="Chirurgie")
JONAS = Entry(uid="mueller.jonas", cn="Jonas Müller", department="Kardiologie")
MIA = Entry(uid="yilmaz.mia", cn="Mia Yılmaz", department="Kardiologie")
DIENST = functional_account(
    "dienst.kardio", "Dienstarzt Kardiologie", "Kardiologie", ("yilmaz.mia",)
)


class Clock:
    """A clock the test moves forward."""

    def __init__(self) -> None:
        self.now = utc_now()

    def __call__(self) -> datetime:
        return self.now


def _with_clock(person: Person) -> Clock:
    clock = Clock()
    person.session.clock = clock
    return clock


def _system_lines(person: Person, cid: str) -> list[str]:
    return [
        system_lines.english(m.body)
        for m in person.messenger.history(cid)
        if m.kind is MessageKind.SYSTEM
    ]


def _setup(relay_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "staff.csv").write_bytes(to_csv([ANNA, JONAS, MIA, DIENST]))
    import_directory(relay_dir, tmp_path / "staff.csv", ADMIN)


def test_unacknowledged_urgent_goes_to_the_functional_account_once(
    relay_dir: Path, tmp_path: Path
) -> None:
    _setup(relay_dir, tmp_path)

    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            anna = await w.person(ANNA.uid)
            jonas = await w.person(JONAS.uid)
            mia = await w.person(MIA.uid)
            clock = _with_clock(anna)
            anna.container.settings.set(escalation.TARGET_SETTING, "dienst.kardio")
            sent = await anna.messenger.send_text(JONAS.uid, "Zi. 12 Sättigung 82 %", urgent=True)
            assert [m.body for m in await jonas.messenger.sync()] == ["Zi. 12 Sättigung 82 %"]

            clock.now += timedelta(minutes=4)
            assert await escalation.escalate_due(anna.messenger, 5) == []  # not yet due

            clock.now += timedelta(minutes=2)  # +6 minutes, nobody acknowledged
            again = await escalation.escalate_due(anna.messenger, 5)
            assert len(again) == 1 and again[0].urgent
            got = [m for m in await mia.messenger.sync() if m.kind is MessageKind.TEXT]
            assert [m.body for m in got] == [
                "Escalated from Anna Weber → Jonas Müller: Zi. 12 Sättigung 82 %"
            ]
            assert got[0].urgent and got[0].sender_uid == ANNA.uid
            assert _system_lines(anna, sent.conversation_id)[-1] == (
                "Not acknowledged within 5 minutes: sent on to Dienstarzt Kardiologie."
            )

            clock.now += timedelta(minutes=10)  # once only
            assert await escalation.escalate_due(anna.messenger, 5) == []
            assert [m for m in await mia.messenger.sync() if m.kind is MessageKind.TEXT] == []

    asyncio.run(scenario())


def test_acknowledged_or_switched_off_is_not_escalated_and_a_person_can_be_the_target(
    relay_dir: Path, tmp_path: Path
) -> None:
    _setup(relay_dir, tmp_path)

    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            anna = await w.person(ANNA.uid)
            jonas = await w.person(JONAS.uid)
            mia = await w.person(MIA.uid)
            clock = _with_clock(anna)
            anna.container.settings.set(escalation.TARGET_SETTING, MIA.uid)

            acked = await anna.messenger.send_text(JONAS.uid, "Bitte EKG ansehen", urgent=True)
            (got,) = await jonas.messenger.sync()
            await OutgoingReceipts(jonas.messenger, asyncio.Lock()).send(
                ReceiptKind.ACKNOWLEDGED, [got]
            )
            await anna.messenger.sync()
            kinds = {r.kind for r in anna.container.receipts.for_message(acked.message_id)}
            assert ReceiptKind.ACKNOWLEDGED in kinds
            clock.now += timedelta(minutes=6)
            assert await escalation.escalate_due(anna.messenger, 5) == []

            # not acknowledged, but the policy switched escalation off (0)
            clock.now += timedelta(minutes=1)
            await anna.messenger.send_text(JONAS.uid, "Labor kritisch", urgent=True)
            clock.now += timedelta(minutes=6)
            assert urgent_escalation_minutes(Policy(urgent_escalation_minutes=0)) == 0
            assert await escalation.escalate_due(anna.messenger, 0) == []
            assert [m for m in await mia.messenger.sync() if m.kind is MessageKind.TEXT] == []

            # the default (5 minutes) with a person as the target
            minutes = urgent_escalation_minutes(Policy())
            assert minutes == 5
            again = await escalation.escalate_due(anna.messenger, minutes)
            assert [m.body for m in again] == [
                "Escalated from Anna Weber → Jonas Müller: Labor kritisch"
            ]
            got_mia = [m for m in await mia.messenger.sync() if m.kind is MessageKind.TEXT]
            assert [(m.body, m.urgent) for m in got_mia] == [(again[0].body, True)]

    asyncio.run(scenario())


def test_the_live_client_escalates_on_its_own(relay_dir: Path, tmp_path: Path) -> None:
    """The GUI's client runs the check while connected (here every 50 ms)."""
    from desktop_app.services.live_client import LiveClient
    from desktop_app.services.live_views import Link

    _setup(relay_dir, tmp_path)

    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            anna = await w.person(ANNA.uid)
            await w.person(JONAS.uid)
            mia = await w.person(MIA.uid)
            await anna.session.close()
            anna.container.settings.set(escalation.TARGET_SETTING, "dienst.kardio")
            clock = Clock()
            a = LiveClient(
                anna.container, lambda *_: None, relay=f"127.0.0.1:{w.relay.port}", clock=clock
            )
            a.escalation_check_s = 0.05
            await a.start()
            try:
                while a.status().link is not Link.CONNECTED:
                    await asyncio.sleep(0.02)
                cid = await a.start_direct(JONAS.uid)
                await a.send_text(cid, "Zi. 3 Blutung", urgent=True)
                clock.now += timedelta(minutes=6)

                async def escalated() -> list[str]:
                    while True:
                        got = [
                            m.body
                            for m in await mia.messenger.sync()
                            if m.kind is MessageKind.TEXT and m.urgent
                        ]
                        if got:
                            return got

                got = await asyncio.wait_for(escalated(), 30)  # a guard against hanging
                assert got == ["Escalated from Anna Weber → Jonas Müller: Zi. 3 Blutung"]
            finally:
                await a.stop()

    asyncio.run(scenario())


COPY = "Escalated from Anna Weber → Jonas Müller: "


def test_a_persons_other_pc_pages_the_target_only_if_the_first_did_not(
    relay_dir: Path, tmp_path: Path
) -> None:
    """Anna has a second PC, which receives her urgent messages too (as hers) and the copy
    her first PC sends on: were both to escalate, the duty doctor would be paged twice
    (and the copy once more). The second PC steps in only when the first did not."""
    _setup(relay_dir, tmp_path)

    async def scenario() -> None:
        async with ward(relay_dir, tmp_path) as w:
            anna = await w.person(ANNA.uid)
            office = await w.person(ANNA.uid, device="-office")
            jonas = await w.person(JONAS.uid)
            mia = await w.person(MIA.uid)
            clocks = [_with_clock(p) for p in (anna, office)]
            for pc in (anna, office):
                pc.container.settings.set(escalation.TARGET_SETTING, "dienst.kardio")

            async def later(minutes: int) -> None:
                for clock in clocks:
                    clock.now += timedelta(minutes=minutes)

            async def paged() -> list[str]:
                got = await mia.messenger.sync()
                return [m.body for m in got if m.kind is MessageKind.TEXT]

            await anna.messenger.send_text(JONAS.uid, "Zi. 12 Sättigung 82 %", urgent=True)
            await jonas.messenger.sync()
            mine = [m for m in await office.messenger.sync() if m.kind is MessageKind.TEXT]
            assert [(m.body, m.sender_uid) for m in mine] == [("Zi. 12 Sättigung 82 %", ANNA.uid)]
            await later(6)  # nobody acknowledged
            assert await escalation.escalate_due(office.messenger, 5) == []  # not its own
            assert len(await escalation.escalate_due(anna.messenger, 5)) == 1
            assert await paged() == [COPY + "Zi. 12 Sättigung 82 %"]
            await office.messenger.sync()  # the copy reaches her other PC too
            await later(10)
            assert await escalation.escalate_due(office.messenger, 5) == []  # done, and
            assert await paged() == []  # the copy is not escalated in turn

            # Her first PC is switched off after a second urgent message: the other one
            # steps in, after twice the time.
            for clock in clocks:  # back to the relay's time, which dates what arrives
                clock.now = utc_now()
            await anna.messenger.send_text(JONAS.uid, "Zi. 14 RR 70/40", urgent=True)
            await office.messenger.sync()
            await later(6)
            assert await escalation.escalate_due(office.messenger, 5) == []  # its turn later
            await later(5)
            assert len(await escalation.escalate_due(office.messenger, 5)) == 1
            assert await paged() == [COPY + "Zi. 14 RR 70/40"]

    asyncio.run(scenario())
