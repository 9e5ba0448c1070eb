"""1:1 audio calls between two enrolled people through a real relay, over loopback."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any

from desktop_app.domain.call_state import CallState
from desktop_app.domain.system_lines import english
from desktop_app.services.call_media import CallMedia
from tests.calls.conftest import Phone, dominant_hz, tone


def test_audio_call_each_side_hears_the_other(make_ward: Any, tmp_path: Path) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            anna = Phone(await w.person("weber.anna"))
            jonas = Phone(await w.person("mueller.jonas"))
            try:
                call_id = await anna.calls.place(
                    "mueller.jonas",
                    CallMedia(tone(tmp_path / "a.wav", 440), tmp_path / "anna_hears.wav"),
                )
                ringing = await jonas.calls.next_incoming(15)
                assert ringing == call_id
                offer = jonas.calls.calls[call_id].offer
                assert offer is not None
                # Only loopback host candidates, no STUN (server-reflexive) ones.
                candidates = re.findall(
                    r"a=candidate:\S+ \d+ udp \d+ (\S+) \d+ typ (\w+)", offer.sdp
                )
                assert candidates and set(candidates) == {("127.0.0.1", "host")}
                accepted = asyncio.create_task(
                    jonas.calls.accept(
                        call_id,
                        CallMedia(tone(tmp_path / "j.wav", 880), tmp_path / "jonas_hears.wav"),
                    )
                )
                assert await anna.calls.wait_answer(call_id, 15) is CallState.ACTIVE
                assert await accepted is CallState.ACTIVE
                await asyncio.sleep(2.5)  # media flows for a while (not an assertion)
                await anna.calls.hangup(call_id)
                assert await jonas.calls.wait_end(call_id, 10) is CallState.ENDED
                assert jonas.calls.calls[call_id].call.end_reason.value == "remote_hangup"  # type: ignore[union-attr]
                assert "ringing" in anna.kinds() and "connected" in anna.kinds()
                assert jonas.kinds()[:2] == ["incoming", "connected"]
                cid = jonas.calls.calls[call_id].conversation_id
                line = english(jonas.person.messenger.history(cid)[-1].body)
                assert re.fullmatch(r"Incoming call from weber\.anna, 0:0[23]\.", line), line
            finally:
                await anna.close()
                await jonas.close()
            assert abs(dominant_hz(tmp_path / "anna_hears.wav") - 880) < 15
            assert abs(dominant_hz(tmp_path / "jonas_hears.wav") - 440) < 15

    asyncio.run(scenario())
