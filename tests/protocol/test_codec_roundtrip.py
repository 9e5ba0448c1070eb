"""Every frame type survives encode -> decode unchanged, and the wire format is pinned."""

from __future__ import annotations

import msgspec
import pytest

from desktop_app.protocol import ALL_FRAME_TYPES, Frame, decode, encode
from desktop_app.protocol.frame_base import wire_tag
from desktop_app.protocol.frames import Error, ErrorCode, Ping, SendEnvelope
from tests.protocol.frame_samples import SAMPLES


@pytest.mark.parametrize("frame", SAMPLES, ids=lambda f: type(f).__name__)
def test_round_trip(frame: Frame) -> None:
    data = encode(frame)
    back = decode(data)
    assert type(back) is type(frame)
    assert back == frame
    assert encode(back) == data


def test_samples_cover_every_frame_type() -> None:
    assert {type(f) for f in SAMPLES} == set(ALL_FRAME_TYPES)
    assert len(ALL_FRAME_TYPES) == 41


def test_wire_tags_are_snake_case_and_unique() -> None:
    tags = [wire_tag(t.__name__) for t in ALL_FRAME_TYPES]
    assert len(set(tags)) == len(tags)
    assert wire_tag("SendEnvelope") == "send_envelope"
    assert wire_tag("BlobChunk") == "blob_chunk"
    assert wire_tag("Hello") == "hello"


def test_wire_format_is_a_tagged_msgpack_map() -> None:
    raw = msgspec.msgpack.decode(encode(Ping(req_id=7)))
    assert raw == {"t": "ping", "req_id": 7}
    env = msgspec.msgpack.decode(
        encode(SendEnvelope(1, "e1", ["d1", "d2"], b"\x00\xff", {"d2": b"olm"}))  # type: ignore[arg-type]
    )
    assert env == {
        "t": "send_envelope",
        "req_id": 1,
        "envelope_id": "e1",
        "recipients": ["d1", "d2"],
        "payload": b"\x00\xff",
        "per_device": {"d2": b"olm"},
        "blob_ids": [],
    }


def test_error_code_travels_as_its_string() -> None:
    frame = Error(req_id=3, code=ErrorCode.RATE_LIMITED, message="slow down", fatal=False)
    assert msgspec.msgpack.decode(encode(frame))["code"] == "rate_limited"
    back = decode(encode(frame))
    assert isinstance(back, Error)
    assert back.code is ErrorCode.RATE_LIMITED


def test_frames_are_frozen() -> None:
    frame = Ping(req_id=1)
    with pytest.raises(AttributeError):
        frame.req_id = 2  # type: ignore[misc]
