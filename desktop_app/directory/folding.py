"""Case and accent folding, so "Müller" is found by "muller", "mueller" and "MÜLLER".

German names have two spellings in practice: with the umlaut stripped ("Muller", what a
keyboard without umlauts gives) and transliterated ("Mueller", the passport/e-mail
form). Text is folded both ways; a query matches if either of its foldings occurs in
either folding of the text.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Final

_TRANSLITERATE: Final = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "æ": "ae", "ø": "oe", "å": "aa"}
)
_NO_DECOMPOSITION: Final = str.maketrans(
    {"ı": "i", "ł": "l", "đ": "d", "ø": "o", "æ": "ae", "œ": "oe", "þ": "th"}
)
"""Letters Unicode does not decompose into base + mark ("Yılmaz" is typed "yilmaz")."""
_FOLD_CACHE: Final = 4096


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(
        _NO_DECOMPOSITION
    )


def _squash(text: str) -> str:
    return " ".join(text.split())


@lru_cache(maxsize=_FOLD_CACHE)
def fold_variants(text: str) -> tuple[str, ...]:
    """The distinct foldings of ``text``: accents stripped, and German transliteration.

    Both are lower-case with runs of whitespace squashed to one space. ``ß`` becomes
    ``ss`` in both, since nobody types "strae" for "Straße".
    """
    lowered = unicodedata.normalize("NFC", text).casefold()  # casefold: ß -> ss already
    stripped = _squash(_strip_marks(lowered))
    transliterated = _squash(_strip_marks(lowered.translate(_TRANSLITERATE)))
    if stripped == transliterated:
        return (stripped,)
    return (stripped, transliterated)


def fold(text: str) -> str:
    """The accent-stripped folding only: for equality tests (filters, sorting)."""
    return fold_variants(text)[0]
