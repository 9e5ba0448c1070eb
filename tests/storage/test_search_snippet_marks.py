"""The search snippet keeps a colleague's text as written and the matches apart from it:
her own brackets are not matches, and no character she types can forge one."""

from __future__ import annotations

from desktop_app.domain.ids import ConversationId
from desktop_app.domain.marked_text import MarkedText, unmark
from desktop_app.storage.container import Container
from desktop_app.storage.sql_search import MATCH_END, MATCH_START
from tests.conftest import make_message

BRACKETS = "Dosis [mg] und <b>Troponin</b> [Labor] nachsehen"


def test_a_colleagues_brackets_are_text_not_matches(
    container: Container, conversation: ConversationId
) -> None:
    container.messages.add_many([make_message(conversation, BRACKETS)])
    (hit,) = container.messages.search("troponin")
    assert hit.snippet.text == BRACKETS  # as written, brackets and tags included
    (start, end), *more = hit.snippet.marks
    assert not more
    assert hit.snippet.text[start:end] == "Troponin"
    assert [p for p, matched in hit.snippet.pieces() if matched] == ["Troponin"]


def test_the_match_markers_in_a_text_mark_nothing(
    container: Container, conversation: ConversationId
) -> None:
    forged = f"Troponin {MATCH_START}Kalium{MATCH_END} ok"
    container.messages.add_many([make_message(conversation, forged)])
    (hit,) = container.messages.search("troponin")
    assert hit.snippet == MarkedText("Troponin Kalium ok")  # no match, no marker shown


def test_unmark_reads_spans_and_tolerates_loose_markers() -> None:
    marked = f"a {MATCH_START}b{MATCH_END} c {MATCH_START}d"
    assert unmark(marked, MATCH_START, MATCH_END, "a b c d") == MarkedText(
        "a b c d", ((2, 3), (6, 7))
    )
    assert unmark(f"x{MATCH_END}y", MATCH_START, MATCH_END, "xy") == MarkedText("xy")
    assert MarkedText("a b c", ((2, 3),)).bracketed() == "a [b] c"
