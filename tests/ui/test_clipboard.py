"""Copied message text: policy copy_allowed, Windows history flags, cleared on lock."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.ui.bridge import AsyncBridge
from desktop_app.ui.chat import ChatView
from desktop_app.ui.chat.menu import message_menu
from desktop_app.ui.clipboard_guard import WINDOWS_PRIVATE_FORMATS
from desktop_app.ui.context import UiContext
from desktop_app.ui.viewers.text_window import TextWindow
from tests.conftest import PASSPHRASE
from tests.ui.chat_support import call, chat_view, start_direct, wait_row
from tests.ui.shell_rig import make_controller
from tests.ui.test_chat_text_and_pictures import _open, _received

__all__ = ["chat_view"]  # the fixture

BODY = "BZ 312 mg/dl, bitte Insulin nach Schema"


class Chat(QLabel):
    def show_conversation(self, conversation_id: str, title: str) -> None: ...
    def clear(self) -> None: ...


def views(ctx: UiContext) -> tuple[QWidget, QWidget | None]:
    return Chat("chat"), None


@pytest.fixture
def bridge(qtbot: QtBot) -> Iterator[AsyncBridge]:
    b = AsyncBridge()
    yield b
    b.shutdown()


def anna_view(qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any, **ctx: Any) -> Any:
    anna = live_session(gui_ward, "weber.anna")
    gui_ward.enroll("mueller.jonas")
    cid = start_direct(qtbot, anna, "mueller.jonas")
    view: ChatView = chat_view(dataclasses.replace(anna, ctx=dataclasses.replace(anna.ctx, **ctx)))
    view.show_conversation(cid, "Jonas Müller")
    call(qtbot, anna, lambda: None)
    anna.ctx.bridge.submit(lambda: anna.ctx.client.send_text(str(cid), BODY))
    row = wait_row(qtbot, view, lambda r: r.message.body == BODY)
    return view, view.model.index_of(row.message_id)


def test_copy_text_marks_it_private_for_windows(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any
) -> None:
    QGuiApplication.clipboard().clear()
    view, index = anna_view(qtbot, gui_ward, live_session, chat_view)
    menu = message_menu(view, index, None)
    copy = next(a for a in menu.actions() if a.text() == "Copy text")
    assert copy.isEnabled()
    copy.trigger()
    data = QGuiApplication.clipboard().mimeData()
    assert data.text() == BODY
    for kind in WINDOWS_PRIVATE_FORMATS:  # no clipboard history, no cloud clipboard
        assert data.hasFormat(kind), kind


def test_policy_copy_allowed_false_switches_copying_off(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any
) -> None:
    QGuiApplication.clipboard().setText("vorher")
    view, index = anna_view(qtbot, gui_ward, live_session, chat_view, copy_allowed=False)
    menu = message_menu(view, index, None)
    copy = next(a for a in menu.actions() if a.text().startswith("Copy text"))
    assert not copy.isEnabled() and "policy" in copy.text()
    view.commands.copy(index)  # Ctrl+C in the message list
    assert QGuiApplication.clipboard().text() == "vorher"
    assert "switched off" in view.status.text()


def test_lock_and_switch_user_clear_only_what_wardlink_copied(
    qtbot: QtBot, bridge: AsyncBridge, gui_ward: Any
) -> None:
    profile = gui_ward.enroll("weber.anna")
    controller = make_controller(bridge, profile.parent, gui_ward.address, views=views)
    clipboard = QGuiApplication.clipboard()
    try:
        controller.show_start()
        controller.unlock(profile, PASSPHRASE)
        qtbot.waitUntil(lambda: controller.main is not None, timeout=10000)
        assert controller.main is not None
        controller.main.ctx.clipboard.copy(BODY)  # what the chat's Copy text does
        assert clipboard.text() == BODY
        controller.lock()
        assert clipboard.text() == ""
        # Someone copies from another program after WardLink copied: left alone.
        controller.clipboard.copy(BODY)
        clipboard.setText("Dienstplan Dezember")
        controller.switch_user()
        assert clipboard.text() == "Dienstplan Dezember"
        controller.unlock(profile, PASSPHRASE)
        qtbot.waitUntil(lambda: controller.main is not None, timeout=10000)
        controller.main.ctx.clipboard.copy(BODY)
        controller.switch_user()
        assert clipboard.text() == ""
    finally:
        controller.shutdown()


LAB = "Laborwerte Zimmer 12, Müller Hans\nKalium 6,8 mmol/l\n"


def _lab_window(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any, tmp_path: Path, **ctx: Any
) -> tuple[ChatView, TextWindow]:
    """Anna sends a lab file through the relay; Jonas opens it from his chat."""
    anna = live_session(gui_ward, "weber.anna")
    jonas = live_session(gui_ward, "mueller.jonas")
    cid = start_direct(qtbot, anna, "mueller.jonas")
    anna_view = chat_view(anna)
    jonas_view = chat_view(dataclasses.replace(jonas, ctx=dataclasses.replace(jonas.ctx, **ctx)))
    anna_view.show_conversation(cid, "Jonas Müller")
    jonas_view.show_conversation(cid, "Dr. Anna Weber")
    lab = tmp_path / "laborwerte.txt"
    lab.write_text(LAB, encoding="utf-8")
    anna_view.composer.add_files([lab])
    anna_view.composer.submit()
    window: TextWindow = _open(
        qtbot, jonas_view, _received(qtbot, jonas_view, "laborwerte.txt"), TextWindow
    )
    window.raise_()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.editor.setFocus()
    window.editor.selectAll()
    return jonas_view, window


def test_text_copied_from_an_attachment_viewer_goes_when_the_pc_locks(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any, tmp_path: Path
) -> None:
    """Ctrl+C in a lab file's window put the values on the system clipboard past the
    guard: lock and switch user left them there for the next person to paste."""
    QGuiApplication.clipboard().clear()
    view, window = _lab_window(qtbot, gui_ward, live_session, chat_view, tmp_path)
    qtbot.keyClick(window.editor, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    data = QGuiApplication.clipboard().mimeData()
    assert data.text() == LAB  # copying works as before
    for kind in WINDOWS_PRIVATE_FORMATS:  # no clipboard history, no cloud clipboard
        assert data.hasFormat(kind), kind
    assert view.ctx.clipboard.clear_ours()  # what lock and switch user do
    assert QGuiApplication.clipboard().text() == ""


def test_policy_copy_allowed_false_also_holds_in_an_attachment_viewer(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any, tmp_path: Path
) -> None:
    QGuiApplication.clipboard().setText("vorher")
    _view, window = _lab_window(
        qtbot, gui_ward, live_session, chat_view, tmp_path, copy_allowed=False
    )
    qtbot.keyClick(window.editor, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "vorher"
    assert "switched off" in window.statusBar().currentMessage()
    assert window.editor.createMimeDataFromSelection().text() == ""  # nor by a drag


DRAFT = "Zimmer 12: Kalium 6,1 mmol/l, bitte kontrollieren"


def test_a_draft_copied_or_cut_from_the_composer_goes_when_the_pc_locks(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any
) -> None:
    """What a person typed (often a patient's values) went to the clipboard past the
    guard with Ctrl+C or Ctrl+X and stayed there after the lock."""
    QGuiApplication.clipboard().clear()
    view, _index = anna_view(qtbot, gui_ward, live_session, chat_view)
    editor = view.composer.editor
    qtbot.keyClicks(editor, DRAFT)
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    data = QGuiApplication.clipboard().mimeData()
    assert data.text() == DRAFT
    for kind in WINDOWS_PRIVATE_FORMATS:
        assert data.hasFormat(kind), kind
    assert view.ctx.clipboard.clear_ours()  # what lock and switch user do
    assert QGuiApplication.clipboard().text() == ""
    qtbot.keyClick(editor, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == ""
    assert QGuiApplication.clipboard().text() == DRAFT
    assert view.ctx.clipboard.clear_ours()
    assert QGuiApplication.clipboard().text() == ""


def test_policy_copy_allowed_false_keeps_a_draft_off_the_clipboard_and_in_the_composer(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any
) -> None:
    QGuiApplication.clipboard().setText("vorher")
    view, _index = anna_view(qtbot, gui_ward, live_session, chat_view, copy_allowed=False)
    editor = view.composer.editor
    qtbot.keyClicks(editor, DRAFT)
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(editor, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "vorher"
    assert editor.toPlainText() == DRAFT  # a refused cut deletes nothing
    assert editor.createMimeDataFromSelection().text() == ""  # nor by a drag
