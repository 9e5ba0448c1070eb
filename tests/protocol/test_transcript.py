"""The signed transcripts are fixed, domain-separated and unambiguous."""

from __future__ import annotations

import pytest

from desktop_app.protocol import RequestIds, auth_transcript, enroll_transcript
from desktop_app.protocol.limits import MAX_REQ_ID
from desktop_app.protocol.transcript import AUTH_CONTEXT, ENROLL_CONTEXT

CHALLENGE = bytes(32)


def test_auth_transcript_layout() -> None:
    got = auth_transcript(CHALLENGE, "relay-1", "dev-anna")
    expected = (
        len(AUTH_CONTEXT).to_bytes(4, "big")
        + b"WardLink protocol v1 authenticate"
        + b"\x00\x00\x00\x20"
        + CHALLENGE
        + b"\x00\x00\x00\x07relay-1"
        + b"\x00\x00\x00\x08dev-anna"
    )
    assert got == expected


def test_enroll_transcript_binds_both_keys() -> None:
    base = {"curve25519": "C" * 43, "ed25519": "E" * 43}
    got = enroll_transcript(CHALLENGE, "relay-1", "dev", **base)
    assert got.startswith(len(ENROLL_CONTEXT).to_bytes(4, "big") + ENROLL_CONTEXT)
    assert got.endswith(b"\x00\x00\x00\x2b" + b"E" * 43)
    for field in base:
        changed = base | {field: base[field] + "x"}
        assert enroll_transcript(CHALLENGE, "relay-1", "dev", **changed) != got


def test_contexts_separate_enroll_from_authenticate() -> None:
    auth = auth_transcript(CHALLENGE, "r", "d")
    enroll = enroll_transcript(CHALLENGE, "r", "d", curve25519="", ed25519="")
    assert not enroll.startswith(auth)
    assert auth[4:] != enroll[4:]


def test_length_prefixes_make_field_boundaries_unambiguous() -> None:
    assert auth_transcript(CHALLENGE, "ab", "c") != auth_transcript(CHALLENGE, "a", "bc")


def test_every_input_matters() -> None:
    base = auth_transcript(CHALLENGE, "relay-1", "dev-anna")
    assert auth_transcript(b"\x01" + CHALLENGE[1:], "relay-1", "dev-anna") != base
    assert auth_transcript(CHALLENGE, "relay-2", "dev-anna") != base
    assert auth_transcript(CHALLENGE, "relay-1", "dev-jonas") != base


@pytest.mark.parametrize("length", [0, 31, 33])
def test_challenge_must_be_32_bytes(length: int) -> None:
    with pytest.raises(ValueError, match="32 bytes"):
        auth_transcript(bytes(length), "r", "d")


def test_request_ids_count_from_one_and_wrap_past_zero() -> None:
    ids = RequestIds()
    assert [ids.next() for _ in range(3)] == [1, 2, 3]
    ids._last = MAX_REQ_ID - 1
    assert ids.next() == MAX_REQ_ID
    assert ids.next() == 1
