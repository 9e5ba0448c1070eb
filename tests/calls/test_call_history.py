"""Every call is kept in the container's call history (real relay, real aiortc), shown
by `client calls`, and goes with its conversation and with retention."""

from __future__ import annotations

import asyncio
import json
import re
from datetime import timedelta
from pathlib import Path
from typing import Any

from desktop_app.domain.call_state import CallState
from desktop_app.domain.system_lines import english
from desktop_app.services import call_history, deletion
from desktop_app.services.call_media import CallMedia
from tests.calls.conftest import Phone
from tests.calls.test_call_cli import _client


async def _held_and_missed(anna: Phone, jonas: Phone) -> str:
    """A held call from Anna to Jonas, then one she gives up while it rings."""
    held = await anna.calls.place("mueller.jonas", CallMedia())
    assert await jonas.calls.next_incoming(15) == held
    accepting = asyncio.create_task(jonas.calls.accept(held, CallMedia()))
    assert await anna.calls.wait_answer(held, 15) is CallState.ACTIVE
    assert await accepting is CallState.ACTIVE
    await anna.calls.hangup(held)
    assert await jonas.calls.wait_end(held, 15) is CallState.ENDED
    missed = await anna.calls.place("mueller.jonas", CallMedia())
    assert await jonas.calls.next_incoming(15) == missed
    await anna.calls.hangup(missed)
    assert await jonas.calls.wait_end(missed, 15) is CallState.ENDED
    return anna.calls.calls[held].conversation_id


def test_calls_are_kept_listed_and_purged(make_ward: Any, tmp_path: Path) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            anna_p = await w.person("weber.anna")
            jonas_p = await w.person("mueller.jonas")
            anna, jonas = Phone(anna_p), Phone(jonas_p)
            try:
                cid = await _held_and_missed(anna, jonas)
            finally:
                for phone in (anna, jonas):
                    await phone.close()
            mine = call_history.listing(anna_p.session)
            assert [(c["kind"], c["outcome"]) for c in mine] == [
                ("outgoing", "cancelled"),
                ("outgoing", "hangup"),
            ]
            assert mine[0]["started_ms"] >= mine[1]["started_ms"]  # type: ignore[operator]
            assert all(c["conversation_id"] == cid for c in mine)
            assert mine[1]["participants"] == ["mueller.jonas", "weber.anna"]
            assert mine[0]["duration_s"] == 0
            # Retention removes calls as it removes messages.
            now = anna_p.session.clock()
            anna_p.session.clock = lambda: now + timedelta(days=100)
            deletion.apply_retention(anna_p.session, 90)
            assert call_history.listing(anna_p.session) == []

            port = w.relay.port
            for p in (anna_p, jonas_p):  # the CLI opens the containers itself
                await p.session.close()
                p.container.close()
            w.people.clear()
            code, out, err = await _run(jonas_p.profile, port, "calls", "--json")
            assert code == 0, err
            rows = [json.loads(line) for line in out.splitlines()]
            assert [(r["kind"], r["peer"]) for r in rows] == [
                ("missed", "weber.anna"),
                ("incoming", "weber.anna"),
            ]
            assert rows[1]["outcome"] == "remote_hangup"
            code, out, err = await _run(jonas_p.profile, port, "calls")
            assert code == 0, err
            assert "missed" in out.splitlines()[0] and "weber.anna" in out
            # Deleting the conversation deletes its calls.
            code, out, err = await _run(jonas_p.profile, port, "conversation", "delete", cid)
            assert code == 0, err
            code, out, err = await _run(jonas_p.profile, port, "calls", "--json")
            assert (code, out) == (0, ""), err

    asyncio.run(scenario())


async def _run(profile: Path, port: int, *args: str) -> tuple[int, str, str]:
    proc = await _client(profile, port, *args)
    out, err = await asyncio.wait_for(proc.communicate(), 60)
    assert proc.returncode is not None
    return proc.returncode, out.decode(), err.decode()


def test_every_call_leaves_a_line_that_says_which_way_it_went(make_ward: Any) -> None:
    """Held (direction and duration), declined, busy and not answered, each on both sides
    as the person there would put it; the history keeps the declined and busy calls too."""

    async def scenario() -> None:
        async with make_ward() as w:
            anna_p, jonas_p = await w.person("weber.anna"), await w.person("mueller.jonas")
            bert_p = await w.person("klein.bert")
            anna, jonas, bert = Phone(anna_p), Phone(jonas_p), Phone(bert_p)
            try:
                cid = await _held_and_missed(anna, jonas)
                declined = await anna.calls.place("mueller.jonas", CallMedia())
                assert await jonas.calls.next_incoming(15) == declined
                await jonas.calls.decline(declined)
                assert await anna.calls.wait_answer(declined, 15) is CallState.ENDED
                anna.calls.ring_timeout_s = 1.0  # 45 s in the product
                unanswered = await anna.calls.place("mueller.jonas", CallMedia())
                assert await jonas.calls.next_incoming(15) == unanswered
                assert await anna.calls.wait_answer(unanswered, 15) is CallState.ENDED
                assert await jonas.calls.wait_end(unanswered, 15) is CallState.ENDED
                # Jonas in a call with Bert: Anna's call finds him busy.
                talking = await bert.calls.place("mueller.jonas", CallMedia())
                assert await jonas.calls.next_incoming(15) == talking
                accepting = asyncio.create_task(jonas.calls.accept(talking, CallMedia()))
                assert await bert.calls.wait_answer(talking, 15) is CallState.ACTIVE
                assert await accepting is CallState.ACTIVE
                busy = await anna.calls.place("mueller.jonas", CallMedia())
                assert await anna.calls.wait_answer(busy, 15) is CallState.ENDED
                await bert.calls.hangup(talking)
            finally:
                for phone in (anna, jonas, bert):
                    await phone.close()

            def lines(person: Any) -> list[str]:
                bodies = [m.body for m in person.messenger.history(cid)]
                return [english(b) for b in bodies if "call" in english(b).lower()]

            held = r"Outgoing call to mueller\.jonas, 0:0\d\."
            assert re.fullmatch(held, lines(anna_p)[0]), lines(anna_p)
            assert lines(anna_p)[1:] == [
                "Outgoing call to mueller.jonas: declined.",
                "Outgoing call to mueller.jonas: no answer.",
                "Outgoing call to mueller.jonas: busy.",
            ]
            assert re.fullmatch(r"Incoming call from weber\.anna, 0:0\d\.", lines(jonas_p)[0])
            assert lines(jonas_p)[1:] == [
                "Missed call from weber.anna.",  # she gave up while it rang
                "Incoming call from weber.anna: declined.",
                "Missed call from weber.anna.",  # nobody answered
                "Missed call from weber.anna.",  # he was in another call
            ]
            outcomes = [c["outcome"] for c in call_history.listing(jonas_p.session)]
            assert "declined" in outcomes and "busy" in outcomes

    asyncio.run(scenario())
