"""A colleague's modified client sends call video of a huge resolution (8K here; VP8
allows up to 16383x16383): the callee's PC must not decode it (each such picture is
tens of MB to decode, scale and show), and the call's honest-sized video still shows.

Real relay, real aiortc over loopback; measured in pixels the callee decoded."""

from __future__ import annotations

import asyncio
import fractions
from pathlib import Path
from typing import Any

import numpy as np
from aiortc import MediaStreamTrack
from aiortc.mediastreams import MediaStreamError
from av import VideoFrame

from desktop_app.domain.call_state import CallState
from desktop_app.services.call_camera import VIDEO_CLOCK
from desktop_app.services.call_media import CallMedia
from desktop_app.services.video_bounds import MAX_VIDEO_PIXELS
from tests.calls.conftest import Phone, tone

_QUEUE = "_RTCRtpReceiver__decoder_queue"  # where video_bounds counts what it dropped

HUGE = (7680, 4320)  # 8K: 33 million pixels a picture
HONEST = (320, 240)
HUGE_FRAMES = 4
SEEN_WAIT_S = 30  # an upper bound on a loaded box, not a speed claim


class SizedFrames(MediaStreamTrack):
    """A modified sender's camera: ``HUGE_FRAMES`` grey 8K pictures, then small ones."""

    kind = "video"

    def __init__(self) -> None:
        super().__init__()
        self.sent = 0

    async def recv(self) -> VideoFrame:
        await asyncio.sleep(0.1)
        width, height = HUGE if self.sent < HUGE_FRAMES else HONEST
        frame = VideoFrame.from_ndarray(np.full((height, width, 3), 128, np.uint8), "rgb24")
        frame.pts = self.sent * VIDEO_CLOCK // 10
        frame.time_base = fractions.Fraction(1, VIDEO_CLOCK)
        self.sent += 1
        return frame


def test_video_of_a_huge_resolution_is_not_decoded_and_honest_video_still_shows(
    make_ward: Any, tmp_path: Path
) -> None:
    decoded: list[tuple[int, int]] = []
    honest_seen = asyncio.Event()

    async def watch(track: MediaStreamTrack) -> None:
        try:
            while True:
                frame = await track.recv()
                assert isinstance(frame, VideoFrame)
                decoded.append((frame.width, frame.height))
                if (frame.width, frame.height) == HONEST:
                    honest_seen.set()
        except MediaStreamError:
            pass

    watchers: list[asyncio.Task[None]] = []
    refused: list[int] = []

    async def scenario() -> None:
        modified = CallMedia(video_track=SizedFrames())  # no microphone: audio recvonly
        async with make_ward() as w:
            anna, jonas = [Phone(await w.person(uid)) for uid in ("weber.anna", "mueller.jonas")]
            try:
                call_id = await anna.calls.place("mueller.jonas", modified)
                assert await jonas.calls.next_incoming(15) == call_id
                media = CallMedia(
                    tone(tmp_path / "j.wav", 880),
                    on_video=lambda t: watchers.append(asyncio.create_task(watch(t))),
                )
                assert await jonas.calls.accept(call_id, media) is CallState.ACTIVE
                await asyncio.wait_for(honest_seen.wait(), SEEN_WAIT_S)
                link = jonas.calls.calls[call_id].link
                assert link is not None
                for transceiver in link.pc.getTransceivers():
                    if transceiver.kind == "video":
                        refused.append(getattr(getattr(transceiver.receiver, _QUEUE), "refused", 0))
                await anna.calls.hangup(call_id)
                assert await jonas.calls.wait_end(call_id, 10) is CallState.ENDED
            finally:
                await anna.close()
                await jonas.close()
                await asyncio.gather(*watchers, return_exceptions=True)

    asyncio.run(scenario())
    too_large = [size for size in decoded if size[0] * size[1] > MAX_VIDEO_PIXELS]
    assert too_large == [], f"the callee decoded {len(too_large)} pictures of {too_large[0]}"
    assert HONEST in decoded
    assert refused and refused[0] >= 1, "the 8K pictures reached the callee and were dropped"
