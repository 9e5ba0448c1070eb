"""A confirmation or error in the main window's status bar shows beside the connection
state, not over it: "Connected"/"Offline" stays readable while it shows."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desktop_app.ui.chat import ChatView
from desktop_app.ui.chat.voice_recorder import NoMicrophone
from tests.ui.test_chat_forward_mentions import submit
from tests.ui.test_group_rename_gui import WAIT, anna_app

__all__ = ["anna_app"]  # the fixture


class AbsentMicrophone:
    """A PC without a microphone, as the ward PCs in the demo were."""

    rate = 16_000

    def start(self, on_data: Callable[[bytes], None]) -> None:
        raise NoMicrophone("no default audio input device")

    def stop(self) -> None:
        pass


def test_a_chat_error_leaves_the_connection_state_in_sight(
    qtbot: QtBot, gui_ward: Any, live_session: Any, request: pytest.FixtureRequest
) -> None:
    live_session(gui_ward, "mueller.jonas")
    controller = request.getfixturevalue("anna_app")
    main = controller.main
    assert main is not None
    direct = submit(qtbot, main, lambda: main.ctx.client.start_direct("mueller.jonas"))
    main.open_conversation(direct, "")
    chat = main.chat
    assert isinstance(chat, ChatView)
    qtbot.waitUntil(chat.composer.voice_button.isVisible, timeout=WAIT)
    chat.composer.recorder.make_input = AbsentMicrophone
    qtbot.mouseClick(chat.composer.voice_button, Qt.MouseButton.LeftButton)

    said = "No microphone was found on this PC; connect one, or ask IT."
    bar = main.statusBar()
    assert bar.currentMessage() == said
    shown = [label.text() for label in bar.findChildren(QLabel) if label.isVisible()]
    assert any(text.startswith("● Connected to relay") for text in shown), shown
    assert said in shown
