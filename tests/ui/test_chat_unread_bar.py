""" "Jump to the first unread message" sits in a strip under the message list, where it covers no
message: floating over the list's bottom right corner, it hid the text of the bubbles
under it. Checked in English and in German, live (relay, container, two PCs)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from tests.ui.chat_support import TIMEOUT_MS, call, chat_view, start_direct, wait_row
from tests.ui.language_support import language

__all__ = ["chat_view", "language"]  # the fixtures

UNREAD = 40  # more than the list shows at once
BUTTON_TEXT = {
    "en": "Jump to the first unread message",
    "de": "Zur ersten ungelesenen Nachricht",
}


def on_screen(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(widget.rect().topLeft()), widget.size())


def test_jump_to_first_unread_covers_no_message(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any, language: str
) -> None:
    anna = live_session(gui_ward, "weber.anna")
    jonas = live_session(gui_ward, "mueller.jonas")
    cid = start_direct(qtbot, anna, "mueller.jonas")
    done: list[object] = []

    async def send_all() -> None:
        for i in range(UNREAD):
            await anna.ctx.client.send_text(cid, f"Befund {i}: Kalium 5,{i % 10} mmol/l")

    anna.ctx.bridge.submit(send_all, done=done.append)
    conversations = jonas.ctx.client.container.conversations
    qtbot.waitUntil(lambda: call(qtbot, jonas, conversations.unread, cid) == UNREAD,
                    timeout=60_000)  # fmt: skip

    view = chat_view(jonas)
    view.show_conversation(cid, "Dr. Anna Weber")
    first = wait_row(qtbot, view, lambda r: r.message.body.startswith("Befund 0:"))
    index = view.model.index_of(first.message_id)
    qtbot.waitUntil(lambda: view.list.currentIndex() == index, timeout=TIMEOUT_MS)

    jump = view.unread
    qtbot.waitUntil(jump.newest_button.isVisible, timeout=TIMEOUT_MS)
    qtbot.mouseClick(jump.newest_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(jump.first_button.isVisible, timeout=TIMEOUT_MS)
    assert jump.first_button.text() == BUTTON_TEXT[language]
    # Where the messages are drawn, the button is not: it covers none of them.
    messages = on_screen(view.list.viewport())
    assert not on_screen(jump.first_button).intersects(messages)
    assert on_screen(jump.first_button).top() >= messages.bottom()
    # The newest message stays in sight above it, whole.
    newest = view.model.index(view.model.rowCount() - 1, 0)
    assert view.list.viewport().rect().contains(view.list.visualRect(newest))

    qtbot.mouseClick(jump.first_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(jump.first_in_sight, timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: not jump.first_button.isVisible(), timeout=TIMEOUT_MS)
