"""Safety numbers: what two people compare, side by side, to confirm each other's device.

Every device is already certified by the organisation; comparing a safety number in
person confirms that no certified-but-wrong key (a misissued certificate, a stolen
enrollment code) stands between two particular devices. Both screens show the same
string for the same pair of devices; no message is exchanged.

Construction (docs/trust.md, "Comparing safety numbers"):

- Per party, Signal's numeric fingerprint (libsignal ``NumericFingerprintGenerator``,
  fingerprint version 0, 5200 iterations): ``h = SHA-512(0x0000 || key || uid || key)``,
  then 5199 times ``h = SHA-512(h || key)``; the first 30 bytes, read as six 5-byte
  big-endian numbers mod 100000, give 30 digits. ``key`` is the device's raw 32-byte
  Ed25519 key, ``uid`` the person's directory uid in UTF-8.
- The safety number is the two 30-digit strings, the smaller first: 60 digits, shown as
  12 groups of 5. Sorting makes it the same on both screens.
- The emoji are a second view of the same comparison: HKDF-SHA-256 (RFC 5869, no salt,
  info ``wardlink-safety-emoji-v1``) over the two 30-byte fingerprints in the same
  order, 42 bits read as seven 6-bit indexes into the 64-emoji table of Matrix's SAS
  verification (data from matrix-org/matrix-spec, ``data-definitions/sas-emoji.json``).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass
from typing import Final

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from desktop_app.crypto.errors import CryptoError

VERSION: Final = 0
ITERATIONS: Final = 5200
"""Signal's count: makes searching for a colliding key 5200 times dearer."""
ED25519_KEY_BYTES: Final = 32
FINGERPRINT_BYTES: Final = 30
CHUNK_BYTES: Final = 5
GROUP_DIGITS: Final = 5
EMOJI_COUNT: Final = 7
EMOJI_INFO: Final = b"wardlink-safety-emoji-v1"
MAX_UID_BYTES: Final = 512


class InvalidSafetyKey(CryptoError):
    """A key given for a safety number is not a 32-byte Ed25519 key."""


@dataclass(frozen=True, slots=True)
class SasEmoji:
    number: int
    emoji: str
    name: str
    """English name from the Matrix table; the UI translates it."""


_MATRIX_SAS_EMOJI: Final = (
    ("🐶", "Dog"), ("🐱", "Cat"), ("🦁", "Lion"), ("🐎", "Horse"),
    ("🦄", "Unicorn"), ("🐷", "Pig"), ("🐘", "Elephant"), ("🐰", "Rabbit"),
    ("🐼", "Panda"), ("🐓", "Rooster"), ("🐧", "Penguin"), ("🐢", "Turtle"),
    ("🐟", "Fish"), ("🐙", "Octopus"), ("🦋", "Butterfly"), ("🌷", "Flower"),
    ("🌳", "Tree"), ("🌵", "Cactus"), ("🍄", "Mushroom"), ("🌏", "Globe"),
    ("🌙", "Moon"), ("☁️", "Cloud"), ("🔥", "Fire"), ("🍌", "Banana"),
    ("🍎", "Apple"), ("🍓", "Strawberry"), ("🌽", "Corn"), ("🍕", "Pizza"),
    ("🎂", "Cake"), ("❤️", "Heart"), ("😀", "Smiley"), ("🤖", "Robot"),
    ("🎩", "Hat"), ("👓", "Glasses"), ("🔧", "Spanner"), ("🎅", "Santa"),
    ("👍", "Thumbs Up"), ("☂️", "Umbrella"), ("⌛", "Hourglass"), ("⏰", "Clock"),
    ("🎁", "Gift"), ("💡", "Light Bulb"), ("📕", "Book"), ("✏️", "Pencil"),
    ("📎", "Paperclip"), ("✂️", "Scissors"), ("🔒", "Lock"), ("🔑", "Key"),
    ("🔨", "Hammer"), ("☎️", "Telephone"), ("🏁", "Flag"), ("🚂", "Train"),
    ("🚲", "Bicycle"), ("✈️", "Aeroplane"), ("🚀", "Rocket"), ("🏆", "Trophy"),
    ("⚽", "Ball"), ("🎸", "Guitar"), ("🎺", "Trumpet"), ("🔔", "Bell"),
    ("⚓", "Anchor"), ("🎧", "Headphones"), ("📁", "Folder"), ("📌", "Pin"),
)  # fmt: skip
EMOJI_TABLE: Final = tuple(SasEmoji(n, e, name) for n, (e, name) in enumerate(_MATRIX_SAS_EMOJI))


