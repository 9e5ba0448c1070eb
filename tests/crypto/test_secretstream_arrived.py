"""Reading the arrived part of a stream that is still being downloaded."""

from __future__ import annotations

import io
import os

import pytest

from desktop_app.crypto.errors import StreamError
from desktop_app.crypto.secretstream import (
    CHUNK_BYTES,
    decrypt_arrived,
    encrypt_stream,
    plaintext_arrived,
)

KEY = bytes(range(32))


def _sealed(plain: bytes) -> bytes:
    out = io.BytesIO()
    encrypt_stream(io.BytesIO(plain), out, KEY)
    return out.getvalue()


def test_a_prefix_yields_exactly_its_complete_chunks() -> None:
    plain = os.urandom(3 * CHUNK_BYTES + 100)
    sealed = _sealed(plain)
    for cut in (0, 10, len(sealed) // 2, len(sealed) - 1, len(sealed)):
        got = b"".join(decrypt_arrived(io.BytesIO(sealed[:cut]), KEY, cut))
        assert plain.startswith(got)
        assert len(got) >= plaintext_arrived(cut)
    assert b"".join(decrypt_arrived(io.BytesIO(sealed), KEY, len(sealed))) == plain


def test_an_altered_arrived_chunk_is_refused_not_shown() -> None:
    sealed = bytearray(_sealed(os.urandom(3 * CHUNK_BYTES)))
    sealed[40] ^= 1  # inside the first chunk
    with pytest.raises(StreamError, match="altered"):
        list(decrypt_arrived(io.BytesIO(bytes(sealed)), KEY, len(sealed) - 5))
