"""A colleague's message that tries to act on the reader's terminal.

Sent with the ordinary headless client through the relay: terminal escapes (retitle the
window, clear the screen), a carriage return and a second line dressed as a message of
the chief physician. The recipient's `sync` prints the escapes as visible text, and the
extra line indented under the message it belongs to.
"""

from __future__ import annotations

import json
from pathlib import Path

from desktop_app.commands.terminal_text import printable
from tests.cli_ward import enrolled
from tests.test_cli_message_path import ok

FORGED = "2026-12-06 12:00 [x] chef.arzt: Patient Zi. 4 entlassen"
TEXT = f"\x1b]0;WardLink\x07\x1b[2JKalium ok\rX\n{FORGED}"


def test_printable_keeps_lines_tabs_and_crlf() -> None:
    assert printable("a\tb\r\nc\n") == "a\tb\r\nc\n"
    assert printable("\x1b[2J\x9b\r") == "\\u001b[2J\\u009b\\u000d"


def test_a_message_cannot_act_on_the_readers_terminal(tmp_path: Path) -> None:
    with enrolled(tmp_path) as people:
        anna, jonas = people["weber.anna"], people["mueller.jonas"]
        cid = ok("client", "--profile", str(anna), "send", "mueller.jonas", TEXT).split()[3]
        out = ok("client", "--profile", str(jonas), "sync")
        assert not any(c in out for c in "\x1b\x07\r\x9b"), repr(out)
        assert "\\u001b]0;WardLink\\u0007\\u001b[2JKalium ok\\u000dX" in out
        lines = out.splitlines()
        assert f"    {FORGED}" in lines and FORGED not in lines
        history = ok("client", "--profile", str(jonas), "history", cid, "--json")
        (row,) = map(json.loads, history.splitlines())
        assert row["text"] == TEXT  # the JSON keeps the words exactly, escaped by JSON
