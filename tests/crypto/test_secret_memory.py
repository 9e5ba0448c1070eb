"""The helpers that keep key material in buffers we can zero."""

from __future__ import annotations

import os

from desktop_app.crypto.secret_memory import hex_into, random_key, secret_buffer, wipe, wipe_bytes


def test_hex_into_matches_bytes_hex() -> None:
    key = os.urandom(32)
    assert hex_into(key, b"x'", b"'") == b"x'" + key.hex().encode() + b"'"
    assert hex_into(b"") == b""


def test_wipe_zeroes_bytearrays_and_views() -> None:
    buf = bytearray(b"geheim geheim")
    wipe(buf)
    assert buf == bytes(13)
    buf = bytearray(b"geheim geheim")
    wipe(memoryview(buf)[2:6])
    assert buf == b"ge\0\0\0\0 geheim"
    wipe(None)


def test_wipe_bytes_zeroes_a_fresh_bytes_object_in_place() -> None:
    data = os.urandom(48)
    wipe_bytes(data)
    assert data == bytes(48)


def test_secret_buffer_passes_bytearrays_through_and_encodes_str() -> None:
    buf = bytearray(b"abc")
    assert secret_buffer(buf) is buf
    assert secret_buffer("Grüße") == "Grüße".encode()
    assert len(random_key(32)) == 32 and random_key(32) != random_key(32)
