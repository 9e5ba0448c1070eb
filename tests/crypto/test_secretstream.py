"""The attachment stream: round trips at chunk edges; truncation and tampering detected."""

from __future__ import annotations

import hashlib
import io
import os

import pytest

from desktop_app.crypto.errors import StreamError
from desktop_app.crypto.secretstream import (
    CHUNK_BYTES,
    KEY_BYTES,
    StreamSummary,
    StreamVerifier,
    decrypt_chunks,
    decrypt_stream,
    encrypt_stream,
    encrypted_size,
)

KEY = bytes(range(KEY_BYTES))
HEAD = 5 + 24
SEALED = CHUNK_BYTES + 17


def seal(data: bytes, key: bytes = KEY) -> bytes:
    out = io.BytesIO()
    summary = encrypt_stream(io.BytesIO(data), out, key)
    assert summary.size == len(data)
    return out.getvalue()


def open_(blob: bytes, key: bytes = KEY) -> bytes:
    out = io.BytesIO()
    decrypt_stream(io.BytesIO(blob), out, key)
    return out.getvalue()


@pytest.mark.parametrize(
    "size", [0, 1, CHUNK_BYTES - 1, CHUNK_BYTES, CHUNK_BYTES + 1, 3 * CHUNK_BYTES + 7]
)
def test_round_trip_at_chunk_edges(size: int) -> None:
    data = os.urandom(size)
    blob = seal(data)
    assert len(blob) == encrypted_size(size)
    assert open_(blob) == data


class CountingReader(io.BytesIO):
    largest = 0

    def read(self, n: int | None = -1) -> bytes:
        assert n is not None and n > 0, "reads must be bounded"
        CountingReader.largest = max(CountingReader.largest, n)
        return super().read(n)


def test_reads_are_bounded_by_the_chunk_size() -> None:
    data = os.urandom(5 * CHUNK_BYTES)
    blob = seal(data)
    chunks = list(decrypt_chunks(CountingReader(blob), KEY))
    assert CountingReader.largest <= SEALED
    assert all(len(c) <= CHUNK_BYTES for c in chunks) and b"".join(chunks) == data


def test_truncation_at_a_chunk_boundary_is_detected() -> None:
    blob = seal(os.urandom(3 * CHUNK_BYTES + 10))
    cut = blob[: HEAD + 2 * SEALED]
    with pytest.raises(StreamError, match="truncated"):
        open_(cut)


def test_truncation_inside_a_chunk_is_detected() -> None:
    blob = seal(os.urandom(2 * CHUNK_BYTES))
    with pytest.raises(StreamError):
        open_(blob[:-5])


def test_reordered_chunks_are_detected() -> None:
    blob = seal(os.urandom(3 * CHUNK_BYTES + 10))
    c1, c2 = blob[HEAD : HEAD + SEALED], blob[HEAD + SEALED : HEAD + 2 * SEALED]
    swapped = blob[:HEAD] + c2 + c1 + blob[HEAD + 2 * SEALED :]
    with pytest.raises(StreamError, match="altered"):
        open_(swapped)


def test_bit_flip_wrong_key_trailing_data_and_bad_header() -> None:
    blob = bytearray(seal(os.urandom(1000)))
    blob[HEAD + 10] ^= 1
    with pytest.raises(StreamError):
        open_(bytes(blob))
    good = seal(b"hello")
    with pytest.raises(StreamError):
        open_(good, key=bytes(KEY_BYTES))
    with pytest.raises(StreamError):
        open_(good + b"extra")
    full = seal(os.urandom(CHUNK_BYTES))  # final chunk of full size: extra is read apart
    with pytest.raises(StreamError, match="after its final chunk"):
        open_(full + b"extra")
    with pytest.raises(StreamError, match="header"):
        open_(b"PK\x03\x04 not ours at all, no no no")
    with pytest.raises(StreamError, match="key must be"):
        seal(b"x", key=b"short")


def verify(blob: bytes, piece: int, key: bytes = KEY) -> StreamSummary:
    """Feed ``blob`` to a StreamVerifier in pieces of ``piece`` bytes, as a download."""
    verifier = StreamVerifier(key)
    for at in range(0, len(blob), piece):
        verifier.feed(blob[at : at + piece])
    return verifier.finish()


@pytest.mark.parametrize(
    "size", [0, 1, CHUNK_BYTES - 1, CHUNK_BYTES, CHUNK_BYTES + 1, 3 * CHUNK_BYTES + 7]
)
@pytest.mark.parametrize("piece", [1000, SEALED, SEALED + 1, 1024 * 1024])
def test_verifier_agrees_with_decrypting_whatever_the_piece_size(size: int, piece: int) -> None:
    data = os.urandom(size)
    summary = verify(seal(data), piece)
    assert summary.size == size
    assert summary.sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize("piece", [7, SEALED, 1024 * 1024])
def test_verifier_refuses_what_decrypting_refuses(piece: int) -> None:
    blob = seal(os.urandom(3 * CHUNK_BYTES + 10))
    with pytest.raises(StreamError, match="truncated"):
        verify(blob[: HEAD + 2 * SEALED], piece)
    with pytest.raises(StreamError):
        verify(blob[:-5], piece)
    c1, c2 = blob[HEAD : HEAD + SEALED], blob[HEAD + SEALED : HEAD + 2 * SEALED]
    with pytest.raises(StreamError, match="altered"):
        verify(blob[:HEAD] + c2 + c1 + blob[HEAD + 2 * SEALED :], piece)
    flipped = bytearray(blob)
    flipped[HEAD + SEALED + 3] ^= 1
    with pytest.raises(StreamError, match="altered"):
        verify(bytes(flipped), piece)
    with pytest.raises(StreamError, match="altered"):
        verify(blob, piece, key=bytes(KEY_BYTES))
    full = seal(os.urandom(CHUNK_BYTES))
    with pytest.raises(StreamError, match="after its final chunk"):
        verify(full + b"extra", piece)
    with pytest.raises(StreamError):
        verify(seal(b"hello") + b"extra", piece)
    with pytest.raises(StreamError, match="header"):
        verify(b"PK\x03\x04 not ours at all, no no no", piece)
    with pytest.raises(StreamError, match="header"):
        verify(b"WLSS", piece)
