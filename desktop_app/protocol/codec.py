"""Frames <-> bytes. One websocket binary message carries exactly one encoded frame.

`decode` never lets a msgspec (or any other) exception escape: whatever the bytes, the
result is a frame or a `RemoteProtocolError` subclass naming what was wrong, so the
relay can answer with an Error frame and close just that connection. The size check
comes first, so an oversized message is never parsed.

`encode` applies the same rules to outgoing frames (by decoding what it produced), so
a frame this side can send is exactly a frame the peer accepts; violations raise
`LocalProtocolError` before anything is sent.
"""

from __future__ import annotations

from typing import Final

import msgspec

from desktop_app.protocol.errors import (
    FrameTooLarge,
    LimitExceeded,
    LocalProtocolError,
    MalformedFrame,
)
from desktop_app.protocol.frames import Frame
from desktop_app.protocol.frames_control import ErrorCode
from desktop_app.protocol.limits import MAX_FRAME_BYTES
from desktop_app.protocol.validation import find_problem

_ENCODER: Final = msgspec.msgpack.Encoder()
_DECODER: Final[msgspec.msgpack.Decoder[Frame]] = msgspec.msgpack.Decoder(Frame)


def _req_id_of(frame: object) -> int:
    req_id = getattr(frame, "req_id", 0)
    return req_id if isinstance(req_id, int) else 0


def _parse(data: bytes | bytearray | memoryview) -> Frame:
    """Size check and strict msgspec decoding; raises RemoteProtocolError subclasses."""
    if len(data) > MAX_FRAME_BYTES:
        raise FrameTooLarge(f"frame of {len(data)} bytes exceeds MAX_FRAME_BYTES={MAX_FRAME_BYTES}")
    if not data:
        raise MalformedFrame("empty message is not a frame")
    try:
        return _DECODER.decode(data)
    except msgspec.MsgspecError as exc:
        raise MalformedFrame(f"malformed frame: {exc}") from None
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:  # belt and braces
        raise MalformedFrame(f"malformed frame: {exc}") from None


def decode(data: bytes | bytearray | memoryview) -> Frame:
    """Bytes of one websocket message -> the frame, fully validated."""
    frame = _parse(data)
    problem = find_problem(frame)
    if problem is not None:
        error = LimitExceeded if problem.over_limit else MalformedFrame
        raise error(
            f"{type(frame).__name__}: {problem.message}",
            req_id=_req_id_of(frame),
        )
    return frame


def encode(frame: Frame) -> bytes:
    """The frame as one websocket message; refuses anything the peer would refuse."""
    try:
        data = _ENCODER.encode(frame)
    except (msgspec.MsgspecError, TypeError, ValueError, OverflowError) as exc:
        raise LocalProtocolError(f"cannot encode {type(frame).__name__}: {exc}") from None
    try:
        decode(data)
    except FrameTooLarge as exc:
        raise LocalProtocolError(
            f"{type(frame).__name__}: {exc.message}", code=ErrorCode.TOO_LARGE
        ) from None
    except (LimitExceeded, MalformedFrame) as exc:
        raise LocalProtocolError(
            f"refusing to send: {exc.message}", code=exc.code, req_id=_req_id_of(frame)
        ) from None
    return data
