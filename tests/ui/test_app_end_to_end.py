"""Two complete apps (start screen to main window, real views) talking through a relay:
a directory search starts the conversation, text goes both ways, urgent is answered."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.services.live_views import MessageRow
from desktop_app.ui.app_controller import AppController
from desktop_app.ui.bridge import AsyncBridge
from desktop_app.ui.chat import ChatView
from desktop_app.ui.chat import model as roles
from desktop_app.ui.directory import DirectoryPanel
from desktop_app.ui.shell.session_actions import SessionActions
from tests.conftest import PASSPHRASE
from tests.ui.shell_rig import make_controller


@pytest.fixture
def two_apps(qtbot: QtBot, gui_ward: Any) -> Iterator[tuple[AppController, AppController]]:
    apps = []
    bridges = []
    for uid in ("weber.anna", "mueller.jonas"):
        profile = gui_ward.enroll(uid)
        bridge = AsyncBridge()
        controller = make_controller(bridge, profile.parent, gui_ward.address)
        controller._on_main = SessionActions
        controller.show_start()
        controller.unlock(profile, PASSPHRASE)
        apps.append(controller)
        bridges.append(bridge)
    for controller in apps:
        qtbot.waitUntil(
            lambda c=controller: c.main is not None or bool(c.start.error.text()), timeout=15000
        )
        assert controller.main is not None, controller.start.error.text()
        main = controller.main
        assert main is not None
        qtbot.waitUntil(lambda m=main: "●" in m.connection.text(), timeout=15000)
    yield apps[0], apps[1]
    for controller, bridge in zip(apps, bridges, strict=True):
        controller.shutdown()
        bridge.shutdown()


def texts(chat: ChatView) -> list[str]:
    return [str(chat.model.index(i, 0).data(roles.TEXT)) for i in range(chat.model.rowCount())]


def test_search_write_reply_and_acknowledge_across_two_apps(
    qtbot: QtBot, two_apps: tuple[AppController, AppController]
) -> None:
    anna_app, jonas_app = two_apps
    anna, jonas = anna_app.main, jonas_app.main
    assert anna is not None and jonas is not None
    # Anna finds Jonas in the directory and presses "Write message" on his card.
    anna.directory_action.trigger()  # the toolbar button (Ctrl+D in the active window)
    panel = anna.directory
    assert isinstance(panel, DirectoryPanel) and panel.isVisible()
    qtbot.keyClicks(panel.search.field, "muell")
    qtbot.waitUntil(lambda: panel.search.model.rowCount() == 1, timeout=5000)
    panel.show_person("mueller.jonas")
    button = panel.card.write_button
    qtbot.waitUntil(lambda: button.isVisible() and button.isEnabled(), timeout=10000)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: bool(anna.current_conversation() or anna.statusBar().currentMessage()),
        timeout=10000,
    )
    assert anna.statusBar().currentMessage() == ""
    chat = anna.chat
    assert isinstance(chat, ChatView)
    qtbot.keyClicks(chat.composer.editor, "Visite um 9 Uhr?")
    qtbot.keyClick(chat.composer.editor, Qt.Key.Key_Return)

    # Jonas sees the conversation appear in his list, opens it and answers.
    def unread() -> int:
        rows = jonas.conversations.model.rows()
        return rows[0].unread if len(rows) == 1 else 0

    qtbot.waitUntil(lambda: unread() == 1, timeout=15000)
    row = jonas.conversations.model.rows()[0]
    assert row.title == "Dr. Anna Weber" and row.preview == "Visite um 9 Uhr?"
    jonas.open_conversation(row.conversation_id, row.title)
    jchat = jonas.chat
    assert isinstance(jchat, ChatView)
    qtbot.waitUntil(lambda: "Visite um 9 Uhr?" in texts(jchat), timeout=15000)
    jchat.composer.urgent_button.setChecked(True)
    qtbot.keyClicks(jchat.composer.editor, "Ja, aber Zimmer 12 zuerst!")
    qtbot.keyClick(jchat.composer.editor, Qt.Key.Key_Return)

    # Anna gets the urgent answer as a banner, acknowledges it; Jonas sees who did.
    qtbot.waitUntil(lambda: anna.banner.isVisible(), timeout=15000)
    assert "Jonas Müller" in anna.banner.text.text()
    assert "Ja, aber Zimmer 12 zuerst!" in texts(chat)
    qtbot.mouseClick(anna.banner.ack_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not anna.banner.isVisible(), timeout=10000)

    def acknowledged() -> bool:
        for i in range(jchat.model.rowCount()):
            value = jchat.model.index(i, 0).data(roles.ROW)
            if isinstance(value, MessageRow) and value.message.urgent:
                return [a.name for a in value.acknowledged_by] == ["Dr. Anna Weber"]
        return False

    qtbot.waitUntil(acknowledged, timeout=15000)
