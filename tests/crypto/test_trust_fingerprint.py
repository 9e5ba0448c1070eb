"""Org fingerprints: SPKI SHA-256, grouped hex, lenient parsing."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ed25519

from desktop_app.crypto.fingerprint import (
    fingerprints_match,
    format_fingerprint,
    org_fingerprint,
    parse_fingerprint,
    spki_sha256,
)
from desktop_app.crypto.org import create_org
from desktop_app.crypto.trust_errors import FingerprintError
from tests.conftest import T0

SEED = bytes(range(32))
# RFC 8410 SubjectPublicKeyInfo for Ed25519: SEQUENCE { SEQUENCE { OID 1.3.101.112 },
# BIT STRING { 32-byte key } }; built by hand here to check spki_sha256 independently.
SPKI_PREFIX = bytes.fromhex("302a300506032b6570032100")


def self_signed(key: ed25519.Ed25519PrivateKey, days: int) -> x509.Certificate:
    name = x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, "x")])
    return (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(days)
        .not_valid_before(T0)
        .not_valid_after(T0 + timedelta(days=days))
        .sign(key, None)
    )


def test_fingerprint_is_sha256_of_spki_and_ignores_the_rest_of_the_certificate() -> None:
    key = ed25519.Ed25519PrivateKey.from_private_bytes(SEED)
    raw = key.public_key().public_bytes_raw()
    expected = hashlib.sha256(SPKI_PREFIX + raw).digest()
    a, b = self_signed(key, 10), self_signed(key, 20)
    assert a != b
    assert spki_sha256(a) == spki_sha256(b) == org_fingerprint(a) == expected


def test_format_groups_upper_case_hex() -> None:
    digest = bytes(range(0xA0, 0xC0))
    text = format_fingerprint(digest)
    assert text.startswith("A0A1 A2A3 A4A5 ")
    assert text.endswith(" BCBD BEBF")
    assert len(text.split(" ")) == 16
    assert all(len(g) == 4 for g in text.split(" "))


@pytest.mark.parametrize(
    "variant",
    [
        lambda t: t,
        lambda t: t.lower(),
        lambda t: t.replace(" ", ""),
        lambda t: t.replace(" ", ":"),
        lambda t: t.replace(" ", "-"),
        lambda t: "  " + t.replace(" ", "\n") + " ",
    ],
)
def test_parse_is_lenient_about_spacing_and_case(variant: Callable[[str], str]) -> None:
    digest = hashlib.sha256(b"org").digest()
    text = format_fingerprint(digest)
    assert parse_fingerprint(variant(text)) == digest
    assert fingerprints_match(variant(text), digest)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "hex digits"),
        ("ABCD EFGH" + "0" * 56, "hex digits"),
        ("AB" * 31, "has 64 hex digits, this one has 62"),
        ("AB" * 33, "this one has 66"),
    ],
)
def test_parse_rejects_bad_text(text: str, message: str) -> None:
    with pytest.raises(FingerprintError, match=message):
        parse_fingerprint(text)


def test_match_detects_one_changed_digit() -> None:
    digest = hashlib.sha256(b"org").digest()
    text = format_fingerprint(digest)
    changed = ("0" if text[0] != "0" else "1") + text[1:]
    assert not fingerprints_match(changed, digest)
    assert not fingerprints_match(digest, hashlib.sha256(b"other").digest())


def test_format_refuses_wrong_length() -> None:
    with pytest.raises(FingerprintError):
        format_fingerprint(b"\x00" * 31)


def test_org_fingerprint_text_matches_root_spki() -> None:
    org = create_org("Klinikum Nord", now=T0)
    assert parse_fingerprint(org.certificates.fingerprint_text) == spki_sha256(
        org.certificates.root
    )
