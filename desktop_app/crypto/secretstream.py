"""Encrypt files of any size in bounded memory with libsodium's secretstream.

We do not build a chunked cipher mode ourselves: libsodium's
crypto_secretstream_xchacha20poly1305 already authenticates every chunk, their order,
and the end of the stream (TAG_FINAL), so truncation, reordering and splicing are
detected. Our file format only adds a magic/version prefix:

    b"WLSS" version(1 byte) | libsodium header (24 bytes) | chunk* (last one tagged FINAL)

Each chunk holds CHUNK_BYTES of plaintext (the last one fewer) plus 17 bytes of tag.
The same format serves attachment bodies at rest and, later, on the wire.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from nacl import bindings as sodium

from desktop_app.crypto.errors import StreamError

MAGIC = b"WLSS\x01"
CHUNK_BYTES = 64 * 1024
KEY_BYTES: int = sodium.crypto_secretstream_xchacha20poly1305_KEYBYTES
_HEADER_BYTES: int = sodium.crypto_secretstream_xchacha20poly1305_HEADERBYTES
_ABYTES: int = sodium.crypto_secretstream_xchacha20poly1305_ABYTES
_TAG_MESSAGE: int = sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE
_TAG_FINAL: int = sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL


@dataclass(frozen=True, slots=True)
class StreamSummary:
    """Plaintext facts learned while streaming, so callers never hash twice."""

    size: int
    sha256: str


def encrypted_size(plaintext_size: int) -> int:
    chunks = max(1, -(-plaintext_size // CHUNK_BYTES))
    return len(MAGIC) + _HEADER_BYTES + plaintext_size + chunks * _ABYTES


def plaintext_arrived(ciphertext_bytes: int) -> int:
    """Plaintext bytes in the complete full-size chunks of a stream's first
    ``ciphertext_bytes`` (a download in progress); the short final chunk is not counted."""
    body = ciphertext_bytes - len(MAGIC) - _HEADER_BYTES
    return max(0, body // (CHUNK_BYTES + _ABYTES)) * CHUNK_BYTES


def encrypt_stream(src: BinaryIO, dst: BinaryIO, key: bytes) -> StreamSummary:
    """Read ``src`` to its end and write the encrypted form to ``dst``."""
    sealer = StreamSealer(key)
    for piece in sealer.pieces(src):
        dst.write(piece)
    return sealer.summary()


class StreamSealer:
    """Encrypts ``src`` piece by piece (the header, then each sealed chunk), so a sender
    can write and upload each piece as it is made instead of reading its file back;
    ``summary`` afterwards gives the plaintext's size and SHA-256."""

    def __init__(self, key: bytes) -> None:
        _check_key(key)
        self._key = key
        self._size = 0
        self._digest = hashlib.sha256()
        self._done = False

    def pieces(self, src: BinaryIO) -> Iterator[bytes]:
        state = sodium.crypto_secretstream_xchacha20poly1305_state()
        yield MAGIC + sodium.crypto_secretstream_xchacha20poly1305_init_push(state, self._key)
        chunk = _read_full(src, CHUNK_BYTES)
        while True:
            following = _read_full(src, CHUNK_BYTES) if len(chunk) == CHUNK_BYTES else b""
            last = not following
            tag = _TAG_FINAL if last else _TAG_MESSAGE
            self._digest.update(chunk)
            self._size += len(chunk)
            yield sodium.crypto_secretstream_xchacha20poly1305_push(state, chunk, None, tag)
            if last:
                self._done = True
                return
            chunk = following

    def summary(self) -> StreamSummary:
        if not self._done:
            raise StreamError("the stream was not encrypted to its end")
        return StreamSummary(size=self._size, sha256=self._digest.hexdigest())


def decrypt_chunks(src: BinaryIO, key: bytes) -> Iterator[bytes]:
    """Yield verified plaintext chunks; raises StreamError on any tampering or truncation.

    A chunk is yielded only after its tag verified, but the stream as a whole is known
    complete only when the iterator finishes without error: callers that write to disk
    must discard the output if an error is raised.
    """
    _check_key(key)
    prefix = _read_full(src, len(MAGIC) + _HEADER_BYTES)
    if len(prefix) < len(MAGIC) + _HEADER_BYTES or not prefix.startswith(MAGIC):
        raise StreamError("not a WardLink encrypted stream (bad or missing header)")
    state = sodium.crypto_secretstream_xchacha20poly1305_state()
    try:
        sodium.crypto_secretstream_xchacha20poly1305_init_pull(state, prefix[len(MAGIC) :], key)
    except Exception as exc:  # libsodium raises its own error types
        raise StreamError("encrypted stream header is invalid") from exc
    while True:
        sealed = _read_full(src, CHUNK_BYTES + _ABYTES)
        if not sealed:
            raise StreamError("encrypted stream is truncated (no final chunk)")
        try:
            plain, tag = sodium.crypto_secretstream_xchacha20poly1305_pull(state, sealed, None)
        except Exception as exc:
            raise StreamError("encrypted stream was altered or the key is wrong") from exc
        yield plain
        if tag == _TAG_FINAL:
            if src.read(1):
                raise StreamError("encrypted stream has data after its final chunk")
            return
        if len(sealed) < CHUNK_BYTES + _ABYTES:
            raise StreamError("encrypted stream is truncated (short chunk)")


