"""Safety numbers: Signal's numeric fingerprint, the same on both screens, emoji view."""

from __future__ import annotations

import base64

import pytest

from desktop_app.crypto.safety_number import (
    EMOJI_TABLE,
    InvalidSafetyKey,
    Party,
    displayable,
    fingerprint,
    numeric_fingerprint,
    safety_number,
)

ANNA = Party("weber.anna", bytes(range(32)))
JONAS = Party("mueller.jonas", bytes(range(32, 64)))
# Fixed vector of this module (computed once; any change to the construction breaks it).
ANNA_JONAS = "53381 98555 42337 64028 67428 93661 84904 69952 35773 81084 34277 57501"
ANNA_JONAS_EMOJI = ("Smiley", "Bicycle", "Paperclip", "Umbrella", "Horse", "Butterfly", "Flower")


def test_signal_test_vector() -> None:
    """libsignal's fingerprint_test_v1: the iterated hash is exactly Signal's."""
    alice = bytes.fromhex("0506863bc66d02b40d27b8d49ca7c09e9239236f9d7d25d6fcca5ce13c7064d868")
    bob = bytes.fromhex("05f781b6fb32fed9ba1cf2de978d4d5da28dc34046ae814402b5c0dbd96fda907b")
    a = numeric_fingerprint(alice, b"+14152222222")
    b = numeric_fingerprint(bob, b"+14153333333")
    assert displayable(a, b) == displayable(b, a)
    assert displayable(a, b) == "300354477692869396892869876765458257569162576843440918079131"
    # the 32-byte halves of Signal's scannable fingerprint
    assert a[:32].hex() == "1e301a0353dce3dbe7684cb8336e85136cdc0ee96219494ada305d62a7bd61df"
    assert b[:32].hex() == "d62cbf73a11592015b6b9f1682ac306fea3aaf3885b84d12bca631e9d4fb3a4d"


def test_fixed_vector_and_shape() -> None:
    number = safety_number(ANNA, JONAS)
    assert str(number) == ANNA_JONAS
    assert len(number.digits) == 60 and number.digits.isdigit()
    assert len(number.groups) == 12 and all(len(g) == 5 for g in number.groups)
    assert tuple(e.name for e in number.emoji) == ANNA_JONAS_EMOJI
    assert all(e in EMOJI_TABLE for e in number.emoji)


def test_symmetric() -> None:
    assert safety_number(ANNA, JONAS) == safety_number(JONAS, ANNA)


def test_changes_when_a_key_or_uid_changes() -> None:
    base = safety_number(ANNA, JONAS)
    other_key = Party(JONAS.uid, bytes([JONAS.ed25519[0] ^ 1]) + JONAS.ed25519[1:])
    changed = safety_number(ANNA, other_key)
    assert changed.digits != base.digits
    assert changed.emoji != base.emoji
    # only Jonas's half changed: Anna's 30 digits are still one of the two halves
    anna_half = {base.digits[:30], base.digits[30:]} & {changed.digits[:30], changed.digits[30:]}
    assert len(anna_half) == 1
    assert safety_number(ANNA, Party("mueller.jona", JONAS.ed25519)).digits != base.digits
    assert safety_number(Party(ANNA.uid, bytes(32)), JONAS).digits != base.digits


def test_an_impostor_key_gives_different_numbers_on_the_two_screens() -> None:
    """Anna's PC got a certified-but-wrong key for Jonas: her screen and his differ."""
    mallory = Party(JONAS.uid, bytes(range(100, 132)))
    on_annas_pc = safety_number(ANNA, mallory)
    on_jonas_pc = safety_number(JONAS, ANNA)
    assert on_annas_pc.digits != on_jonas_pc.digits


def test_from_base64_unpadded() -> None:
    text = base64.b64encode(JONAS.ed25519).decode().rstrip("=")
    assert Party.from_base64("mueller.jonas", text) == JONAS


@pytest.mark.parametrize("key", [b"", bytes(31), bytes(33)])
def test_wrong_key_length_refused(key: bytes) -> None:
    with pytest.raises(InvalidSafetyKey):
        fingerprint(Party("weber.anna", key))


def test_bad_base64_and_uid_refused() -> None:
    with pytest.raises(InvalidSafetyKey):
        Party.from_base64("weber.anna", "not base64!")
    with pytest.raises(InvalidSafetyKey):
        fingerprint(Party("", bytes(32)))


def test_emoji_table_is_matrix_sas() -> None:
    assert len(EMOJI_TABLE) == 64
    assert [e.number for e in EMOJI_TABLE] == list(range(64))
    assert len({e.emoji for e in EMOJI_TABLE}) == 64
    assert EMOJI_TABLE[0].name == "Dog" and EMOJI_TABLE[63].name == "Pin"
    assert EMOJI_TABLE[21].emoji == "\u2601\ufe0f"  # Cloud, with the emoji variation selector
