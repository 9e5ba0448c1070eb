"""A reply to a long message: the quote in the reply's bubble ends in "…" where the
original was cut, instead of stopping mid-word as if that were the whole message."""

from __future__ import annotations

from typing import Any

from pytestqt.qtbot import QtBot

from tests.ui.chat_support import anna_and_jonas_chatting, chat_view, wait_row
from tests.ui.test_chat_replies_reactions import menu_action, send

__all__ = ["chat_view"]  # the fixture

LONG = (
    "Danke! Troponin negativ, Schmerz deutlich besser. Ich gebe es bei der Übergabe "
    "weiter, bitte Kalium um 16 Uhr kontrollieren."
)


def test_a_long_quote_says_that_it_goes_on(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any
) -> None:
    _anna, _jonas, _cid, anna_view, jonas_view = anna_and_jonas_chatting(
        qtbot, gui_ward, live_session, chat_view
    )

    original = send(qtbot, jonas_view, LONG)
    wait_row(qtbot, anna_view, lambda r: r.message_id == original.message_id)
    menu_action(anna_view, original.message_id, "Reply").trigger()
    reply = send(qtbot, anna_view, "Gut, danke.")

    for view in (anna_view, jonas_view):
        row = wait_row(qtbot, view, lambda r: r.message_id == reply.message_id)
        assert row.quote is not None
        snippet = row.quote.snippet
        assert snippet.endswith("…"), snippet
        assert LONG.startswith(snippet[:-1]) and len(snippet) < len(LONG)
