"""Hostile and broken input: every case raises the right ProtocolError, never another."""

from __future__ import annotations

import random
from typing import Any

import msgspec
import pytest

from desktop_app.protocol import (
    FrameTooLarge,
    LimitExceeded,
    MalformedFrame,
    RemoteProtocolError,
    decode,
    encode,
)
from desktop_app.protocol.frames import ErrorCode
from desktop_app.protocol.limits import (
    MAX_ACK_BATCH,
    MAX_BLOB_CHUNK,
    MAX_BLOB_SIZE,
    MAX_CERTIFICATE_BYTES,
    MAX_CHAIN_LENGTH,
    MAX_CRL_BYTES,
    MAX_DEVICE_PAYLOAD_BYTES,
    MAX_DEVICES_PER_CLAIM,
    MAX_DEVICES_PER_UID,
    MAX_FRAME_BYTES,
    MAX_ID_CHARS,
    MAX_KEYS_PER_PUBLISH,
    MAX_PAYLOAD_BYTES,
    MAX_RECIPIENTS,
    MAX_TEXT_CHARS,
    MAX_UIDS_PER_FETCH,
)
from tests.protocol.frame_samples import CHALLENGE, SAMPLES, SIG


def raw(tag: str, **fields: Any) -> bytes:
    """A msgpack map as a peer could send it, bypassing our own encoder's checks."""
    return msgspec.msgpack.encode({"t": tag, **fields})


def envelope(**overrides: Any) -> bytes:
    fields: dict[str, Any] = {
        "req_id": 5,
        "envelope_id": "e1",
        "recipients": ["d1", "d2"],
        "payload": b"x",
        "per_device": {},
    }
    return raw("send_envelope", **(fields | overrides))


def chunk(**overrides: Any) -> bytes:
    fields: dict[str, Any] = {
        "req_id": 3,
        "blob_id": "b1",
        "offset": 0,
        "data": b"x",
        "last": False,
    }
    return raw("blob_chunk", **(fields | overrides))


# --- garbage ---------------------------------------------------------------------------


def test_random_bytes_are_malformed_never_a_crash() -> None:
    rng = random.Random(20261128)
    for _ in range(3000):
        data = rng.randbytes(rng.randrange(1, 300))
        with pytest.raises(MalformedFrame):
            decode(data)


def test_every_truncation_of_every_sample_is_malformed() -> None:
    for frame in SAMPLES:
        data = encode(frame)
        for cut in range(len(data)):
            with pytest.raises(MalformedFrame):
                decode(data[:cut])


