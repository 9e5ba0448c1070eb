"""What the headless client prints is partly other people's words: message texts, file
names, task titles, MIME types. A colleague could put terminal control sequences in
them (ESC ] to retitle the window, ESC [2J to clear it, a carriage return to write over
the start of a line) that act on the terminal of whoever reads them. Everything a
client command prints goes through ``escaped_stdout``, which shows each control
character as ``\\u00XX`` instead (valid inside a JSON string too); newlines and tabs
stay, and so does the CR of a CRLF line end.
"""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

_CONTROLS = re.compile(r"\r(?!\n)|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f]")


def printable(text: str) -> str:
    """``text`` with every control character but newline and tab made visible."""
    return _CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


# Besides the controls: line breaks and tabs, Unicode line separators and the direction
# controls (a right-to-left override reorders the rest of a row).
_IN_A_CELL = re.compile(
    r"[\x00-\x1f\x7f\x80-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)


def one_cell(text: str) -> str:
    """``text`` as one cell of a listing: every character that could end the row, start
    another or reorder it made visible as ``\\uXXXX`` (a name in an admin table)."""
    return _IN_A_CELL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class EscapingOutput(io.TextIOBase):
    """A text stream that writes ``printable`` text to the stream it wraps."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(printable(text))
        return len(text)

    def flush(self) -> None:
        self._stream.flush()

    def writable(self) -> bool:
        return True

    @property
    def encoding(self) -> str:
        return self._stream.encoding


@contextmanager
def escaped_stdout() -> Iterator[None]:
    """Standard output made safe for the terminal while a client command runs."""
    saved = sys.stdout
    sys.stdout = EscapingOutput(saved)  # type: ignore[assignment]
    try:
        yield
    finally:
        sys.stdout.flush()
        sys.stdout = saved


def continued(text: str, indent: str = "    ") -> str:
    """A multi-line text with its later lines indented, so a line in someone's message
    cannot pass for a message of its own in a listing."""
    return text.replace("\n", "\n" + indent)
