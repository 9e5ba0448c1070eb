"""Group call sound on one PC: one microphone sent on every leg of the mesh, and every
peer's voice mixed into one speaker (no Qt here; services/live_group_calls.py uses it).

* ``SharedMicrophone`` reads the device once per 20 ms frame and hands the same frame
  to each leg's ``PcmSourceTrack`` (a device read twice would give each peer half the
  sound). A reader that falls more than ``KEPT_FRAMES`` behind skips ahead.
* ``AudioMixer`` gives each peer a lane (a ``PcmOutput``) and, every 20 ms on the loop,
  adds one frame of each lane (silence where a lane is empty) and writes the sum to the
  speaker. Where voices together exceed full scale a limiter turns the whole frame down
  (at once) and back up (over ``RELEASE_MS``): hard clipping would add tones nobody spoke
  (two voices at 660 and 880 Hz clipped give a clear 440 Hz). A lane keeps at most
  ``LANE_MAX_MS`` (more is delay, not sound). It also keeps each lane's loudness so the
  window can show who speaks.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections import deque
from typing import Final

import numpy as np

from desktop_app.services.call_audio import (
    FRAME_SAMPLES,
    SAMPLE_BYTES,
    SAMPLE_RATE,
    PcmInput,
    PcmOutput,
)

KEPT_FRAMES: Final = 25  # 500 ms of microphone frames for legs that read late
LANE_MAX_MS: Final = 200
SPEAKING_LEVEL: Final = 0.02  # RMS (of full scale) above which a peer counts as speaking
RELEASE_MS: Final = 250  # a limiter turned all the way down comes back up within this
_FULL_SCALE: Final = 32767
_FRAME_MS: Final = 1000 * FRAME_SAMPLES / SAMPLE_RATE
_FRAME_BYTES: Final = FRAME_SAMPLES * SAMPLE_BYTES
_LANE_MAX_BYTES: Final = SAMPLE_RATE * SAMPLE_BYTES * LANE_MAX_MS // 1000


class SharedMicrophone:
    """One microphone, read once per frame, for any number of legs (any thread)."""

    def __init__(self, source: PcmInput) -> None:
        self.source = source
        self._lock = threading.Lock()
        self._frames: deque[bytes] = deque(maxlen=KEPT_FRAMES)
        self._next = 0  # sequence number of the next frame read from the device

    def reader(self) -> PcmInput:
        return _MicReader(self)

    def frame(self, seq: int, samples: int) -> tuple[int, bytes]:
        """Frame ``seq`` (read from the device if nobody has yet); returns the sequence
        number actually given (later than asked if the reader fell behind)."""
        with self._lock:
            while self._next <= seq:
                self._frames.append(self.source.read(samples))
                self._next += 1
            oldest = self._next - len(self._frames)
            seq = max(seq, oldest)
            return seq, self._frames[seq - oldest]

    @property
    def newest(self) -> int:
        with self._lock:
            return self._next


class _MicReader:
    def __init__(self, shared: SharedMicrophone) -> None:
        self.shared = shared
        self._seq = shared.newest  # a leg that joins late starts with the next frame

    def read(self, samples: int) -> bytes:
        seq, pcm = self.shared.frame(self._seq, samples)
        self._seq = seq + 1
        return pcm


class _Lane:
    def __init__(self) -> None:
        self.data = bytearray()
        self.level = 0.0

    def write(self, pcm: bytes) -> None:
        self.data += pcm
        extra = len(self.data) - _LANE_MAX_BYTES
        if extra > 0:
            del self.data[: extra + extra % SAMPLE_BYTES]


class AudioMixer:
    """Peers' voices into one speaker; lanes are written and mixed on the loop thread."""

    def __init__(self, speaker: PcmOutput) -> None:
        self.speaker = speaker
        self._lanes: dict[str, _Lane] = {}
        self._task: asyncio.Task[None] | None = None
        self._gain = 1.0  # the limiter's gain at the end of the last frame

    def lane(self, peer: str) -> PcmOutput:
        lane = self._lanes.get(peer)
        if lane is None:
            lane = self._lanes[peer] = _Lane()
        return lane

    def drop(self, peer: str) -> None:
        self._lanes.pop(peer, None)

    def levels(self) -> dict[str, float]:
        """Each peer's loudness of its last frame, 0..1 (RMS of full scale)."""
        return {peer: lane.level for peer, lane in self._lanes.items()}

    def speaking(self) -> set[str]:
        return {peer for peer, level in self.levels().items() if level >= SPEAKING_LEVEL}

    def mix_once(self) -> bytes:
        """One frame: every lane's next 20 ms summed (limited); written to the speaker."""
        total = np.zeros(FRAME_SAMPLES, np.int32)
        for lane in self._lanes.values():
            chunk = bytes(lane.data[:_FRAME_BYTES])
            del lane.data[:_FRAME_BYTES]
            chunk = chunk[: len(chunk) - len(chunk) % SAMPLE_BYTES]
            samples = np.frombuffer(chunk, "<i2").astype(np.int32)
            lane.level = (
                float(np.sqrt(np.mean(samples.astype(float) ** 2)) / 32768) if len(samples) else 0.0
            )
            total[: len(samples)] += samples
        pcm: bytes = np.clip(self._limited(total), -32768, 32767).astype("<i2").tobytes()
        self.speaker.write(pcm)
        return pcm

    def _limited(self, total: np.ndarray) -> np.ndarray:
        """The frame scaled so its peak fits: down at once, up gradually, so a loud moment
        neither clips nor leaves the next seconds quiet or pumping."""
        peak = int(np.abs(total).max())
        fits = _FULL_SCALE / peak if peak > _FULL_SCALE else 1.0
        if fits < self._gain:  # too loud: this whole frame at the gain that fits
            self._gain = fits
            return np.rint(total * fits)
        if self._gain == 1.0:
            return total
        # Back up towards what fits, ramped over the frame so the change makes no click.
        rise = min(fits, self._gain + _FRAME_MS / RELEASE_MS)
        ramp = np.linspace(self._gain, rise, len(total))
        self._gain = rise
        return np.rint(total * ramp)

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run())

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._lanes.clear()

    async def _run(self) -> None:
        start, frames = time.monotonic(), 0
        while True:
            frames += 1
            wait = start + frames * FRAME_SAMPLES / SAMPLE_RATE - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            elif wait < -1:  # the loop stalled: no burst of catch-up frames
                start, frames = time.monotonic(), 0
            self.mix_once()