def test_bit_flips_give_a_frame_or_a_protocol_error() -> None:
    rng = random.Random(7)
    outcomes = {"frame": 0, "error": 0}
    for frame in SAMPLES:
        data = bytearray(encode(frame))
        for _ in range(150):
            mutated = bytearray(data)
            position = rng.randrange(len(mutated))
            mutated[position] ^= 1 << rng.randrange(8)
            try:
                decode(bytes(mutated))
            except RemoteProtocolError as exc:
                assert isinstance(exc, MalformedFrame | LimitExceeded)
                outcomes["error"] += 1
            else:
                outcomes["frame"] += 1
    assert outcomes["error"] > 1000  # most flips break the frame ...
    assert outcomes["frame"] > 0  # ... but flips inside payload bytes legitimately do not


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\xc1",  # never-used msgpack opcode
        msgspec.msgpack.encode([1, 2, 3]),
        msgspec.msgpack.encode(42),
        msgspec.msgpack.encode(None),
        msgspec.msgpack.encode("ping"),
        msgspec.msgpack.encode({"req_id": 1}),  # no tag
        raw("teapot", req_id=1),  # unknown tag
        raw("Ping", req_id=1),  # tags are snake_case
        raw("ping", req_id=1, extra=True),  # unknown field
        raw("ping"),  # missing field
        raw("ping", req_id=1) + b"\x00",  # trailing bytes
        raw("ping", req_id="1"),  # wrong type
        raw("ping", req_id=1.0),
        raw("ping", req_id=0),  # requests never use req_id 0
        raw("ping", req_id=2**53),
        raw("ping", req_id=2**64 - 1),
        raw("hello", version=0, client_name="x"),
        raw("hello", version=1, client_name=None),
        raw("hello", version=1, client_name="x" * (MAX_TEXT_CHARS + 1)),
        raw("welcome", version=1, relay_id="r", challenge=CHALLENGE[:31], server_time_ms=0),
        raw("welcome", version=1, relay_id="r", challenge=CHALLENGE + b"!", server_time_ms=0),
        raw("welcome", version=1, relay_id="", challenge=CHALLENGE, server_time_ms=0),
        raw("authenticate", req_id=1, device_id="d", signature=SIG[:63]),
        raw("authenticate", req_id=1, device_id="d", signature=SIG.hex()),  # str, not bytes
        raw("authenticate", req_id=1, device_id="d" * (MAX_ID_CHARS + 1), signature=SIG),
        raw("error", req_id=0, code="teapot", message="", fatal=True),
        raw("error", req_id=0, code="internal", message="", fatal=1),
        raw("blob_stored", req_id=1, blob_id="b", sha256="A" * 64),
        raw("blob_stored", req_id=1, blob_id="b", sha256="a" * 63),
        envelope(payload="text, not bytes"),
        envelope(recipients="d1"),
        envelope(recipients=[""]),
        envelope(per_device={"d1": "olm as str"}),
    ],
)
def test_malformed_input_is_malformed_frame(data: bytes) -> None:
    with pytest.raises(MalformedFrame) as info:
        decode(data)
    assert info.value.code is ErrorCode.BAD_FRAME
    assert str(info.value)


@pytest.mark.parametrize(
    "data",
    [
        raw("blob_upload", req_id=1, blob_id="b", total_size=-1),
        raw("blob_download", req_id=1, blob_id="b", offset=-5),
        chunk(offset=-1),
        raw("acked", req_id=1, count=-1),
        raw("keys_published", req_id=1, one_time_key_count=-3),
        raw("authenticated", req_id=1, device_id="d", pending=-1),
        raw(
            "deliver",
            envelope_id="e",
            sender_uid="u",
            sender_device="d",
            received_ms=-1,
            payload=b"",
            device_payload=None,
        ),
    ],
)
def test_negative_numbers_are_malformed(data: bytes) -> None:
    with pytest.raises(MalformedFrame, match=">= 0"):
        decode(data)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (envelope(recipients=[]), "no recipients"),
        (envelope(recipients=["d1", "d1"]), "recipient twice"),
        (envelope(per_device={"d3": b"olm"}), "non-recipients"),
        (raw("ack_delivery", req_id=1, deliveries=[]), "acknowledges nothing"),
        (chunk(data=b"", last=False), "only the last BlobChunk may be empty"),
        (
            raw(
                "claimed_keys",
                req_id=1,
                keys={
                    "d1": {
                        "t": "claimed_key",
                        "device_id": "d2",
                        "certificate": b"c",
                        "one_time_key": None,
                        "fallback_key": None,
                    }
                },
            ),
            "maps 'd1' to a key of 'd2'",
        ),
    ],
)
def test_inconsistent_frames_are_malformed(data: bytes, message: str) -> None:
    with pytest.raises(MalformedFrame, match=message):
        decode(data)


# --- sizes and limits ------------------------------------------------------------------


def test_oversized_message_is_refused_before_parsing() -> None:
    big = chunk(data=b"\x00" * MAX_FRAME_BYTES)
    assert len(big) > MAX_FRAME_BYTES
    with pytest.raises(FrameTooLarge, match="MAX_FRAME_BYTES") as info:
        decode(big)
    assert info.value.code is ErrorCode.TOO_LARGE
    # Garbage of that size is refused for its size, not parsed.
    with pytest.raises(FrameTooLarge):
        decode(b"\xc1" * (MAX_FRAME_BYTES + 1))


def test_exactly_max_frame_bytes_is_parsed() -> None:
    with pytest.raises(MalformedFrame):  # parsed (and refused for content), not too large
        decode(b"\xc1" * MAX_FRAME_BYTES)


