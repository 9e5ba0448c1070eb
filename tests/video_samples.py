"""Small video clips made with PyAV for the tests: a moving red bar on black."""

from __future__ import annotations

import io

import av
import numpy as np


def make_clip(
    codec: str = "libx264",
    fmt: str = "mp4",
    seconds: float = 1.0,
    fps: int = 25,
    size: tuple[int, int] = (160, 120),
    audio: bool = False,
) -> bytes:
    """An in-memory clip; with ``audio`` also one second of a 440 Hz tone (AAC/Opus)."""
    width, height = size
    out = io.BytesIO()
    with av.open(out, "w", format=fmt) as container:
        stream = container.add_stream(codec, rate=fps)
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        sound = None
        if audio:
            sound = container.add_stream("libopus" if fmt == "webm" else "aac", rate=48_000)
        for i in range(int(seconds * fps)):
            picture = np.zeros((height, width, 3), np.uint8)
            picture[:, : (i * 4) % width + 8] = (200, 40, 20)
            frame = av.VideoFrame.from_ndarray(picture, format="rgb24")
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
        if sound is not None:
            t = np.arange(48_000 * int(seconds)) / 48_000
            tone = (np.sin(2 * np.pi * 440 * t) * 0.3).astype(np.float32).reshape(1, -1)
            frame = av.AudioFrame.from_ndarray(tone, format="fltp", layout="mono")
            frame.sample_rate = 48_000
            for packet in [*sound.encode(frame), *sound.encode(None)]:
                container.mux(packet)
    return out.getvalue()
