"""The limits fit together: the largest legal reply fits a frame, and encode refuses
to send what the peer would refuse."""

from __future__ import annotations

import pytest

from desktop_app.domain.ids import DeviceId, EnvelopeId, Uid
from desktop_app.protocol import LocalProtocolError, decode, encode
from desktop_app.protocol.frames import (
    BlobChunk,
    ClaimedKey,
    ClaimedKeys,
    Deliver,
    Devices,
    DirectoryPage,
    Enrolled,
    ErrorCode,
    Frame,
    Ping,
    Revocations,
    SendEnvelope,
    SignedKey,
)
from desktop_app.protocol.limits import (
    MAX_BLOB_CHUNK,
    MAX_BLOB_SIZE,
    MAX_CERTIFICATE_BYTES,
    MAX_CHAIN_LENGTH,
    MAX_CRL_BYTES,
    MAX_DEVICE_PAYLOAD_BYTES,
    MAX_DEVICES_PER_CLAIM,
    MAX_DEVICES_PER_UID,
    MAX_DIRECTORY_ENTRY_BYTES,
    MAX_DIRECTORY_HEADER_BYTES,
    MAX_DIRECTORY_PAGE,
    MAX_FRAME_BYTES,
    MAX_ID_CHARS,
    MAX_KEY_CHARS,
    MAX_PAYLOAD_BYTES,
    MAX_RECIPIENTS,
    MAX_REQ_ID,
    MAX_UIDS_PER_FETCH,
)


def _long_id(i: int) -> str:
    return f"{i:06d}".ljust(MAX_ID_CHARS, "x")


KEY = "k" * MAX_KEY_CHARS
CERT = b"c" * MAX_CERTIFICATE_BYTES
SKEY = SignedKey("i" * MAX_ID_CHARS, KEY, b"s" * 64)

LARGEST_REPLIES: list[Frame] = [
    Devices(
        req_id=MAX_REQ_ID,
        certificates={
            Uid(_long_id(u)): [CERT] * MAX_DEVICES_PER_UID for u in range(MAX_UIDS_PER_FETCH)
        },
    ),
    ClaimedKeys(
        req_id=MAX_REQ_ID,
        keys={
            DeviceId(_long_id(d)): ClaimedKey(DeviceId(_long_id(d)), CERT, SKEY, SKEY)
            for d in range(MAX_DEVICES_PER_CLAIM)
        },
    ),
    Enrolled(
        req_id=MAX_REQ_ID,
        device_certificate=CERT,
        chain=[CERT] * MAX_CHAIN_LENGTH,
        revocations=b"r" * MAX_CRL_BYTES,
    ),
    Revocations(req_id=0, crl=b"r" * MAX_CRL_BYTES),
    DirectoryPage(
        req_id=MAX_REQ_ID,
        version=2**63 - 1,
        header=b"h" * MAX_DIRECTORY_HEADER_BYTES,
        signature=b"s" * 64,
        changed=[b"e" * MAX_DIRECTORY_ENTRY_BYTES] * MAX_DIRECTORY_PAGE,
        removed=[],
        next_after=_long_id(5),
    ),
    Deliver(
        envelope_id=EnvelopeId(_long_id(1)),
        sender_uid=Uid(_long_id(2)),
        sender_device=DeviceId(_long_id(3)),
        received_ms=2**63 - 1,
        payload=b"p" * MAX_PAYLOAD_BYTES,
        device_payload=b"d" * MAX_DEVICE_PAYLOAD_BYTES,
    ),
    BlobChunk(
        req_id=MAX_REQ_ID,
        blob_id=_long_id(4),
        offset=MAX_BLOB_SIZE - MAX_BLOB_CHUNK,
        data=b"b" * MAX_BLOB_CHUNK,
        last=True,
    ),
]


@pytest.mark.parametrize("frame", LARGEST_REPLIES, ids=lambda f: type(f).__name__)
def test_largest_legal_relay_frame_fits_one_frame(frame: Frame) -> None:
    data = encode(frame)
    assert len(data) <= MAX_FRAME_BYTES
    assert decode(data) == frame


def test_an_envelope_can_outgrow_the_frame_and_encode_says_so() -> None:
    recipients = [DeviceId(f"d{i}") for i in range(MAX_RECIPIENTS)]
    too_big = SendEnvelope(
        req_id=1,
        envelope_id=EnvelopeId("e"),
        recipients=recipients,
        payload=b"",
        per_device=dict.fromkeys(recipients, b"o" * MAX_DEVICE_PAYLOAD_BYTES),
    )
    with pytest.raises(LocalProtocolError, match="MAX_FRAME_BYTES") as info:
        encode(too_big)
    assert info.value.code is ErrorCode.TOO_LARGE


def test_encode_refuses_what_the_peer_would_refuse() -> None:
    with pytest.raises(LocalProtocolError, match="MAX_RECIPIENTS") as info:
        encode(
            SendEnvelope(
                req_id=9,
                envelope_id=EnvelopeId("e"),
                recipients=[DeviceId(f"d{i}") for i in range(MAX_RECIPIENTS + 1)],
                payload=b"",
                per_device={},
            )
        )
    assert info.value.code is ErrorCode.TOO_LARGE
    assert info.value.req_id == 9
    with pytest.raises(LocalProtocolError, match="MAX_BLOB_CHUNK"):
        encode(BlobChunk(1, "b", 0, b"x" * (MAX_BLOB_CHUNK + 1), last=False))
    with pytest.raises(LocalProtocolError, match=">= 1") as info:
        encode(Ping(req_id=0))
    assert info.value.code is ErrorCode.BAD_FRAME


def test_encode_refuses_wrong_python_types() -> None:
    with pytest.raises(LocalProtocolError, match="bytes"):
        encode(BlobChunk(1, "b", 0, "text instead of bytes", last=True))  # type: ignore[arg-type]
    with pytest.raises(LocalProtocolError):
        encode(Ping(req_id=object()))  # type: ignore[arg-type]


def test_directory_page_limits_and_consistency() -> None:
    page = DirectoryPage(1, 3, b"h", b"s" * 64, [b"e"] * MAX_DIRECTORY_PAGE, [Uid("x")], "")
    with pytest.raises(LocalProtocolError, match="MAX_DIRECTORY_PAGE"):
        encode(page)
    with pytest.raises(LocalProtocolError, match="MAX_DIRECTORY_ENTRY_BYTES"):
        encode(DirectoryPage(1, 3, b"h", b"s" * 64, [b"e" * 4097], [], ""))
    with pytest.raises(LocalProtocolError, match="signature is not 64 bytes"):
        encode(DirectoryPage(1, 3, b"h", b"short", [], [], ""))
    with pytest.raises(LocalProtocolError, match="version 0 must be empty"):
        encode(DirectoryPage(1, 0, b"", b"", [b"e"], [], ""))
    empty = DirectoryPage(1, 0, b"", b"", [], [], "")
    assert decode(encode(empty)) == empty