def _ids(n: int, prefix: str = "d") -> list[str]:
    return [f"{prefix}{i}" for i in range(n)]


@pytest.mark.parametrize(
    ("data", "limit_name"),
    [
        (envelope(recipients=_ids(MAX_RECIPIENTS + 1)), "MAX_RECIPIENTS"),
        (envelope(payload=b"x" * (MAX_PAYLOAD_BYTES + 1)), "MAX_PAYLOAD_BYTES"),
        (
            envelope(per_device={"d1": b"x" * (MAX_DEVICE_PAYLOAD_BYTES + 1)}),
            "MAX_DEVICE_PAYLOAD_BYTES",
        ),
        (chunk(data=b"x" * (MAX_BLOB_CHUNK + 1)), "MAX_BLOB_CHUNK"),
        (chunk(offset=MAX_BLOB_SIZE), "MAX_BLOB_SIZE"),
        (raw("blob_upload", req_id=1, blob_id="b", total_size=MAX_BLOB_SIZE + 1), "MAX_BLOB_SIZE"),
        (raw("blob_download", req_id=1, blob_id="b", offset=MAX_BLOB_SIZE + 1), "MAX_BLOB_SIZE"),
        (
            raw(
                "ack_delivery",
                req_id=1,
                deliveries=[["d1", e] for e in _ids(MAX_ACK_BATCH + 1, "e")],
            ),
            "MAX_ACK_BATCH",
        ),
        (
            raw(
                "publish_keys",
                req_id=1,
                one_time_keys=[
                    {"t": "signed_key", "key_id": k, "key": "key", "signature": b"s" * 64}
                    for k in _ids(MAX_KEYS_PER_PUBLISH + 1, "k")
                ],
                fallback_key=None,
            ),
            "MAX_KEYS_PER_PUBLISH",
        ),
        (
            raw("fetch_devices", req_id=1, uids=_ids(MAX_UIDS_PER_FETCH + 1, "u")),
            "MAX_UIDS_PER_FETCH",
        ),
        (
            raw("devices", req_id=1, certificates={"u": [b"c"] * (MAX_DEVICES_PER_UID + 1)}),
            "MAX_DEVICES_PER_UID",
        ),
        (
            raw("devices", req_id=1, certificates={"u": [b"c" * (MAX_CERTIFICATE_BYTES + 1)]}),
            "MAX_CERTIFICATE_BYTES",
        ),
        (
            raw("claim_keys", req_id=1, device_ids=_ids(MAX_DEVICES_PER_CLAIM + 1)),
            "MAX_DEVICES_PER_CLAIM",
        ),
        (
            raw(
                "enrolled",
                req_id=1,
                device_certificate=b"c",
                chain=[b"c"] * (MAX_CHAIN_LENGTH + 1),
                revocations=b"",
            ),
            "MAX_CHAIN_LENGTH",
        ),
        (raw("revocations", req_id=0, crl=b"x" * (MAX_CRL_BYTES + 1)), "MAX_CRL_BYTES"),
    ],
)
def test_limits_raise_limit_exceeded(data: bytes, limit_name: str) -> None:
    with pytest.raises(LimitExceeded, match=limit_name) as info:
        decode(data)
    assert info.value.code is ErrorCode.TOO_LARGE


def test_limit_exceeded_names_the_request() -> None:
    with pytest.raises(LimitExceeded) as info:
        decode(envelope(req_id=41, recipients=_ids(MAX_RECIPIENTS + 1)))
    assert info.value.req_id == 41
    assert "SendEnvelope: recipients is 1001, above MAX_RECIPIENTS=1000" in str(info.value)


def test_exactly_at_the_limits_is_fine() -> None:
    frame = decode(envelope(recipients=_ids(MAX_RECIPIENTS)))
    assert len(frame.recipients) == MAX_RECIPIENTS  # type: ignore[union-attr]
    frame = decode(chunk(data=b"x" * MAX_BLOB_CHUNK))
    assert len(frame.data) == MAX_BLOB_CHUNK  # type: ignore[union-attr]
