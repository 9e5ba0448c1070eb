"""Directory text as IT's sources give it, made fit to name a person.

LDAP is partly written by the people it describes: in many hospitals staff edit their
own title, phone or office, and a CSV passes through Excel. A right-to-left override
(U+202E) reorders what follows, so "Dr. \u202eRELLÜM" shows as "Dr. MÜLLER"; zero-width
characters make two different strings look alike; a line break or an escape sequence
breaks the lines a name is put into (chat header, notification, lock screen, export).
Every text of an entry is cleaned as it comes in (LDAP sync, CSV, LDIF), before IT's
key signs it: composed to NFC, so "Mu\u0308ller" and "Müller" are one spelling,
control characters become a space, and invisible format characters are dropped, but
the two joiners, which names (ZWNJ in Persian) and emoji (the health worker sign) need.
"""

from __future__ import annotations

import unicodedata
from typing import Final

KEPT_FORMAT: Final = frozenset("\u200c\u200d")
"""Zero-width non-joiner and joiner: part of how some names and emoji are written."""


def _kept(c: str) -> str:
    category = unicodedata.category(c)
    if category == "Cc":
        return " "
    if category == "Cf" and c not in KEPT_FORMAT:
        return ""
    return c


def clean_text(text: str) -> str:
    """``text`` in NFC without control or invisible format characters, its runs of
    white space one space."""
    composed = unicodedata.normalize("NFC", text)
    return " ".join("".join(_kept(c) for c in composed).split())
