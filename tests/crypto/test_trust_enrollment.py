"""Enrollment codes: 128-bit secret + org fingerprint + check digits, typo-proof parsing."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable

import pytest

from desktop_app.crypto.enrollment import (
    EnrollmentCode,
    hash_secret,
    new_code,
    parse_code,
)
from desktop_app.crypto.org import create_org
from desktop_app.crypto.trust_errors import EnrollmentCodeError
from tests.conftest import T0

FINGERPRINT = hashlib.sha256(b"Klinikum Nord").digest()
FIXED = EnrollmentCode(bytes(range(16)), FINGERPRINT)
CODE_RE = re.compile(r"WL1(-[A-Z2-7]{5}){16}")
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"


def test_new_code_shape_and_round_trip() -> None:
    org = create_org("Klinikum Nord", now=T0)
    text, secret_hash = new_code(org.certificates.fingerprint)
    assert CODE_RE.fullmatch(text), text
    code = parse_code(text)
    assert code.org_fingerprint == org.certificates.fingerprint
    assert len(code.secret) == 16
    assert secret_hash == hashlib.sha256(code.secret).digest() == code.secret_hash
    assert hash_secret(code.secret) == secret_hash
    assert code.text() == text
    assert code.org_fingerprint_text == org.certificates.fingerprint_text


def test_codes_are_fresh() -> None:
    codes = {parse_code(new_code(FINGERPRINT)[0]).secret for _ in range(50)}
    assert len(codes) == 50


def test_fixed_code_text() -> None:
    # Pins the format: 16 secret bytes, 32 fingerprint bytes, 2 check bytes, base32.
    text = FIXED.text()
    payload = base64.b32decode(text[4:].replace("-", ""))
    assert payload[:16] == bytes(range(16)) and payload[16:48] == FINGERPRINT
    check = hashlib.sha256(b"wardlink-enroll-v1" + payload[:48]).digest()[:2]
    assert payload[48:] == check


def test_parsing_is_lenient_about_what_people_type() -> None:
    text = FIXED.text()
    assert parse_code(text.lower()) == FIXED
    assert parse_code(text.replace("-", " ")) == FIXED
    assert parse_code("  " + text.replace("-", "") + "\n") == FIXED
    looks_alike = text[:4] + text[4:].replace("O", "0").replace("I", "1")
    assert looks_alike != text
    assert parse_code(looks_alike) == FIXED


def test_every_single_character_typo_is_caught() -> None:
    text = FIXED.text()
    positions = [i for i, c in enumerate(text) if i >= 4 and c != "-"]
    assert len(positions) == 80
    for i in positions:
        wrong = next(c for c in ALPHABET if c != text[i])
        with pytest.raises(EnrollmentCodeError, match="typo"):
            parse_code(text[:i] + wrong + text[i + 1 :])


def test_swapped_neighbours_are_caught() -> None:
    text = FIXED.text().replace("-", "")
    for i in range(3, len(text) - 1):
        if text[i] != text[i + 1]:
            swapped = text[:i] + text[i + 1] + text[i] + text[i + 2 :]
            with pytest.raises(EnrollmentCodeError):
                parse_code(swapped)


@pytest.mark.parametrize(
    ("mangle", "message"),
    [
        (lambda t: t[:-6], "a part is missing or doubled"),
        (lambda t: t + "-AAAAA", "a part is missing or doubled"),
        (lambda t: t[:10] + "8" + t[11:], "cannot occur"),
        (lambda t: t[:10] + "Ä" + t[11:], "cannot occur"),
        (lambda t: "WL2" + t[3:], "another WardLink version"),
        (lambda t: "XX" + t, "starts with WL1"),
        (lambda t: "", "starts with WL1"),
    ],
)
def test_malformed_codes_say_what_is_wrong(mangle: Callable[[str], str], message: str) -> None:
    with pytest.raises(EnrollmentCodeError, match=message):
        parse_code(mangle(FIXED.text()))


def test_new_code_needs_a_full_fingerprint() -> None:
    with pytest.raises(ValueError, match="32 bytes"):
        new_code(FINGERPRINT[:16])
