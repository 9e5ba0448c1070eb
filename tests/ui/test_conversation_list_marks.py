"""A person's own marks on the conversation list: up to three conversations pinned to
the top (the last pinned first, with a pin beside the time) and "Mark as unread", which
shows the unread badge until the chat is opened again; in English and German, through a
real relay and container."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot

from desktop_app.services.live_convo import Disappearing
from desktop_app.services.live_views import ConversationRow
from desktop_app.ui.shell.conversation_list import ConversationList
from tests.ui.chat_support import TIMEOUT_MS, start_direct
from tests.ui.test_chat_forward_mentions import submit
from tests.ui.test_conversation_search import send
from tests.ui.test_viewer_translation import german

__all__ = ["german"]  # the fixture

PEOPLE = ("mueller.jonas", "schmidt.lena", "yilmaz.derya")


def _list(qtbot: QtBot, anna: Any, gui_ward: Any) -> tuple[ConversationList, list[str]]:
    chats = []
    for uid in PEOPLE:
        gui_ward.enroll(uid)
        chats.append(start_direct(qtbot, anna, uid))
        send(qtbot, anna, chats[-1], f"Hallo {uid}")
    chats.append(submit(qtbot, anna, lambda: anna.ctx.client.create_group("Station 3B", PEOPLE)))
    send(qtbot, anna, chats[-1], "Hallo Station")
    conversations = ConversationList(anna.ctx)
    qtbot.addWidget(conversations)
    conversations.show()
    conversations.reload()
    qtbot.waitUntil(lambda: len(conversations.model.rows()) == len(chats), timeout=TIMEOUT_MS)
    return conversations, chats


def _order(conversations: ConversationList) -> list[str]:
    return [r.conversation_id for r in conversations.model.rows()]


def _row(conversations: ConversationList, cid: str) -> ConversationRow:
    return next(r for r in conversations.model.rows() if r.conversation_id == cid)


def _action(conversations: ConversationList, cid: str, text: str) -> QAction:
    menu = conversations.conversation_menu(
        _row(conversations, cid), Disappearing(None, True, False)
    )
    return next(a for a in menu.actions() if a.text() == text)


def test_pin_three_conversations_to_the_top_and_mark_one_unread(
    qtbot: QtBot, gui_ward: Any, live_session: Any
) -> None:
    anna = live_session(gui_ward, "weber.anna")
    conversations, chats = _list(qtbot, anna, gui_ward)
    assert _order(conversations) == chats[::-1]  # the most recent first

    for cid in chats[:3]:  # the three oldest, one after another
        _action(conversations, cid, "Pin to top").trigger()
        qtbot.waitUntil(lambda cid=cid: _order(conversations)[0] == cid, timeout=TIMEOUT_MS)
    assert _order(conversations) == [chats[2], chats[1], chats[0], chats[3]]
    assert [r.pinned for r in conversations.model.rows()] == [True, True, True, False]
    full = _action(conversations, chats[3], "Pin to top")
    assert not full.isEnabled() and "At most 3" in full.toolTip()

    _action(conversations, chats[1], "Unpin from top").trigger()
    qtbot.waitUntil(lambda: not _row(conversations, chats[1]).pinned, timeout=TIMEOUT_MS)
    assert _order(conversations)[:2] == [chats[2], chats[0]]

    _action(conversations, chats[3], "Mark as unread").trigger()
    qtbot.waitUntil(lambda: _row(conversations, chats[3]).unread == 1, timeout=TIMEOUT_MS)
    index = conversations.model.index(_order(conversations).index(chats[3]))
    assert ", 1 unread:" in str(index.data(Qt.ItemDataRole.AccessibleTextRole))
    assert not [a for a in conversations.conversation_menu(
        _row(conversations, chats[3]), Disappearing(None, True, False)
    ).actions() if a.text() == "Mark as unread"]  # fmt: skip


def test_the_marks_speak_german(
    qtbot: QtBot, gui_ward: Any, live_session: Any, german: None
) -> None:
    anna = live_session(gui_ward, "weber.anna")
    conversations, chats = _list(qtbot, anna, gui_ward)
    texts = [
        a.text()
        for a in conversations.conversation_menu(
            _row(conversations, chats[0]), Disappearing(None, True, False)
        ).actions()
    ]
    assert "Oben anheften" in texts and "Als ungelesen markieren" in texts
