"""Argon2id key wrapping: round trip, wrong secret, tampering, bounded parameters."""

from __future__ import annotations

import dataclasses

import pytest

from desktop_app.crypto.errors import KdfParameterError, UnwrapError
from desktop_app.crypto.keywrap import (
    MAX_MEMORY_KIB,
    KdfParams,
    new_key,
    unwrap_key,
    wrap_key,
)
from tests.conftest import FAST_KDF


def test_round_trip_and_fresh_randomness() -> None:
    key = new_key()
    a = wrap_key(key, "geheim", FAST_KDF, b"ctx")
    b = wrap_key(key, "geheim", FAST_KDF, b"ctx")
    assert a.salt != b.salt and a.ciphertext != b.ciphertext
    assert unwrap_key(a, "geheim", b"ctx") == key == unwrap_key(b, "geheim", b"ctx")
    assert new_key() != key and len(key) == 32


@pytest.mark.parametrize(
    "change",
    [
        {"secret": "Geheim"},
        {"context": b"other-purpose"},
    ],
)
def test_wrong_secret_or_context_fails(change: dict[str, object]) -> None:
    wrapped = wrap_key(new_key(), "geheim", FAST_KDF, b"ctx")
    secret = change.get("secret", "geheim")
    context = change.get("context", b"ctx")
    with pytest.raises(UnwrapError):
        unwrap_key(wrapped, secret, context)  # type: ignore[arg-type]


def test_altered_parameters_or_ciphertext_fail() -> None:
    wrapped = wrap_key(new_key(), "geheim", FAST_KDF, b"ctx")
    weaker = dataclasses.replace(wrapped, params=dataclasses.replace(FAST_KDF, memory_kib=512))
    with pytest.raises(UnwrapError):
        unwrap_key(weaker, "geheim", b"ctx")
    flipped = bytearray(wrapped.ciphertext)
    flipped[0] ^= 1
    with pytest.raises(UnwrapError):
        unwrap_key(dataclasses.replace(wrapped, ciphertext=bytes(flipped)), "geheim", b"ctx")


@pytest.mark.parametrize(
    "params",
    [
        KdfParams(time_cost=0, memory_kib=1024, parallelism=1),
        KdfParams(time_cost=1, memory_kib=MAX_MEMORY_KIB + 1, parallelism=1),
        KdfParams(time_cost=1, memory_kib=1024, parallelism=0),
        KdfParams(time_cost=1000, memory_kib=1024, parallelism=1),
        KdfParams(time_cost=1, memory_kib=16, parallelism=4),
    ],
)
def test_absurd_parameters_are_refused_before_any_work(params: KdfParams) -> None:
    with pytest.raises(KdfParameterError):
        wrap_key(new_key(), "geheim", params, b"ctx")


def test_production_parameters_round_trip() -> None:
    """The tuned defaults (about 0.3 s, 256 MiB) work; speed itself is in bench/."""
    defaults = KdfParams()
    assert defaults.memory_kib >= 64 * 1024 and defaults.time_cost >= 2
    key = new_key()
    assert unwrap_key(wrap_key(key, "Passphrase!", defaults, b"c"), "Passphrase!", b"c") == key
