"""Live call audio between a sound device layer and aiortc tracks (no Qt here).

The GUI's device layer (ui/calls/devices.py: QtMultimedia, or a tone generator and a
recorder in tests) only moves PCM bytes: 48 kHz, mono, signed 16-bit little endian, from
any thread. This module turns that into what ``CallMedia.track`` / ``on_track`` want:

* ``PcmSourceTrack`` pulls one 20 ms frame per ``recv`` from a ``PcmInput``, paced by
  the clock like aiortc's own ``AudioStreamTrack``; muted, it sends silence (the peer
  keeps a steady stream, so unmuting needs no renegotiation).
* ``play_into`` reads the peer's decoded track on the loop, converts each frame to the
  same PCM format and hands it to a ``PcmOutput`` until the track ends (the call ended).
"""

from __future__ import annotations

import asyncio
import contextlib
import fractions
import time
from typing import Final, Protocol

import av
from aiortc import MediaStreamTrack
from aiortc.mediastreams import MediaStreamError
from av import AudioFrame, AudioResampler

SAMPLE_RATE: Final = 48_000  # Opus' native rate: no resampling on the way in
FRAME_SAMPLES: Final = 960  # 20 ms, what aiortc's Opus encoder packs per packet
SAMPLE_BYTES: Final = 2  # s16 mono


class PcmInput(Protocol):
    """A microphone: ``read`` returns exactly ``samples`` samples (silence if short)."""

    def read(self, samples: int) -> bytes: ...


class PcmOutput(Protocol):
    """A speaker: ``write`` takes any number of whole samples; thread-safe."""

    def write(self, pcm: bytes) -> None: ...


class PcmSourceTrack(MediaStreamTrack):
    """An aiortc audio track fed from a ``PcmInput``."""

    kind = "audio"

    def __init__(self, source: PcmInput) -> None:
        super().__init__()
        self.source = source
        self.muted = False  # set on the loop thread (LiveClient.mute_call)
        self._start: float | None = None
        self._pts = 0

    async def recv(self) -> AudioFrame:
        if self.readyState != "live":
            raise MediaStreamError
        if self._start is None:
            self._start = time.monotonic()
        else:
            self._pts += FRAME_SAMPLES
            wait = self._start + self._pts / SAMPLE_RATE - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
        pcm = self.source.read(FRAME_SAMPLES)
        if self.muted or len(pcm) != FRAME_SAMPLES * SAMPLE_BYTES:
            pcm = bytes(FRAME_SAMPLES * SAMPLE_BYTES)
        frame = AudioFrame(format="s16", layout="mono", samples=FRAME_SAMPLES)
        frame.planes[0].update(pcm)
        frame.sample_rate = SAMPLE_RATE
        frame.pts = self._pts
        frame.time_base = fractions.Fraction(1, SAMPLE_RATE)
        return frame


async def play_into(track: MediaStreamTrack, sink: PcmOutput) -> None:
    """Until the peer's track ends: its audio, as 48 kHz mono s16, into ``sink``."""
    resampler = AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
    with contextlib.suppress(MediaStreamError):
        while True:
            frame = await track.recv()
            if not isinstance(frame, AudioFrame):
                continue
            try:
                converted = resampler.resample(frame)
            except (ValueError, av.error.FFmpegError):
                continue  # one odd frame is dropped, not the call
            for out in converted:
                sink.write(bytes(out.planes[0])[: out.samples * SAMPLE_BYTES])
