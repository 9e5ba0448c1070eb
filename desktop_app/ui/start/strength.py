"""A rough passphrase strength for the meter under the field (the minimum is enforced
separately by storage.secret_policy). It rewards length and variety and punishes
repetition; it is a nudge for the person typing, not a security proof."""

from __future__ import annotations

import math
import string

COMMON = ("passwort", "password", "123456", "qwertz", "qwerty", "klinik", "station", "wardlink")


def strength_bits(passphrase: str) -> float:
    if not passphrase:
        return 0.0
    pool = 0
    if any(c in string.ascii_lowercase for c in passphrase):
        pool += 26
    if any(c in string.ascii_uppercase for c in passphrase):
        pool += 26
    if any(c.isdigit() for c in passphrase):
        pool += 10
    if any(not c.isalnum() for c in passphrase):
        pool += 33
    if any(ord(c) > 127 for c in passphrase):
        pool += 30
    distinct = len(set(passphrase.casefold()))
    effective = min(len(passphrase), distinct * 2)
    bits = effective * math.log2(max(pool, 2))
    lowered = passphrase.casefold()
    if any(word in lowered for word in COMMON):
        bits -= 20
    return max(bits, 0.0)


def strength_level(passphrase: str) -> int:
    """0 weak, 1 fair, 2 good, 3 strong."""
    bits = strength_bits(passphrase)
    return 0 if bits < 40 else 1 if bits < 60 else 2 if bits < 80 else 3
