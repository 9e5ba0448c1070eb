"""Titles a peer chooses, kept to what they look like.

A group's title is its creator's word, shown in every member's conversation list, chat
header, notifications and the lines "Anna added you to ...". Line breaks and other
control characters would break those lines apart, and direction controls (a
right-to-left override, isolates, marks) reorder what follows, so a title could look
like something it is not. Other format characters stay: the zero-width joiner builds
emoji such as the health worker sign.
"""

from __future__ import annotations

import unicodedata
from typing import Final

DIRECTION_CONTROLS: Final = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


def _hidden(c: str) -> bool:
    return c in DIRECTION_CONTROLS or unicodedata.category(c) == "Cc"


def hides_text(text: str) -> bool:
    """Whether ``text`` holds a control or direction-changing character."""
    return any(_hidden(c) for c in text)


def plain_title(text: str) -> str:
    """``text`` without control and direction characters, its runs of white space one
    space (a title pasted from a roster keeps its words, not its line breaks)."""
    return " ".join("".join(" " if _hidden(c) else c for c in text).split())