@dataclass(frozen=True, slots=True)
class Party:
    """One side of the comparison: a person's uid and one of their devices' Ed25519 key."""

    uid: str
    ed25519: bytes

    @classmethod
    def from_base64(cls, uid: str, ed25519_b64: str) -> Party:
        """From the unpadded base64 form devices and certificates carry."""
        try:
            raw = base64.b64decode(ed25519_b64 + "=" * (-len(ed25519_b64) % 4), validate=True)
        except (binascii.Error, ValueError) as exc:
            raise InvalidSafetyKey("the Ed25519 key is not valid base64") from exc
        return cls(uid, raw)


@dataclass(frozen=True, slots=True)
class SafetyNumber:
    digits: str
    """60 decimal digits."""
    emoji: tuple[SasEmoji, ...]
    """Seven entries of ``EMOJI_TABLE``."""

    @property
    def groups(self) -> tuple[str, ...]:
        """12 groups of 5 digits, as people read them out."""
        d = self.digits
        return tuple(d[i : i + GROUP_DIGITS] for i in range(0, len(d), GROUP_DIGITS))

    def __str__(self) -> str:
        return " ".join(self.groups)


def numeric_fingerprint(key: bytes, identifier: bytes, iterations: int = ITERATIONS) -> bytes:
    """Signal's iterated SHA-512 (version 0), full 64 bytes; checked against libsignal's
    published test vector in tests/crypto/test_safety_number.py."""
    if iterations < 2:
        raise ValueError("at least two iterations")
    digest = hashlib.sha512(VERSION.to_bytes(2, "big") + key + identifier + key).digest()
    for _ in range(iterations - 1):
        digest = hashlib.sha512(digest + key).digest()
    return digest


def displayable(local: bytes, remote: bytes) -> str:
    """60 digits: 30 per side (six 5-byte big-endian chunks mod 100000), smaller first."""
    texts = sorted(_digits(p) for p in (local, remote))
    return "".join(texts)


def fingerprint(party: Party) -> bytes:
    """The 30 bytes of one party's fingerprint that the safety number shows."""
    if len(party.ed25519) != ED25519_KEY_BYTES:
        raise InvalidSafetyKey(
            f"an Ed25519 key has {ED25519_KEY_BYTES} bytes, not {len(party.ed25519)}"
        )
    uid = party.uid.encode("utf-8")
    if not uid or len(uid) > MAX_UID_BYTES:
        raise InvalidSafetyKey(f"the uid must be 1 to {MAX_UID_BYTES} bytes")
    return numeric_fingerprint(party.ed25519, uid)[:FINGERPRINT_BYTES]


def _digits(print_: bytes) -> str:
    return "".join(
        f"{int.from_bytes(print_[i : i + CHUNK_BYTES], 'big') % 100000:05d}"
        for i in range(0, FINGERPRINT_BYTES, CHUNK_BYTES)
    )


def _emoji(material: bytes) -> tuple[SasEmoji, ...]:
    bits = 6 * EMOJI_COUNT
    raw = HKDF(hashes.SHA256(), length=(bits + 7) // 8, salt=None, info=EMOJI_INFO).derive(material)
    value = int.from_bytes(raw, "big") >> (len(raw) * 8 - bits)
    return tuple(
        EMOJI_TABLE[(value >> (6 * (EMOJI_COUNT - 1 - i))) & 0x3F] for i in range(EMOJI_COUNT)
    )


def safety_number(mine: Party, theirs: Party) -> SafetyNumber:
    """The same value for (A, B) and (B, A); any change of either key or uid changes it."""
    sides = sorted((_digits(p), p) for p in (fingerprint(mine), fingerprint(theirs)))
    digits = "".join(text for text, _ in sides)
    material = b"".join(p for _, p in sides)
    return SafetyNumber(digits, _emoji(material))
