"""`wardlink client call` / `answer`: two headless clients call through a real relay."""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path
from typing import Any

from tests.calls.conftest import dominant_hz, tone
from tests.calls.test_call_video import BLUE, RED, looks_like, mean_colours, pattern
from tests.conftest import PASSPHRASE
from tests.relay.conftest import wardlink_env


async def _client(profile: Path, port: int, *args: str) -> asyncio.subprocess.Process:
    env = wardlink_env() | {"WARDLINK_PASSPHRASE": PASSPHRASE}
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "desktop_app",
        "client",
        "--profile",
        str(profile),
        "--relay",
        f"127.0.0.1:{port}",
        *args,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        stdin=asyncio.subprocess.DEVNULL,
        env=env,
    )


async def _events(proc: asyncio.subprocess.Process) -> tuple[int, list[dict[str, Any]], str]:
    out, err = await asyncio.wait_for(proc.communicate(), 120)
    events = [json.loads(line) for line in out.decode().splitlines() if line.startswith("{")]
    assert proc.returncode is not None
    return proc.returncode, events, err.decode()


def test_headless_call_and_answer(make_ward: Any, tmp_path: Path) -> None:
    async def scenario() -> None:
        async with make_ward() as w:
            anna = await w.person("weber.anna")
            jonas = await w.person("mueller.jonas")
            port = w.relay.port
            for p in (anna, jonas):  # the CLI opens the containers itself
                await p.session.close()
                p.container.close()
            w.people.clear()
            media = ("--call-interface", "127.0.0.1", "--json")
            video = tmp_path / "pattern.mp4"
            sent = pattern(video, 0.5)
            answering = await _client(
                jonas.profile, port, "answer", "--wait", "60", "--seconds", "30",
                "--send", str(tone(tmp_path / "j.wav", 880, 8)),
                "--record", str(tmp_path / "jonas_hears.wav"),
                "--record-video", str(tmp_path / "jonas_sees.mp4"), *media,
            )  # fmt: skip
            calling = await _client(
                anna.profile, port, "call", "mueller.jonas", "--seconds", "3",
                "--send", str(tone(tmp_path / "a.wav", 440, 8)),
                "--record", str(tmp_path / "anna_hears.wav"),
                "--video-in", str(video), *media,
            )  # fmt: skip
            code_a, events_a, err_a = await _events(calling)
            code_j, events_j, err_j = await _events(answering)
            assert code_a == 0, err_a
            assert code_j == 0, err_j
            kinds_a = [e["event"] for e in events_a]
            assert kinds_a[-2:] == ["connected", "ended"], events_a
            assert events_a[-1]["reason"] == "hangup"
            assert isinstance(events_a[-2]["setup_ms"], int)
            assert [e["event"] for e in events_j] == ["incoming", "connected", "ended"]
            assert events_j[-1]["reason"] == "remote_hangup"
            assert abs(dominant_hz(tmp_path / "anna_hears.wav") - 880) < 15
            assert abs(dominant_hz(tmp_path / "jonas_hears.wav") - 440) < 15
            colours = mean_colours(tmp_path / "jonas_sees.mp4")
            assert sent * 0.8 <= len(colours) <= sent + 2, (len(colours), sent)
            assert looks_like(colours[0], RED) and looks_like(colours[-1], BLUE), colours

            # Declined: the caller exits 1 with one clear line.
            answering = await _client(jonas.profile, port, "answer", "--decline", *media)
            calling = await _client(anna.profile, port, "call", "mueller.jonas", *media)
            code_a, events_a, err_a = await _events(calling)
            code_j, _, _ = await _events(answering)
            assert (code_a, code_j) == (1, 0)
            assert events_a[-1]["reason"] == "declined"
            assert err_a.strip().splitlines()[-1] == (
                "wardlink: the call was not connected (declined)"
            )

            # Nobody of that name: refused with one clear line, nothing rings.
            calling = await _client(anna.profile, port, "call", "nobody.here", *media)
            code_a, events_a, err_a = await _events(calling)
            assert code_a == 1
            assert [e["event"] for e in events_a] == ["refused"]
            assert len(err_a.strip().splitlines()) == 1, err_a
            assert err_a.startswith("wardlink: ") and "nobody.here" in err_a

    asyncio.run(scenario())
