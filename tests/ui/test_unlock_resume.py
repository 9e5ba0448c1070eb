"""Unlock returns the person to where they were: the open conversation, the window's size
and place, and the text typed but not sent (kept in the container, so a restart keeps it
too). The lock screen says that nothing is received while locked."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QSize, Qt
from pytestqt.qtbot import QtBot

from desktop_app.ui.app_controller import AppController
from desktop_app.ui.bridge import AsyncBridge
from desktop_app.ui.chat import ChatView
from tests.conftest import PASSPHRASE
from tests.ui.shell_rig import make_controller

TIMEOUT_MS = 15_000
PIN = "246810"


@pytest.fixture
def bridge(qtbot: QtBot) -> Iterator[AsyncBridge]:
    b = AsyncBridge()
    yield b
    b.shutdown()


def unlocked(qtbot: QtBot, controller: AppController, profile: Any) -> Any:
    controller.show_start()
    controller.unlock(profile, PASSPHRASE)
    qtbot.waitUntil(lambda: controller.main is not None, timeout=TIMEOUT_MS)
    return controller.main


def chat_of(controller: AppController) -> ChatView:
    assert controller.main is not None and isinstance(controller.main.chat, ChatView)
    return controller.main.chat


def start(qtbot: QtBot, bridge: AsyncBridge, main: Any, uid: str) -> str:
    done: list[object] = []
    failed: list[str] = []
    bridge.submit(lambda: main.ctx.client.start_direct(uid), done=done.append, error=failed.append)
    qtbot.waitUntil(lambda: bool(done or failed), timeout=TIMEOUT_MS)
    assert not failed, failed
    return str(done[0])


def lock_and_unlock_with_pin(
    qtbot: QtBot, controller: AppController, size: QSize | None = None
) -> None:
    controller.lock()
    screen = controller.lock_screen
    assert screen is not None
    if size is not None:  # the lock screen takes WardLink's place, not a small window
        assert screen.size() == size
    assert "still arrive" in screen.waiting.text()  # the default: receiving behind the PIN
    qtbot.waitUntil(lambda: screen.pin_mode and screen.secret.isEnabled(), timeout=TIMEOUT_MS)
    assert controller.main is None
    qtbot.keyClicks(screen.secret, PIN)
    qtbot.keyClick(screen.secret, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: controller.main is not None, timeout=TIMEOUT_MS)


def test_unlock_restores_conversation_geometry_and_drafts(
    qtbot: QtBot, bridge: AsyncBridge, gui_ward: Any
) -> None:
    anna = gui_ward.enroll("weber.anna")
    gui_ward.enroll("mueller.jonas")
    gui_ward.enroll("schmidt.lena")
    profiles = gui_ward.tmp / "profiles"
    controller = make_controller(bridge, profiles, gui_ward.address)
    try:
        main = unlocked(qtbot, controller, anna)
        qtbot.waitUntil(lambda: "●" in main.connection.text(), timeout=TIMEOUT_MS)
        with_jonas = start(qtbot, bridge, main, "mueller.jonas")
        with_lena = start(qtbot, bridge, main, "schmidt.lena")
        qtbot.waitUntil(lambda: main.conversations.model.rowCount() == 2, timeout=TIMEOUT_MS)
        assert controller.person is not None
        bridge.call(controller.person.set_pin, PIN)

        main.open_conversation(with_jonas, "")
        editor = chat_of(controller).composer.editor
        qtbot.keyClicks(editor, "Übergabe Zimmer 12:")
        qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
        qtbot.keyClicks(editor, "- Troponin 20 Uhr")
        main.open_conversation(with_lena, "")
        qtbot.keyClicks(chat_of(controller).composer.editor, "Befund?")
        main.setGeometry(40, 50, 700, 520)  # within the offscreen 800 x 600 screen
        geometry = main.geometry()

        lock_and_unlock_with_pin(qtbot, controller, geometry.size())
        main = controller.main
        chat = chat_of(controller)
        qtbot.waitUntil(lambda: main.current_conversation() == with_lena, timeout=TIMEOUT_MS)
        assert chat.conversation == with_lena
        assert main.size() == geometry.size()
        qtbot.waitUntil(lambda: chat.composer.editor.toPlainText() == "Befund?", timeout=TIMEOUT_MS)
        main.open_conversation(with_jonas, "")
        qtbot.waitUntil(
            lambda: chat.composer.editor.toPlainText() == "Übergabe Zimmer 12:\n- Troponin 20 Uhr",
            timeout=TIMEOUT_MS,
        )

        controller.shutdown()  # quit and start again: the drafts are in the container
        controller = make_controller(bridge, profiles, gui_ward.address)
        main = unlocked(qtbot, controller, anna)
        qtbot.waitUntil(lambda: main.conversations.model.rowCount() == 2, timeout=TIMEOUT_MS)
        main.open_conversation(with_lena, "")
        chat = chat_of(controller)
        qtbot.waitUntil(lambda: chat.composer.editor.toPlainText() == "Befund?", timeout=TIMEOUT_MS)

        chat.composer.editor.clear()  # sent or erased: the stored draft goes too
        main.open_conversation(with_jonas, "")
        main.open_conversation(with_lena, "")
        client = main.ctx.client
        got: list[object] = []
        bridge.call(client.draft, with_lena, done=got.append)
        qtbot.waitUntil(lambda: bool(got), timeout=TIMEOUT_MS)
        assert got == [""]
    finally:
        controller.shutdown()
