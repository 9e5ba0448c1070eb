"""Wrap a random key under a secret (passphrase or PIN) with Argon2id + AES-256-GCM.

The wrapped form carries its KDF parameters and salt, so the cost can be raised later
without breaking old containers. The parameters are authenticated as AES-GCM
associated data: an attacker who lowers them in the stored file only makes unwrapping
fail. Parameters read from disk are bounded before use, so a hostile file cannot make
us allocate gigabytes.

Secrets and keys pass through bytearrays that are zeroed after use (secret_memory.py):
Argon2 runs through argon2-cffi's low-level ``argon2_ctx`` binding, reading the secret
from our buffer and writing the derived key into one (its high-level helpers copy both
into buffers nobody clears), and AES-GCM decrypts straight into a caller's buffer.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from argon2.low_level import ARGON2_VERSION, Type, core, error_to_str, ffi
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from desktop_app.crypto.errors import KdfParameterError, UnwrapError
from desktop_app.crypto.secret_memory import random_key, secret_buffer, wipe

KEY_BYTES = 32
SALT_BYTES = 16
NONCE_BYTES = 12
AESGCM_TAG_BYTES = 16
_ARGON2_OK = 0  # argon2.h
_ARGON2_DEFAULT_FLAGS = 0  # we clear our buffers ourselves

# Argon2id cost for passphrases, tuned once on the 2-core CI machine (2026-11-28):
# t=3, m=256 MiB, p=2 took 0.31-0.34 s per derivation (t=2 0.23 s, t=1 0.33 s at m=256 MiB,
# t=3 m=128 MiB 0.18 s). Memory-hard first, then time. Re-tune with bench/tune_kdf.py.
PASSPHRASE_TIME_COST = 3
PASSPHRASE_MEMORY_KIB = 256 * 1024
PASSPHRASE_PARALLELISM = 2

# Bounds for parameters read from a file: refuse absurd costs instead of allocating them.
MAX_MEMORY_KIB = 2 * 1024 * 1024
MAX_TIME_COST = 64
MAX_PARALLELISM = 16
MIN_MEMORY_KIB = 8


@dataclass(frozen=True, slots=True)
class KdfParams:
    """Argon2id parameters; stored beside every wrapped key."""

    time_cost: int = PASSPHRASE_TIME_COST
    memory_kib: int = PASSPHRASE_MEMORY_KIB
    parallelism: int = PASSPHRASE_PARALLELISM

    def check(self) -> None:
        if not (1 <= self.time_cost <= MAX_TIME_COST):
            raise KdfParameterError(f"Argon2 time cost {self.time_cost} is out of range")
        if not (MIN_MEMORY_KIB <= self.memory_kib <= MAX_MEMORY_KIB):
            raise KdfParameterError(f"Argon2 memory {self.memory_kib} KiB is out of range")
        if not (1 <= self.parallelism <= MAX_PARALLELISM):
            raise KdfParameterError(f"Argon2 parallelism {self.parallelism} is out of range")
        if self.memory_kib < 8 * self.parallelism:
            raise KdfParameterError("Argon2 memory must be at least 8 KiB per lane")

    def associated_data(self, salt: bytes, context: bytes) -> bytes:
        return b"|".join(
            [
                b"wardlink-keywrap-v1",
                context,
                b"argon2id",
                str(self.time_cost).encode(),
                str(self.memory_kib).encode(),
                str(self.parallelism).encode(),
                salt,
            ]
        )


@dataclass(frozen=True, slots=True)
class WrappedKey:
    """Everything needed to get the key back, given the secret. Safe to store."""

    params: KdfParams
    salt: bytes
    nonce: bytes
    ciphertext: bytes


def derive_key_into(
    secret: bytes | bytearray, salt: bytes, params: KdfParams, out: bytearray
) -> None:
    """Argon2id(secret, salt) into ``out`` (32 bytes); no copy of secret or result is left."""
    params.check()
    if len(salt) < SALT_BYTES:
        raise KdfParameterError("salt is too short")
    if len(out) != KEY_BYTES:
        raise ValueError("the output buffer must hold exactly one key")
    c_salt = ffi.new("uint8_t[]", bytes(salt))
    c_pwd = ffi.from_buffer("uint8_t[]", secret) if secret else ffi.NULL
    c_out = ffi.from_buffer("uint8_t[]", out, require_writable=True)
    ctx = ffi.new(
        "argon2_context *",
        {
            "out": c_out,
            "outlen": KEY_BYTES,
            "pwd": c_pwd,
            "pwdlen": len(secret),
            "salt": c_salt,
            "saltlen": len(salt),
            "secret": ffi.NULL,
            "secretlen": 0,
            "ad": ffi.NULL,
            "adlen": 0,
            "t_cost": params.time_cost,
            "m_cost": params.memory_kib,
            "lanes": params.parallelism,
            "threads": params.parallelism,
            "version": ARGON2_VERSION,
            "allocate_cbk": ffi.NULL,
            "free_cbk": ffi.NULL,
            "flags": _ARGON2_DEFAULT_FLAGS,
        },
    )
    rv = core(ctx, Type.ID.value)
    if rv != _ARGON2_OK:
        wipe(out)
        raise KdfParameterError(f"Argon2 failed: {error_to_str(rv)}")


@contextmanager
def _as_buffer(secret: str | bytes | bytearray) -> Iterator[bytes | bytearray]:
    """A str secret as a UTF-8 bytearray wiped on exit; bytes-likes pass through."""
    if not isinstance(secret, str):
        yield secret
        return
    buf = secret_buffer(secret)
    try:
        yield buf
    finally:
        wipe(buf)


def derive_key(secret: str | bytes, salt: bytes, params: KdfParams) -> bytes:
    """Argon2id as immutable bytes: for benchmarks and tests, not for live key material."""
    out = bytearray(KEY_BYTES)
    try:
        with _as_buffer(secret) as buf:
            derive_key_into(buf, salt, params, out)
        return bytes(out)
    finally:
        wipe(out)


def wrap_with_kek(
    key: bytes | bytearray, kek: bytes | bytearray, params: KdfParams, salt: bytes, context: bytes
) -> WrappedKey:
    """Encrypt ``key`` under an already derived ``kek`` (from ``secret`` and ``salt``)."""
    nonce = secrets.token_bytes(NONCE_BYTES)
    ciphertext = AESGCM(kek).encrypt(nonce, key, params.associated_data(salt, context))
    return WrappedKey(params=params, salt=salt, nonce=nonce, ciphertext=ciphertext)


def unwrap_with_kek(wrapped: WrappedKey, kek: bytes | bytearray, context: bytes) -> bytearray:
    """Decrypt into a fresh bytearray (the caller wipes it), or raise UnwrapError."""
    if len(wrapped.nonce) != NONCE_BYTES:
        raise UnwrapError("wrapped key has a malformed nonce")
    if len(wrapped.ciphertext) <= AESGCM_TAG_BYTES:
        raise UnwrapError("wrapped key is too short")
    out = bytearray(len(wrapped.ciphertext) - AESGCM_TAG_BYTES)
    try:
        AESGCM(kek).decrypt_into(
            wrapped.nonce,
            wrapped.ciphertext,
            wrapped.params.associated_data(wrapped.salt, context),
            out,
        )
    except InvalidTag:
        wipe(out)
        raise UnwrapError("wrong secret, or the wrapped key was altered") from None
    return out


def wrap_key(
    key: bytes | bytearray, secret: str | bytes | bytearray, params: KdfParams, context: bytes
) -> WrappedKey:
    """Encrypt ``key`` under a key derived from ``secret``; ``context`` separates uses."""
    salt = secrets.token_bytes(SALT_BYTES)
    kek = bytearray(KEY_BYTES)
    try:
        with _as_buffer(secret) as buf:
            derive_key_into(buf, salt, params, kek)
        return wrap_with_kek(key, kek, params, salt, context)
    finally:
        wipe(kek)


def unwrap_key_into(wrapped: WrappedKey, secret: bytes | bytearray, context: bytes) -> bytearray:
    """The key in a bytearray the caller wipes, or UnwrapError if the secret is wrong."""
    if len(wrapped.nonce) != NONCE_BYTES:
        raise UnwrapError("wrapped key has a malformed nonce")
    kek = bytearray(KEY_BYTES)
    try:
        derive_key_into(secret, wrapped.salt, wrapped.params, kek)
        return unwrap_with_kek(wrapped, kek, context)
    finally:
        wipe(kek)


def unwrap_key(wrapped: WrappedKey, secret: str | bytes | bytearray, context: bytes) -> bytes:
    """Return the key as bytes, or raise UnwrapError if the secret is wrong or altered.

    For values that are not live key material (key files, tests); the container's
    database key goes through ``unwrap_key_into``.
    """
    with _as_buffer(secret) as buf:
        key = unwrap_key_into(wrapped, buf, context)
    try:
        return bytes(key)
    finally:
        wipe(key)


def new_key() -> bytes:
    """A fresh random 256-bit key from the OS CSPRNG."""
    return secrets.token_bytes(KEY_BYTES)


def new_key_buffer() -> bytearray:
    """A fresh random 256-bit key in a buffer the caller wipes."""
    return random_key(KEY_BYTES)
