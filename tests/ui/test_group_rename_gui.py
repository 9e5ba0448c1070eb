"""The group's admin renames it from the Members dialog of a complete app (start screen to
main window) through a real relay: "Rename…", a new name, "Rename"; her chat header and
conversation list show it, with the line in the chat; a member's list follows and his
Members dialog offers no rename. English and German."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app.ui.app_controller import AppController
from desktop_app.ui.bridge import AsyncBridge
from desktop_app.ui.chat import ChatView
from desktop_app.ui.chat import model as roles
from desktop_app.ui.directory import MembersDialog
from desktop_app.ui.directory.rename import RenameGroupDialog
from desktop_app.ui.shell.session_actions import SessionActions
from tests.conftest import PASSPHRASE
from tests.ui.shell_rig import make_controller
from tests.ui.test_chat_forward_mentions import submit

WAIT = 15000
OLD, NEW = "Station 3B", "Station 3B – Winter"
WORDS = {
    "en": {
        "button": "Rename…",
        "rename": "Rename",
        "line": f"Dr. Anna Weber renamed the group to “{NEW}”.",
    },
    "de": {
        "button": "Umbenennen…",
        "rename": "Umbenennen",
        "line": f"Dr. Anna Weber hat die Gruppe in „{NEW}“ umbenannt.",
    },
}


@pytest.fixture
def anna_app(qtbot: QtBot, gui_ward: Any) -> Iterator[AppController]:
    profile = gui_ward.enroll("weber.anna")
    bridge = AsyncBridge()
    controller = make_controller(bridge, profile.parent, gui_ward.address)
    controller._on_main = SessionActions
    controller.show_start()
    controller.unlock(profile, PASSPHRASE)
    qtbot.waitUntil(lambda: controller.main is not None, timeout=WAIT)
    main = controller.main
    assert main is not None
    qtbot.waitUntil(lambda: "●" in main.connection.text(), timeout=WAIT)
    yield controller
    controller.shutdown()
    bridge.shutdown()


def list_titles(controller: AppController) -> list[str]:
    main = controller.main
    assert main is not None
    model = main.conversations.model
    return [str(model.index(i, 0).data()).split("\n")[0] for i in range(model.rowCount())]


def chat_texts(chat: ChatView) -> list[str]:
    return [str(chat.model.index(i, 0).data(roles.TEXT)) for i in range(chat.model.rowCount())]


def members_dialog(qtbot: QtBot, controller: AppController) -> MembersDialog:
    main = controller.main
    assert main is not None
    main.members_action.trigger()
    dialog = controller._main_extras.dialog  # type: ignore[union-attr]
    assert isinstance(dialog, MembersDialog)
    qtbot.waitUntil(lambda: dialog.view is not None, timeout=WAIT)
    return dialog


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_admin_renames_the_group_and_header_and_lists_follow(
    qtbot: QtBot,
    gui_ward: Any,
    live_session: Any,
    request: pytest.FixtureRequest,
    language: str,
) -> None:
    if language == "de":
        request.getfixturevalue("german")
    words = WORDS[language]
    jonas = live_session(gui_ward, "mueller.jonas")
    controller = request.getfixturevalue("anna_app")
    main = controller.main
    assert main is not None
    group = submit(qtbot, main, lambda: main.ctx.client.create_group(OLD, ["mueller.jonas"]))
    qtbot.waitUntil(lambda: OLD in list_titles(controller), timeout=WAIT)
    main.open_conversation(group, "")
    chat = main.chat
    assert isinstance(chat, ChatView)
    qtbot.waitUntil(lambda: chat.title_label.text() == OLD, timeout=WAIT)

    dialog = members_dialog(qtbot, controller)
    QApplication.processEvents()
    assert dialog.rename_button.text() == words["button"]
    assert dialog.rename_button.isVisible() and dialog.rename_button.isEnabled()
    qtbot.mouseClick(dialog.rename_button, Qt.MouseButton.LeftButton)
    rename = dialog.rename_dialog
    assert isinstance(rename, RenameGroupDialog)
    assert rename.title.text() == OLD
    assert rename.rename_button.text() == words["rename"]
    assert not rename.rename_button.isEnabled()  # the same name: nothing to send
    rename.title.clear()
    qtbot.keyClicks(rename.title, "  Station 3B ")
    rename.title.insert("–")  # QTest types ASCII only; the dash comes as if pasted
    qtbot.keyClicks(rename.title, " Winter ")
    assert rename.rename_button.isEnabled()
    with qtbot.waitSignal(dialog.changed, timeout=WAIT):
        qtbot.mouseClick(rename.rename_button, Qt.MouseButton.LeftButton)
    assert not rename.isVisible()

    qtbot.waitUntil(lambda: chat.title_label.text() == NEW, timeout=WAIT)
    qtbot.waitUntil(lambda: NEW in list_titles(controller), timeout=WAIT)
    assert OLD not in list_titles(controller)
    qtbot.waitUntil(lambda: dialog.heading.text() == NEW, timeout=WAIT)
    qtbot.waitUntil(lambda: words["line"] in chat_texts(chat), timeout=WAIT)

    # Jonas's PC: his list shows the new name; his Members dialog offers no rename
    def jonas_titles() -> list[str]:
        out: list[Any] = []
        jonas.ctx.bridge.call(jonas.ctx.client.conversations, done=out.append)
        qtbot.waitUntil(lambda: bool(out), timeout=WAIT)
        return [row.title for row in out[0]]

    qtbot.waitUntil(lambda: NEW in jonas_titles(), timeout=WAIT)
    at_jonas = MembersDialog(jonas.ctx, group)
    qtbot.addWidget(at_jonas)
    at_jonas.show()
    qtbot.waitUntil(lambda: at_jonas.view is not None, timeout=WAIT)
    assert at_jonas.heading.text() == NEW
    assert at_jonas.rename_button.isVisible() and not at_jonas.rename_button.isEnabled()
    qtbot.mouseClick(at_jonas.rename_button, Qt.MouseButton.LeftButton)
    assert at_jonas.rename_dialog is None
