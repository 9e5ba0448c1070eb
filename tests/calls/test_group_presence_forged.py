"""Forged group call presence through the real relay: an enrolled colleague's modified
client sends a ``GroupPresence`` Olm signal that the honest client would never send, and
the receiver's checks (services/call_checks.py, ``GroupCalls._presence`` and
``_heartbeat``) keep it out of what the member sees: who is in the group call.

The attacker shares a conversation with the victim (so the victim's device knows his
device and the envelope decrypts), and after the forged signal sends an ordinary text in
that conversation: once the victim shows the text, the forged signal before it has been
handled (one sender device's envelopes arrive and are handled in order)."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any

import pytest

from desktop_app.crypto.e2e.payloads import Control
from desktop_app.domain.call_state import CallState
from desktop_app.domain.system_lines import english
from desktop_app.protocol.call_signal import CALL_CONTROL, GroupPresence, encode_signal
from desktop_app.storage.timeutil import to_ms
from tests.calls.conftest import until_shown
from tests.calls.test_group_calls import ANNA, JONAS, MIA, GroupPhone, _huddle, _until
from tests.services.conftest import Person

BERT = "klein.bert"  # enrolled on the ward, not a member of the huddle


async def _forge(attacker: Person, to: str, report: GroupPresence) -> None:
    """Send ``report`` to every device of ``to`` as the attacker's modified client would
    (the honest one only reports for calls of its own group conversations)."""
    out = attacker.messenger.outgoing
    await out.queue_control(to, Control(CALL_CONTROL, encode_signal(report)), now=now(attacker))
    await out.flush()


async def _text(sender: Person, cid: str, victim: GroupPhone, text: str) -> None:
    """A text the victim must show: everything the sender sent before it was handled."""
    await sender.messenger.send_text(cid, text)
    await until_shown(victim, cid, text)  # the conversation itself may still be on its way


def now(person: Person) -> Any:
    return person.session.clock()


def _ms(person: Person) -> int:
    return to_ms(now(person))


async def _running_call(phones: list[GroupPhone], cid: str) -> str:
    """Anna starts a group call in the huddle and Jonas takes it (Mia lets it ring)."""
    anna, jonas, _mia = phones
    gid = await anna.group.start(cid)
    call_id = await jonas.calls.next_incoming(15)
    assert call_id is not None
    assert await jonas.group.accept(call_id) is CallState.ACTIVE
    await _until(lambda: jonas.group.participants(gid) == sorted([ANNA, JONAS]), "Jonas is in")
    return gid


def _lines(phone: GroupPhone, cid: str) -> list[str]:
    return [english(m.body) for m in phone.person.messenger.history(cid)]


def test_a_non_member_cannot_put_himself_into_a_group_call(
    make_ward: Any, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="wardlink.calls")

    async def scenario() -> None:
        async with make_ward() as w:
            phones, cid = await _huddle(w, tmp_path)
            jonas = phones[1]
            bert = await w.person(BERT)
            try:
                gid = await _running_call(phones, cid)
                direct = await bert.messenger.open_conversation(JONAS)  # they share a 1:1
                await _text(bert, direct, jonas, "Hallo Jonas")
                # "I am in your group call" (and a heartbeat to keep him listed).
                await _forge(bert, JONAS, GroupPresence(1, gid, cid, _ms(bert), True))
                await _forge(
                    bert, JONAS, GroupPresence(1, gid, cid, _ms(bert) + 1, True, heartbeat=True)
                )
                await _text(bert, direct, jonas, "Noch da?")
                assert jonas.group.participants(gid) == sorted([ANNA, JONAS])
                assert not any(BERT in line for line in _lines(jonas, cid))
                refused = [
                    r.getMessage()
                    for r in caplog.records
                    if "not both members" in r.getMessage() and BERT in r.getMessage()
                ]
                assert len(refused) == 2, refused
            finally:
                for p in phones:
                    await p.close()

    asyncio.run(scenario())


def test_a_call_named_with_another_shared_conversation_lists_nobody(
    make_ward: Any, tmp_path: Path
) -> None:
    """Bert and Jonas share another group: Bert's report is about that conversation (so
    the membership check passes) but names the huddle's running call; it is not the
    huddle's call, so it neither lists Bert there nor touches who is in."""

    async def scenario() -> None:
        async with make_ward() as w:
            phones, cid = await _huddle(w, tmp_path)
            anna, jonas, _mia = phones
            bert = await w.person(BERT)
            try:
                gid = await _running_call(phones, cid)
                night = await bert.messenger.create_group("Nachtdienst", [JONAS])
                await _text(bert, night, jonas, "Wer hat heute Nacht Dienst?")
                await _forge(bert, JONAS, GroupPresence(1, gid, night, _ms(bert), True))
                await _forge(
                    bert, JONAS, GroupPresence(1, gid, night, _ms(bert) + 1, True, heartbeat=True)
                )
                await _text(bert, night, jonas, "Ich.")
                assert jonas.group.participants(gid) == sorted([ANNA, JONAS])
                assert jonas.group.groups[gid].conversation_id == cid
                assert jonas.group.connected(gid) == [ANNA]
                assert not any(BERT in line for line in _lines(jonas, cid))
                assert anna.group.participants(gid) == sorted([ANNA, JONAS])
            finally:
                for p in phones:
                    await p.close()

    asyncio.run(scenario())


def test_a_member_who_said_out_cannot_come_back_with_an_old_or_heartbeat_report(
    make_ward: Any, tmp_path: Path
) -> None:
    """Mia was in and left; her modified client then sends a report older than her "out"
    and a newer heartbeat: neither brings her back into Jonas's list."""

    async def scenario() -> None:
        async with make_ward() as w:
            phones, cid = await _huddle(w, tmp_path)
            _anna, jonas, mia = phones
            try:
                gid = await _running_call(phones, cid)
                call_id = await mia.calls.next_incoming(15)
                assert call_id is not None
                assert await mia.group.accept(call_id) is CallState.ACTIVE
                everyone = sorted([ANNA, JONAS, MIA])
                await _until(lambda: jonas.group.participants(gid) == everyone, "Mia is in")
                await mia.group.leave(gid)
                await _until(
                    lambda: jonas.group.participants(gid) == sorted([ANNA, JONAS]), "Mia is out"
                )
                said_out = mia.group.groups[gid].reports[MIA][0]
                async with mia.calls.lock:  # her receive pump shares the ratchets
                    await _forge(mia.person, JONAS, GroupPresence(1, gid, cid, said_out - 1, True))
                    later = max(_ms(mia.person), said_out + 1)
                    beat = GroupPresence(1, gid, cid, later, True, heartbeat=True)
                    await _forge(mia.person, JONAS, beat)
                    await mia.person.messenger.send_text(cid, "Bin gleich wieder da.")
                await until_shown(jonas, cid, "Bin gleich wieder da.")
                assert jonas.group.participants(gid) == sorted([ANNA, JONAS])
                assert jonas.group.connected(gid) == [ANNA]
            finally:
                for p in phones:
                    await p.close()

    asyncio.run(scenario())
