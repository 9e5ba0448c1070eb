"""Video of a call recorded to a file (the headless client's ``--record-video OUT.mp4``).

aiortc's own ``MediaRecorder`` encodes video with libx264 (GPL); WardLink ships no GPL
code (tests/test_licences.py), so the peer's decoded frames are written here with
FFmpeg's native MPEG-4 Part 2 encoder (LGPL) into an MP4 at their arrival timing.
What travels in the call is VP8 (aiortc's first preference; H.264 only if the peer
offers nothing else).
"""

from __future__ import annotations

import asyncio
import contextlib
import fractions
import logging
from pathlib import Path
from typing import Final

import av
from aiortc import MediaStreamTrack
from aiortc.mediastreams import MediaStreamError
from av import VideoFrame

log = logging.getLogger("wardlink.calls")

RECORD_CODEC: Final = "mpeg4"  # FFmpeg's own encoder: LGPL, plays everywhere
RECORD_BIT_RATE: Final = 2_000_000  # plenty for 640x480; a recording is for checking
RECORD_TIME_BASE: Final = fractions.Fraction(1, 1000)  # MPEG-4 allows <= 65535 ticks/s
RECORD_STOP_TIMEOUT_S: Final = 5.0


class VideoFileRecorder:
    """Writes the frames of one video track to ``path`` until the track ends."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.frames = 0
        self._task: asyncio.Task[None] | None = None

    def add(self, track: MediaStreamTrack) -> None:
        if self._task is None:  # one video track per call
            self._task = asyncio.create_task(self._record(track))

    async def stop(self) -> None:
        """After the peer connection closed (its tracks end): the rest is written."""
        if self._task is None:
            return
        try:
            await asyncio.wait_for(self._task, RECORD_STOP_TIMEOUT_S)
        except TimeoutError:
            log.warning("the video recording did not end in time; cut short")

    async def _record(self, track: MediaStreamTrack) -> None:
        container: av.container.OutputContainer | None = None
        stream: av.VideoStream | None = None
        first: float | None = None
        last_ms = -1
        try:
            while True:
                try:
                    frame = await track.recv()
                except MediaStreamError:
                    break
                if not isinstance(frame, VideoFrame) or frame.time is None:
                    continue
                if container is None or stream is None:
                    container = av.open(str(self.path), "w")
                    stream = container.add_stream(RECORD_CODEC, rate=30)
                    stream.width, stream.height = frame.width, frame.height
                    stream.pix_fmt = "yuv420p"
                    stream.bit_rate = RECORD_BIT_RATE
                    stream.codec_context.time_base = RECORD_TIME_BASE
                    first = frame.time
                assert first is not None
                at_ms = round((frame.time - first) * 1000)
                if at_ms <= last_ms:
                    continue  # a repeated timestamp: the encoder needs them rising
                last_ms = at_ms
                out = frame.reformat(stream.width, stream.height, "yuv420p")
                out.pts, out.time_base = at_ms, RECORD_TIME_BASE
                container.mux(stream.encode(out))
                self.frames += 1
        finally:
            if container is not None and stream is not None:
                with contextlib.suppress(av.error.FFmpegError):
                    container.mux(stream.encode(None))
                container.close()