class StreamVerifier:
    """Checks an encrypted stream fed in pieces of any size (a download as it arrives):
    every chunk is authenticated and its plaintext hashed as soon as it is complete, so
    the stream need not be read back from disk to learn whether it is intact.

    ``feed`` raises StreamError on the first altered chunk or on bytes after the final
    one; ``finish`` raises if the stream ended early, else returns size and SHA-256.
    """

    def __init__(self, key: bytes) -> None:
        _check_key(key)
        self._key = key
        self._state: sodium.crypto_secretstream_xchacha20poly1305_state | None = None
        self._buffer = bytearray()
        self._digest = hashlib.sha256()
        self._size = 0
        self._final = False

    def feed(self, data: bytes) -> None:
        if self._final and data:
            raise StreamError("encrypted stream has data after its final chunk")
        self._buffer += data
        if self._state is None:
            if len(self._buffer) < len(MAGIC) + _HEADER_BYTES:
                return
            self._start()
        sealed_bytes = CHUNK_BYTES + _ABYTES
        # A full-size chunk can be opened at once; a shorter one only at the end.
        view = memoryview(self._buffer)
        used = 0
        try:
            while len(self._buffer) - used >= sealed_bytes and not self._final:
                self._open(bytes(view[used : used + sealed_bytes]))
                used += sealed_bytes
        finally:
            view.release()
        del self._buffer[:used]
        if self._final and self._buffer:
            raise StreamError("encrypted stream has data after its final chunk")

    def finish(self) -> StreamSummary:
        if self._state is None:
            raise StreamError("not a WardLink encrypted stream (bad or missing header)")
        if not self._final:
            if not self._buffer:
                raise StreamError("encrypted stream is truncated (no final chunk)")
            self._open(bytes(self._buffer))
            self._buffer.clear()
            if not self._final:
                raise StreamError("encrypted stream is truncated (short chunk)")
        return StreamSummary(size=self._size, sha256=self._digest.hexdigest())

    def _start(self) -> None:
        prefix = bytes(self._buffer[: len(MAGIC) + _HEADER_BYTES])
        if not prefix.startswith(MAGIC):
            raise StreamError("not a WardLink encrypted stream (bad or missing header)")
        state = sodium.crypto_secretstream_xchacha20poly1305_state()
        try:
            sodium.crypto_secretstream_xchacha20poly1305_init_pull(
                state, prefix[len(MAGIC) :], self._key
            )
        except Exception as exc:  # libsodium raises its own error types
            raise StreamError("encrypted stream header is invalid") from exc
        self._state = state
        del self._buffer[: len(prefix)]

    def _open(self, sealed: bytes) -> None:
        assert self._state is not None
        if len(sealed) < _ABYTES:
            raise StreamError("encrypted stream is truncated (short chunk)")
        try:
            plain, tag = sodium.crypto_secretstream_xchacha20poly1305_pull(
                self._state, sealed, None
            )
        except Exception as exc:
            raise StreamError("encrypted stream was altered or the key is wrong") from exc
        self._digest.update(plain)
        self._size += len(plain)
        self._final = tag == _TAG_FINAL


def decrypt_arrived(src: BinaryIO, key: bytes, available: int) -> Iterator[bytes]:
    """Verified plaintext of the complete chunks among the first ``available`` bytes of a
    stream still being written (a download in progress). Every chunk yielded passed its
    tag, so it is the sender's; that the stream is whole is NOT known here: only a full
    ``decrypt_chunks`` says so. A trailing partial chunk is simply not yielded yet."""
    _check_key(key)
    head = len(MAGIC) + _HEADER_BYTES
    if available < head:
        return
    prefix = _read_full(src, head)
    if len(prefix) < head or not prefix.startswith(MAGIC):
        raise StreamError("not a WardLink encrypted stream (bad or missing header)")
    state = sodium.crypto_secretstream_xchacha20poly1305_state()
    try:
        sodium.crypto_secretstream_xchacha20poly1305_init_pull(state, prefix[len(MAGIC) :], key)
    except Exception as exc:
        raise StreamError("encrypted stream header is invalid") from exc
    left = available - head
    while left > 0:
        sealed = _read_full(src, min(CHUNK_BYTES + _ABYTES, left))
        if not sealed:  # the file is shorter than announced: nothing more to show yet
            return
        left -= len(sealed)
        if len(sealed) < CHUNK_BYTES + _ABYTES and left <= 0:
            # Either the final (short) chunk or one still arriving: try it, keep quiet.
            try:
                plain, _ = sodium.crypto_secretstream_xchacha20poly1305_pull(state, sealed, None)
            except Exception:
                return
            yield plain
            return
        try:
            plain, tag = sodium.crypto_secretstream_xchacha20poly1305_pull(state, sealed, None)
        except Exception as exc:
            raise StreamError("encrypted stream was altered or the key is wrong") from exc
        yield plain
        if tag == _TAG_FINAL:
            return


def decrypt_stream(src: BinaryIO, dst: BinaryIO, key: bytes) -> StreamSummary:
    digest = hashlib.sha256()
    size = 0
    for chunk in decrypt_chunks(src, key):
        dst.write(chunk)
        digest.update(chunk)
        size += len(chunk)
    return StreamSummary(size=size, sha256=digest.hexdigest())


def _check_key(key: bytes) -> None:
    if len(key) != KEY_BYTES:
        raise StreamError(f"stream key must be {KEY_BYTES} bytes")


def _read_full(src: BinaryIO, n: int) -> bytes:
    """Read exactly ``n`` bytes unless the stream ends first (sockets return short reads)."""
    parts: list[bytes] = []
    remaining = n
    while remaining:
        part = src.read(remaining)
        if not part:
            break
        parts.append(part)
        remaining -= len(part)
    return b"".join(parts)
