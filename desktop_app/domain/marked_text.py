"""A piece of a colleague's text with the words a search matched, kept apart from it.

The search index marks its matches inside the snippet it returns. Marked with ``[`` and
``]``, a colleague's own brackets ("Dosis [mg]") read as matches; any marker a sender
can type could do the same. So the marks leave the text here: the snippet is the text as
written plus the spans of the matches, and each reader (the GUI's bold, the command
line's brackets) draws them its own way.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

Span = tuple[int, int]  # [start, end) in MarkedText.text


@dataclass(frozen=True, slots=True)
class MarkedText:
    text: str
    marks: tuple[Span, ...] = ()

    def pieces(self) -> Iterator[tuple[str, bool]]:
        """The text in order, each piece with whether it is a match."""
        at = 0
        for start, end in self.marks:
            if start > at:
                yield self.text[at:start], False
            yield self.text[start:end], True
            at = end
        if at < len(self.text):
            yield self.text[at:], False

    def bracketed(self, start: str = "[", end: str = "]") -> str:
        """The text with each match between ``start`` and ``end`` (for a terminal)."""
        return "".join(f"{start}{p}{end}" if hit else p for p, hit in self.pieces())


def unmark(marked: str, start: str, end: str, source: str) -> MarkedText:
    """The text and match spans of ``marked``, a snippet of ``source`` with each match
    between ``start`` and ``end`` (single characters). If ``source`` itself holds one of
    them, nothing tells the index's marks from the sender's: no match is marked then,
    and the marker characters are left out."""
    if start in source or end in source:
        return MarkedText(marked.replace(start, "").replace(end, ""))
    text: list[str] = []
    marks: list[Span] = []
    length = 0
    opened: int | None = None
    for c in marked:
        if c == start:
            opened = length if opened is None else opened
        elif c == end:
            if opened is not None and length > opened:
                marks.append((opened, length))
            opened = None
        else:
            text.append(c)
            length += 1
    if opened is not None and length > opened:
        marks.append((opened, length))
    return MarkedText("".join(text), tuple(marks))
