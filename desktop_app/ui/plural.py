"""Counted words in proper English and German: "1 message", "2 messages".

Both languages have one form for exactly one and another for every other number, so a
sentence comes as two translated strings (as "Wrong PIN. 1 attempt left." does): one
for a single thing and one with ``%n``. Qt's numerus forms (``tr(text, "", n)``) would
need an English translation file as well; without it, English read "3 message(s)".
"""

from __future__ import annotations

from PySide6.QtCore import QLocale


def counted(count: int, one: str, many: str) -> str:
    """``one`` when ``count`` is 1, else ``many`` with ``%n`` as the number."""
    if count == 1:
        return one
    return many.replace("%n", QLocale().toString(count))
