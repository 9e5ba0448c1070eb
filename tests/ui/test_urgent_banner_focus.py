"""After "Acknowledge" on the red banner the keyboard goes to the open chat's composer,
not to the conversation search (walk 19: the banner vanished, the search box got the
focus with its text selected, and the physician's next words "Komme sofort" replaced
his search and emptied the conversation list instead of becoming a reply)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app.ui.shell.main_window import MainWindow
from tests.ui.chat_support import TIMEOUT_MS, anna_and_jonas_chatting, chat_view
from tests.ui.test_chat_forward_mentions import submit

__all__ = ["chat_view"]  # the fixture


def test_acknowledge_on_the_banner_leaves_the_keyboard_in_the_composer(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any
) -> None:
    two = anna_and_jonas_chatting(qtbot, gui_ward, live_session, chat_view)
    cid, client, chat = two.cid, two.anna.ctx.client, two.jonas_view
    submit(qtbot, two.anna, lambda: client.send_text(cid, "Kalium 6,1 mmol/l"))
    main = MainWindow(two.jonas.ctx, chat, None, lambda _t, _x: None)
    qtbot.addWidget(main)
    main.resize(1000, 600)
    main.show()
    main.activateWindow()
    qtbot.waitActive(main)
    main.reload()
    qtbot.waitUntil(lambda: main.conversations.model.rowCount() == 1, timeout=TIMEOUT_MS)
    qtbot.keyClicks(main.conversations.search, "kal")
    main.open_conversation(cid, "")
    submit(qtbot, two.anna, lambda: client.send_text(cid, "Bitte kommen!", urgent=True))
    qtbot.waitUntil(lambda: main.banner.isVisible(), timeout=TIMEOUT_MS)

    qtbot.mouseClick(main.banner.ack_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not main.banner.isVisible(), timeout=TIMEOUT_MS)
    assert QApplication.focusWidget() is chat.composer.editor
    qtbot.keyClicks(QApplication.focusWidget(), "Komme sofort")
    assert main.conversations.search.text() == "kal"
    assert chat.composer.editor.toPlainText() == "Komme sofort"
