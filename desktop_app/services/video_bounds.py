"""What a peer's call video may make this PC decode (docs/calls.md "Video size").

aiortc decodes whatever picture size the sender's VP8 keyframe names, up to
16383x16383 (268 million pixels, 400 MB a picture), and FFmpeg's H.264 likewise; a
colleague's modified client can send such pictures cheaply (a grey 8K keyframe is a
few kB), and every one is decoded, converted and handed on to be shown or recorded.
An honest WardLink PC sends at most 1280 pixels wide (the camera 640, a shared screen
1280; ui/calls/camera.py, screen.py).

``guard_video_receiver`` puts a ``BoundedDecoderQueue`` between an aiortc video
receiver's jitter buffer and its decoder thread: a VP8 keyframe naming more than
``MAX_VIDEO_PIXELS`` is dropped before it is decoded, with the frames that depend on
it, and frames of any other codec are not decoded at all (WardLink sends VP8).
"""

from __future__ import annotations

import logging
import queue
from typing import Any, Final

from aiortc import RTCRtpReceiver

log = logging.getLogger("wardlink.calls")

MAX_VIDEO_PIXELS: Final = 2048 * 2048  # a portrait 4K screen shared at 1280 wide: 2.9 M
DECODED_CODEC: Final = "VP8"
_VP8_START_CODE: Final = b"\x9d\x01\x2a"
_DIMENSION_MASK: Final = 0x3FFF  # the top two bits are an upscaling hint, not decoded
_QUEUE_ATTRIBUTE: Final = "_RTCRtpReceiver__decoder_queue"  # aiortc 1.9 .. 1.16
_THREAD_ATTRIBUTE: Final = "_RTCRtpReceiver__decoder_thread"


def vp8_keyframe_size(data: bytes) -> tuple[int, int] | None:
    """The picture size a VP8 frame names (RFC 6386 9.1), or None for an inter frame.

    A keyframe too short to name its size is named 0x0 (libvpx refuses it)."""
    if not data or data[0] & 1:
        return None
    if len(data) < 10 or data[3:6] != _VP8_START_CODE:
        return (0, 0)
    width = int.from_bytes(data[6:8], "little") & _DIMENSION_MASK
    height = int.from_bytes(data[8:10], "little") & _DIMENSION_MASK
    return (width, height)


class BoundedDecoderQueue(queue.Queue[Any]):
    """The decoder thread's input: only VP8 pictures of at most ``MAX_VIDEO_PIXELS``.

    After a refused keyframe its inter frames are dropped too, until a keyframe of an
    allowed size (they would be decoded against the previous picture). The ``None``
    that stops the thread always passes."""

    def __init__(self) -> None:
        super().__init__()
        self.refused = 0  # encoded frames dropped (a test counts them)
        self._waiting_for_keyframe = False

    def put(self, item: Any, block: bool = True, timeout: float | None = None) -> None:
        if item is not None and not self._admits(*item):
            self.refused += 1
            return
        super().put(item, block, timeout)

    def _admits(self, codec: Any, encoded_frame: Any) -> bool:
        if codec.name != DECODED_CODEC:
            if self.refused == 0:
                log.warning("call video in %s is not decoded (only VP8)", codec.name)
            return False
        size = vp8_keyframe_size(encoded_frame.data)
        if size is None:
            return not self._waiting_for_keyframe
        width, height = size
        self._waiting_for_keyframe = width * height > MAX_VIDEO_PIXELS
        if self._waiting_for_keyframe:
            log.warning("call video of %dx%d pixels is not decoded", width, height)
        return not self._waiting_for_keyframe


def guard_video_receiver(receiver: RTCRtpReceiver) -> None:
    """Before the receiver starts decoding (on the ``track`` event): bound its input.

    Raises ``RuntimeError`` if aiortc no longer has the queue or already started the
    decoder: video must not then be decoded unbounded without anyone noticing."""
    started = getattr(receiver, _THREAD_ATTRIBUTE, "missing") is not None
    if started or not hasattr(receiver, _QUEUE_ATTRIBUTE):
        raise RuntimeError("aiortc's video receiver cannot be bounded (version changed?)")
    if not isinstance(getattr(receiver, _QUEUE_ATTRIBUTE), BoundedDecoderQueue):
        setattr(receiver, _QUEUE_ATTRIBUTE, BoundedDecoderQueue())
