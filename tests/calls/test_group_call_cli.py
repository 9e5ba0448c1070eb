"""`wardlink client call GROUP_CONVERSATION` / `answer`: a three-way group call through
a real relay between three headless clients; each records every peer to its own file."""

from __future__ import annotations

import asyncio
import itertools
import json
from pathlib import Path
from typing import Any

from tests.calls.conftest import Phone, dominant_hz, tone
from tests.calls.test_call_cli import _client
from tests.calls.test_group_calls import ANNA, JONAS, MIA, TONES, _until


def test_group_call_from_the_cli(make_ward: Any, tmp_path: Path) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            people = [await w.person(uid) for uid in (ANNA, JONAS, MIA)]
            phones = [Phone(p) for p in people]  # receive the group's creation
            cid = await people[0].messenger.create_group("Visite 4B", [JONAS, MIA])
            for p in people[1:]:
                await _until(lambda c=p.container: c.conversations.state(cid) is not None, "known")
            for phone in phones:
                await phone.close()
            for p in people:  # the CLI opens the containers itself
                await p.session.close()
                p.container.close()
            w.people.clear()
            port = w.relay.port

            def media(uid: str) -> tuple[str, ...]:
                return (
                    "--send", str(tone(tmp_path / f"{uid}.wav", TONES[uid], 12)),
                    "--record", str(tmp_path / f"{uid}.wav.out.wav"),
                    "--call-interface", "127.0.0.1", "--json",
                )  # fmt: skip

            answering = [
                await _client(p.profile, port, "answer", "--wait", "60", "--seconds", "12",
                              *media(p.uid))
                for p in people[1:]
            ]  # fmt: skip
            calling = await _client(people[0].profile, port, "call", cid, "--seconds", "6",
                                    *media(ANNA))  # fmt: skip
            results = []
            for proc in (calling, *answering):
                out, err = await asyncio.wait_for(proc.communicate(), 120)
                events = [json.loads(x) for x in out.decode().splitlines() if x.startswith("{")]
                results.append((proc.returncode, events, err.decode()))
            for code, events, err in results:
                assert code == 0, (err, results[0])
                seen = [e for e in events if e["event"] == "participants"]
                assert any(e["participants"] == sorted([ANNA, JONAS, MIA]) for e in seen), seen
            for listener, speaker in itertools.permutations((ANNA, JONAS, MIA), 2):
                heard = dominant_hz(tmp_path / f"{listener}.wav.out.{speaker}.wav")
                assert abs(heard - TONES[speaker]) < 15, (listener, speaker, heard)

    asyncio.run(scenario())
