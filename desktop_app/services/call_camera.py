"""Live call video between a camera layer and aiortc tracks (no Qt here).

The GUI's camera layer (ui/calls/camera.py: QtMultimedia, or a solid-colour fake in
tests) and the call window only exchange ``RgbFrame``s through a ``FrameBuffer``: the
latest frame, thread-safe, with a counter so a painter sees whether it changed. Frames
are dropped, never queued: a late video frame is worth nothing in a call.

* ``CameraTrack`` sends the latest frame of its ``source`` (the camera's buffer, or the
  screen's while sharing: ``SCREEN_FPS``) ``fps`` times a second; with no source (camera
  off) or no frame yet a small black frame, so switching needs no renegotiation (the
  signalling has no re-offer) and the peer sees black.
* ``show_video`` decodes the peer's track into a ``FrameBuffer`` (at most
  ``DISPLAY_FPS``, scaled to at most ``DISPLAY_MAX_WIDTH``) until the call ends. The
  black frames of a camera that was never switched on are not put there: in a call
  where nobody sends a picture, the window opens no (black) video box.
"""

from __future__ import annotations

import asyncio
import contextlib
import fractions
import threading
import time
from dataclasses import dataclass
from typing import Final

import numpy as np
from aiortc import MediaStreamTrack
from aiortc.mediastreams import MediaStreamError
from av import VideoFrame

CAMERA_FPS: Final = 15  # a ward call shows a face or a monitor curve, not sport
SCREEN_FPS: Final = 5  # a shared screen changes slowly; sharp beats smooth
DISPLAY_FPS: Final = 15
DISPLAY_MAX_WIDTH: Final = 1280
VIDEO_CLOCK: Final = 90_000  # RTP video clock rate
OFF_SIZE: Final = (320, 240)  # what a switched-off camera sends: black, small
_BLACK: Final = np.zeros((OFF_SIZE[1], OFF_SIZE[0], 3), np.uint8)
OFF_MAX_LUMA: Final = 24  # brightest grey (0-255) a decoded "camera off" frame may show


@dataclass(frozen=True, slots=True)
class RgbFrame:
    """One picture: ``width`` x ``height`` pixels, packed RGB24 rows."""

    width: int
    height: int
    data: bytes


class FrameBuffer:
    """The latest frame, shared by the GUI thread and the loop thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._frame: RgbFrame | None = None
        self.count = 0  # frames put so far (a painter compares it)

    def show(self, frame: RgbFrame) -> None:
        with self._lock:
            self._frame = frame
            self.count += 1

    def latest(self) -> RgbFrame | None:
        with self._lock:
            return self._frame

    def clear(self) -> None:
        with self._lock:
            self._frame = None


class CameraTrack(MediaStreamTrack):
    """An aiortc video track fed from a ``FrameBuffer`` (the camera's)."""

    kind = "video"

    def __init__(self) -> None:
        super().__init__()
        self.source: FrameBuffer | None = None  # set on the loop thread (LiveCalls.send_picture)
        self.fps = CAMERA_FPS
        self._start: float | None = None
        self._next = 0.0

    async def recv(self) -> VideoFrame:
        if self.readyState != "live":
            raise MediaStreamError
        now = time.monotonic()
        if self._start is None:
            self._start = self._next = now
        else:
            self._next = max(self._next + 1 / self.fps, now - 1)  # no burst after a stall
            if self._next > now:
                await asyncio.sleep(self._next - now)
        source = self.source
        picture = source.latest() if source is not None else None
        if picture is None:
            frame = VideoFrame.from_ndarray(_BLACK, format="rgb24")
        else:
            pixels = np.frombuffer(picture.data, np.uint8)
            frame = VideoFrame.from_ndarray(
                pixels.reshape(picture.height, picture.width, 3), format="rgb24"
            )
        frame.pts = round((self._next - self._start) * VIDEO_CLOCK)
        frame.time_base = fractions.Fraction(1, VIDEO_CLOCK)
        return frame


def to_rgb(frame: VideoFrame, max_width: int = DISPLAY_MAX_WIDTH) -> RgbFrame:
    """A decoded frame as packed RGB24, scaled down to ``max_width`` (aspect kept)."""
    width, height = frame.width, frame.height
    if width > max_width:
        width, height = max_width, max(2, round(height * max_width / width) // 2 * 2)
    array = frame.to_ndarray(width=width, height=height, format="rgb24")
    return RgbFrame(width, height, array.tobytes())


def is_camera_off(frame: VideoFrame) -> bool:
    """The small black frame a ``CameraTrack`` sends while it has no picture (as decoded
    by the peer: the codec leaves it near black, not exactly)."""
    if (frame.width, frame.height) != OFF_SIZE:
        return False  # a camera's or a screen's picture: no need to look at the pixels
    return int(frame.to_ndarray(format="gray").max()) <= OFF_MAX_LUMA


async def show_video(track: MediaStreamTrack, sink: FrameBuffer) -> None:
    """Until the peer's track ends: its frames into ``sink`` (DISPLAY_FPS at most), from
    its first real picture on (a camera switched off later shows black, as before)."""
    shown = 0.0
    pictured = False
    with contextlib.suppress(MediaStreamError):
        while True:
            frame = await track.recv()
            now = time.monotonic()
            if not isinstance(frame, VideoFrame) or now - shown < 1 / DISPLAY_FPS:
                continue
            if not pictured:
                if is_camera_off(frame):
                    continue  # nobody sends a picture yet: the window opens no box
                pictured = True
            shown = now
            sink.show(to_rgb(frame))
