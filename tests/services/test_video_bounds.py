"""The decoder input bound of call video (services/video_bounds.py), frame by frame:
VP8 keyframe sizes read from the header, oversized ones and their inter frames dropped,
other codecs never decoded."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from aiortc import RTCPeerConnection

from desktop_app.services.video_bounds import (
    MAX_VIDEO_PIXELS,
    BoundedDecoderQueue,
    guard_video_receiver,
    vp8_keyframe_size,
)


@dataclass
class Codec:
    name: str


@dataclass
class Encoded:
    data: bytes


VP8 = Codec("VP8")
_QUEUE = "_RTCRtpReceiver__decoder_queue"


def keyframe(width: int, height: int, scale_bits: int = 0) -> bytes:
    """A VP8 keyframe's first ten bytes (RFC 6386 9.1) and some payload."""
    size = (width | scale_bits << 14).to_bytes(2, "little")
    size += (height | scale_bits << 14).to_bytes(2, "little")
    return b"\x10\x02\x00\x9d\x01\x2a" + size + b"\x00" * 20


INTER = b"\x31\x02\x00" + b"\x00" * 20


def test_the_size_a_vp8_keyframe_names_is_read_without_its_scaling_bits() -> None:
    assert vp8_keyframe_size(keyframe(640, 480)) == (640, 480)
    assert vp8_keyframe_size(keyframe(16383, 16383, scale_bits=3)) == (16383, 16383)
    assert vp8_keyframe_size(INTER) is None
    assert vp8_keyframe_size(b"\x10\x02\x00\x00\x00\x00") == (0, 0)


def test_a_huge_keyframe_and_the_frames_after_it_are_dropped_until_an_allowed_one() -> None:
    q = BoundedDecoderQueue()
    stream = [keyframe(640, 480), INTER, keyframe(7680, 4320), INTER, INTER]
    stream += [keyframe(1280, 720), INTER]
    for data in stream:
        q.put((VP8, Encoded(data)))
    q.put(None)  # the decoder thread's stop always passes
    passed = []
    while (item := q.get_nowait()) is not None:
        passed.append(item[1].data)
    assert passed == [keyframe(640, 480), INTER, keyframe(1280, 720), INTER]
    assert q.refused == 3
    assert 2048 * 2048 <= MAX_VIDEO_PIXELS < 7680 * 4320


def test_video_in_another_codec_is_not_decoded() -> None:
    q = BoundedDecoderQueue()
    q.put((Codec("H264"), Encoded(b"\x00\x00\x00\x01\x67" + b"\x00" * 20)))
    assert q.empty() and q.refused == 1


def test_the_guard_takes_the_place_of_aiortcs_decoder_queue_once() -> None:
    async def guarded() -> object:
        pc = RTCPeerConnection()
        receiver = pc.addTransceiver("video", direction="recvonly").receiver
        guard_video_receiver(receiver)
        first = getattr(receiver, _QUEUE)
        guard_video_receiver(receiver)  # a second track event changes nothing
        assert getattr(receiver, _QUEUE) is first
        await pc.close()
        return first

    assert isinstance(asyncio.run(guarded()), BoundedDecoderQueue)
