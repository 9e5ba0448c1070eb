"""A window made narrow (snapped to half a laptop screen): the conversation list keeps
names readable and the chat's title is cut with "…" instead, its whole text a tooltip;
the composer's hint drops its keyboard help rather than wrap.

Found by looking at the demo at 690 px: the chat's header (title, subtitle, four
buttons) would not shrink, so the list was squeezed to a strip of times."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot

from desktop_app.ui.chat import ChatView
from desktop_app.ui.chat.elided_label import ElidedLabel
from desktop_app.ui.shell.main_window import FRAME_ALLOWANCE, LIST_MIN_WIDTH, MainWindow
from tests.ui.chat_support import TIMEOUT_MS, chat_view
from tests.ui.test_chat_forward_mentions import submit

__all__ = ["chat_view"]  # the fixture

TITLE = "Dienstarzt Kardiologie Nachtdienst Station 3B"


def test_a_narrow_window_cuts_the_chat_title_not_the_conversation_list(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any
) -> None:
    anna = live_session(gui_ward, "weber.anna")
    live_session(gui_ward, "mueller.jonas")  # a member with an enrolled device
    group = submit(qtbot, anna, lambda: anna.ctx.client.create_group(TITLE, ["mueller.jonas"]))
    chat = chat_view(anna)
    main = MainWindow(anna.ctx, chat, None, lambda _title, _text: None)
    qtbot.addWidget(main)
    main.resize(1200, 700)
    main.show()
    conversations = main.conversations
    conversations.reload()
    qtbot.waitUntil(lambda: len(conversations.model.rows()) == 1, timeout=TIMEOUT_MS)
    main.open_conversation(group, TITLE)
    assert isinstance(chat, ChatView)
    title = chat.header.title_label
    qtbot.waitUntil(lambda: title.text() == TITLE, timeout=TIMEOUT_MS)
    assert title.toolTip() == ""  # wide: the whole title shows
    editor = chat.composer.editor
    assert editor.placeholderText() == "Write a message …  (Enter sends, Shift+Enter: new line)"

    main.resize(600, 700)  # narrower than the window can get
    qtbot.waitUntil(lambda: main.width() < 800, timeout=TIMEOUT_MS)
    assert conversations.width() >= LIST_MIN_WIDTH
    assert isinstance(title, ElidedLabel)
    qtbot.waitUntil(lambda: title.toolTip() == TITLE, timeout=TIMEOUT_MS)  # cut
    assert title.text() == TITLE  # what the tests and screen readers read stays whole
    assert title.isVisible() and title.width() < title.fontMetrics().horizontalAdvance(TITLE)
    # The composer's hint had wrapped into a second, cut line: now the short one.
    assert editor.placeholderText() == "Write a message …"
    room = editor.viewport().width()
    assert editor.fontMetrics().horizontalAdvance(editor.placeholderText()) < room


def test_the_window_opens_within_a_screen_smaller_than_its_usual_size(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any
) -> None:
    """Seen under Xvfb at 1280x800: the window opened 800 px high, so with its title bar
    the connection status (and on 1366x768 laptops the composer) lay below the screen.
    The offscreen screen here is 800x800: the window opens within it, its frame's room
    left free."""
    anna = live_session(gui_ward, "weber.anna")
    main = MainWindow(anna.ctx, chat_view(anna), None, lambda _title, _text: None)
    qtbot.addWidget(main)
    free = main.screen().availableGeometry()
    assert free.height() < 800 + FRAME_ALLOWANCE[1]  # the case this test is about
    assert main.width() <= free.width() - FRAME_ALLOWANCE[0]
    assert main.height() <= free.height() - FRAME_ALLOWANCE[1]
    main.show()
    qtbot.waitExposed(main)
    width, height = FRAME_ALLOWANCE
    assert main.size() == QSize(free.width() - width, free.height() - height)
