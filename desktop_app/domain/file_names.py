"""A file name as a peer declared it, made safe to show, print and suggest for saving.

The name of a received attachment is the sender's word. A modified client could name a
file ``../../autostart/x.bat`` (a path where a save dialog suggests a plain name),
hide its real extension behind a right-to-left override (``Befund\u202efdp.exe``
shows as "Befundexe.pdf"), or put terminal escape sequences into what
``wardlink client messages`` prints. The receiver keeps only the last path component,
without control and invisible formatting characters, so what the person sees is what
the file is called.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

FALLBACK: Final = "attachment"  # when nothing of the name is left
_SEPARATORS: Final = re.compile(r"[/\\]")
_HIDDEN: Final = ("Cc", "Cf")  # controls; format characters (bidi overrides, zero-width)
_NOT_IN_NAMES: Final = re.compile(r'[/\\<>:"|?*]+')  # separators, and what Windows refuses
MAX_SUGGESTED: Final = 120  # characters of a suggested name, before its extension


def plain_file_name(name: str) -> str:
    """The last path component of ``name`` without control or formatting characters,
    trailing dots or spaces (which Windows drops); ``FALLBACK`` if nothing is left."""
    last = _SEPARATORS.split(name)[-1]
    kept = "".join(c for c in last if unicodedata.category(c) not in _HIDDEN)
    kept = kept.strip().rstrip(". ")
    return kept if kept not in ("", ".", "..") else FALLBACK


def hidden_characters(name: str) -> bool:
    """Whether ``name`` holds a control or invisible formatting character."""
    return any(unicodedata.category(c) in _HIDDEN for c in name)


def file_name_from(text: str, fallback: str) -> str:
    """A name to suggest for saving, made of a title a colleague chose ("Station 3B /
    Kardio" is one file, "Station 3B - Kardio", not a folder and a file): separators
    and characters Windows refuses become " - ", hidden ones go; ``fallback`` if
    nothing is left."""
    kept = "".join(c for c in text if unicodedata.category(c) not in _HIDDEN)
    kept = " ".join(_NOT_IN_NAMES.sub(" - ", kept).split())
    kept = kept[:MAX_SUGGESTED].strip(" -").rstrip(". ")
    return kept if kept.strip(".") else fallback
