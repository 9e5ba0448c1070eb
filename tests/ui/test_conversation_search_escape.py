"""Esc in the conversation search box empties it: every conversation is listed again and
the message results close."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.ui.shell.conversation_list import ConversationList
from tests.ui.chat_support import TIMEOUT_MS, start_direct
from tests.ui.test_conversation_search import send, shown


def test_escape_in_the_search_box_shows_every_conversation_again(
    qtbot: QtBot, gui_ward: Any, live_session: Any
) -> None:
    anna = live_session(gui_ward, "weber.anna")
    gui_ward.enroll("mueller.jonas")
    gui_ward.enroll("schmidt.lena")
    send(qtbot, anna, start_direct(qtbot, anna, "mueller.jonas"), "Troponin um 20 Uhr")
    send(qtbot, anna, start_direct(qtbot, anna, "schmidt.lena"), "Röntgen Thorax fertig")
    conversations = ConversationList(anna.ctx)
    qtbot.addWidget(conversations)
    conversations.show()
    qtbot.waitExposed(conversations)
    conversations.raise_()
    conversations.activateWindow()
    qtbot.waitUntil(conversations.isActiveWindow)
    conversations.reload()
    qtbot.waitUntil(lambda: len(conversations.model.rows()) == 2, timeout=TIMEOUT_MS)

    conversations.search.setFocus()
    qtbot.keyClicks(conversations.search, "troponin")
    qtbot.waitUntil(lambda: conversations.results.isVisible(), timeout=TIMEOUT_MS)
    assert len(shown(conversations)) == 1

    qtbot.keyClick(conversations.search, Qt.Key.Key_Escape)
    assert conversations.search.text() == ""
    assert len(shown(conversations)) == 2
    assert not conversations.results.isVisible()
