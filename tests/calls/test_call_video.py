"""1:1 video calls through a real relay over loopback: a test pattern arrives with its
frame count and colours, audio still flows; video off by policy answers audio-only."""

from __future__ import annotations

import asyncio
import fractions
from pathlib import Path
from typing import Any

import av
import numpy as np
import pytest

from desktop_app.domain.call_state import CallState
from desktop_app.services.call_media import CallMedia, CallRefused
from tests.calls.conftest import Phone, dominant_hz, tone

FPS = 30
SIZE = (320, 240)
RED, BLUE = (220, 20, 20), (20, 20, 220)


def pattern(path: Path, seconds_each: float = 1.0) -> int:
    """Solid red frames, then solid blue ones (320x240 at 30 fps); returns the count."""
    count = int(FPS * seconds_each)
    with av.open(str(path), "w") as container:
        stream = container.add_stream("mpeg4", rate=FPS)
        stream.width, stream.height = SIZE
        stream.pix_fmt = "yuv420p"
        stream.bit_rate = 2_000_000
        for i, colour in enumerate([RED] * count + [BLUE] * count):
            rgb = np.full((SIZE[1], SIZE[0], 3), colour, np.uint8)
            frame = av.VideoFrame.from_ndarray(rgb, format="rgb24")
            frame.pts, frame.time_base = i, fractions.Fraction(1, FPS)
            container.mux(stream.encode(frame))
        container.mux(stream.encode(None))
    return 2 * count


def mean_colours(path: Path) -> list[tuple[float, float, float]]:
    """The mean RGB of every frame of a recording."""
    with av.open(str(path)) as container:
        return [
            tuple(frame.to_ndarray(format="rgb24").reshape(-1, 3).mean(axis=0))
            for frame in container.decode(video=0)
        ]


def looks_like(colour: tuple[float, float, float], like: tuple[int, int, int]) -> bool:
    return all(abs(c - w) < 40 for c, w in zip(colour, like, strict=True))


async def _call(anna: Phone, jonas: Phone, tmp: Path, video_in: Path) -> str:
    call_id = await anna.calls.place(
        "mueller.jonas",
        CallMedia(tone(tmp / "a.wav", 440), tmp / "anna_hears.wav", video_in=video_in),
    )
    assert await jonas.calls.next_incoming(15) == call_id
    accepted = asyncio.create_task(
        jonas.calls.accept(
            call_id,
            CallMedia(
                tone(tmp / "j.wav", 880),
                tmp / "jonas_hears.wav",
                record_video=tmp / "jonas_sees.mp4",
            ),
        )
    )
    assert await anna.calls.wait_answer(call_id, 15) is CallState.ACTIVE
    assert await accepted is CallState.ACTIVE
    return call_id


def test_video_test_pattern_arrives_with_its_frames_and_colours(
    make_ward: Any, tmp_path: Path
) -> None:
    sent = pattern(tmp_path / "pattern.mp4")

    async def scenario() -> None:
        async with make_ward() as w:
            anna = Phone(await w.person("weber.anna"))
            jonas = Phone(await w.person("mueller.jonas"))
            try:
                call_id = await _call(anna, jonas, tmp_path, tmp_path / "pattern.mp4")
                offer = jonas.calls.calls[call_id].offer
                assert offer is not None and offer.video and "m=video" in offer.sdp
                assert "VP8/90000" in offer.sdp
                await asyncio.sleep(3.5)  # the 2 s pattern plays out (not an assertion)
                await anna.calls.hangup(call_id)
                assert await jonas.calls.wait_end(call_id, 10) is CallState.ENDED
            finally:
                await anna.close()
                await jonas.close()
        colours = mean_colours(tmp_path / "jonas_sees.mp4")
        assert sent * 0.8 <= len(colours) <= sent + 2, (len(colours), sent)
        reds = [i for i, c in enumerate(colours) if looks_like(c, RED)]
        blues = [i for i, c in enumerate(colours) if looks_like(c, BLUE)]
        assert len(reds) >= sent * 0.35 and len(blues) >= sent * 0.35, colours
        assert max(reds) < min(blues), "red came first, then blue"
        assert abs(dominant_hz(tmp_path / "anna_hears.wav") - 880) < 15
        assert abs(dominant_hz(tmp_path / "jonas_hears.wav") - 440) < 15

    asyncio.run(scenario())


def test_video_off_by_policy_answers_audio_only(make_ward: Any, tmp_path: Path) -> None:
    pattern(tmp_path / "pattern.mp4", 0.5)

    async def scenario() -> None:
        async with make_ward() as w:
            anna = Phone(await w.person("weber.anna"))
            jonas = Phone(await w.person("mueller.jonas"))
            jonas.calls.video_allowed = False  # what policy video_allowed=false sets
            try:
                call_id = await _call(anna, jonas, tmp_path, tmp_path / "pattern.mp4")
                link = jonas.calls.calls[call_id].link
                assert link is not None and link.pc.localDescription is not None
                answer = link.pc.localDescription.sdp
                video_part = answer[answer.index("m=video") :]
                assert "a=inactive" in video_part, answer
                await asyncio.sleep(2)  # media flows for a while (not an assertion)
                await anna.calls.hangup(call_id)
                assert await jonas.calls.wait_end(call_id, 10) is CallState.ENDED
            finally:
                await anna.close()
                await jonas.close()
        assert not (tmp_path / "jonas_sees.mp4").exists()
        assert abs(dominant_hz(tmp_path / "jonas_hears.wav") - 440) < 15
        assert abs(dominant_hz(tmp_path / "anna_hears.wav") - 880) < 15

    asyncio.run(scenario())


def test_video_call_refused_here_when_policy_forbids_video(make_ward: Any, tmp_path: Path) -> None:
    pattern(tmp_path / "pattern.mp4", 0.2)

    async def scenario() -> None:
        async with make_ward() as w:
            anna = Phone(await w.person("weber.anna"))
            jonas = Phone(await w.person("mueller.jonas"))
            anna.calls.video_allowed = False
            try:
                with pytest.raises(CallRefused, match="Video calls are switched off"):
                    await anna.calls.place(
                        "mueller.jonas", CallMedia(video_in=tmp_path / "pattern.mp4")
                    )
                assert await jonas.calls.next_incoming(1) is None  # nothing rang
                assert not any(not c.call.ended for c in anna.calls.calls.values())
            finally:
                await anna.close()
                await jonas.close()

    asyncio.run(scenario())
