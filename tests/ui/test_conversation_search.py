"""The conversation list's search box finds message text (the container's FTS index), not
only names and the last message, and says "No results" when nothing matches."""

from __future__ import annotations

from typing import Any

from pytestqt.qtbot import QtBot

from desktop_app.services.live_views import ConversationRow
from desktop_app.ui.shell.conversation_list import ConversationList, RowRole
from tests.ui.chat_support import TIMEOUT_MS, start_direct


def send(qtbot: QtBot, session: Any, cid: str, text: str) -> None:
    sent: list[object] = []
    errors: list[str] = []
    session.ctx.bridge.submit(
        lambda: session.ctx.client.send_text(cid, text), done=sent.append, error=errors.append
    )
    qtbot.waitUntil(lambda: bool(sent or errors), timeout=TIMEOUT_MS)
    assert not errors, errors


def shown(conversations: ConversationList) -> list[str]:
    proxy = conversations.proxy
    found = [proxy.index(i, 0).data(RowRole) for i in range(proxy.rowCount())]
    return [r.title for r in found if isinstance(r, ConversationRow)]


def test_search_finds_message_text_and_says_when_nothing_matches(
    qtbot: QtBot, gui_ward: Any, live_session: Any
) -> None:
    anna = live_session(gui_ward, "weber.anna")
    gui_ward.enroll("mueller.jonas")
    gui_ward.enroll("schmidt.lena")
    with_jonas = start_direct(qtbot, anna, "mueller.jonas")
    with_lena = start_direct(qtbot, anna, "schmidt.lena")
    send(qtbot, anna, with_jonas, "Zimmer 12: Troponin um 20 Uhr")
    send(qtbot, anna, with_jonas, "Danke")  # the preview no longer shows "Troponin"
    send(qtbot, anna, with_lena, "Röntgen Thorax fertig")

    conversations = ConversationList(anna.ctx)
    qtbot.addWidget(conversations)
    conversations.show()
    conversations.reload()
    qtbot.waitUntil(lambda: len(conversations.model.rows()) == 2, timeout=TIMEOUT_MS)
    titles = {r.conversation_id: r.title for r in conversations.model.rows()}

    conversations.search.setText("tropon")
    qtbot.waitUntil(lambda: shown(conversations) == [titles[with_jonas]], timeout=TIMEOUT_MS)
    assert conversations.no_results.isHidden()

    conversations.search.setText("Kalium")
    qtbot.waitUntil(lambda: conversations.no_results.isVisible(), timeout=TIMEOUT_MS)
    assert shown(conversations) == []
    assert conversations.no_results.text() == "No results"

    conversations.search.clear()
    assert sorted(shown(conversations)) == sorted(titles.values())
    assert conversations.no_results.isHidden()


def test_a_narrow_list_elides_and_never_scrolls_sideways(
    qtbot: QtBot, gui_ward: Any, live_session: Any
) -> None:
    anna = live_session(gui_ward, "weber.anna")
    gui_ward.enroll("mueller.jonas")
    cid = start_direct(qtbot, anna, "mueller.jonas")
    send(qtbot, anna, cid, "Zimmer 12: Troponin um 20 Uhr, bitte Kalium nachmessen")
    conversations = ConversationList(anna.ctx)
    qtbot.addWidget(conversations)
    conversations.resize(200, 300)  # as when the directory opens beside the chats
    conversations.show()
    conversations.reload()
    qtbot.waitUntil(lambda: len(conversations.model.rows()) == 1, timeout=TIMEOUT_MS)
    view = conversations.view
    qtbot.waitUntil(lambda: view.viewport().width() > 0)
    assert not view.horizontalScrollBar().isVisible()
    # The row is as wide as the list: its time, drawn at the right edge, stays in sight.
    assert view.visualRect(conversations.proxy.index(0, 0)).right() < view.viewport().width()
