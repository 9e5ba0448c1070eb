"""On a 1024x768 ward PC the directory opens inside the window (walk 20: Ctrl+D made the
main window about 80 px wider than the screen, and the urgent banner's "Acknowledge"
and the person card's right edge went past it)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QToolBar
from pytestqt.qtbot import QtBot

from desktop_app.ui.chat import ChatView
from desktop_app.ui.directory import DirectoryPanel
from desktop_app.ui.shell.main_window import LIST_MIN_WIDTH, MainWindow
from tests.ui.chat_support import TIMEOUT_MS, start_direct
from tests.ui.shell_rig import real_views
from tests.ui.test_chat_forward_mentions import submit

URGENT = "RR 168/96, Puls 112, SpO2 93 %. Bitte kommen Sie gleich!"
WIDTH = 1024 - 16  # a 1024 px screen less the window's frame (FRAME_ALLOWANCE)


def _settle(main: MainWindow) -> None:
    """The window's layout takes its parts' new minimum sizes, as the live app's does at
    its next update (the banner's text, the status line); offscreen it kept the old."""
    body = main.centralWidget()
    assert body is not None
    body.updateGeometry()
    QApplication.sendPostedEvents()
    layout = main.layout()
    assert layout is not None
    layout.invalidate()
    layout.activate()


def test_the_directory_opens_within_a_1024_px_window(
    qtbot: QtBot, gui_ward: Any, live_session: Any
) -> None:
    anna, jonas = (live_session(gui_ward, uid) for uid in ("weber.anna", "mueller.jonas"))
    cid = start_direct(qtbot, anna, "mueller.jonas")
    chat, panel = real_views(anna.ctx)  # as app.py builds them (the chat with Call)
    assert isinstance(chat, ChatView) and isinstance(panel, DirectoryPanel)
    main = MainWindow(anna.ctx, chat, panel, lambda _title, _text: None)
    qtbot.addWidget(main)
    main.resize(WIDTH, 720)
    main.show()
    qtbot.waitExposed(main)
    main.conversations.reload()
    qtbot.waitUntil(lambda: len(main.conversations.model.rows()) == 1, timeout=TIMEOUT_MS)
    main.open_conversation(cid, "Jonas Müller")
    submit(qtbot, jonas, lambda: jonas.ctx.client.send_text(cid, URGENT, urgent=True))
    qtbot.waitUntil(main.banner.isVisible, timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: main.center.currentWidget() is chat, timeout=TIMEOUT_MS)
    bar = main.findChild(QToolBar)
    assert bar is not None
    button = bar.widgetForAction(main.directory_action)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(panel.isVisible, timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: panel.tree.tree_model.rowCount() > 0, timeout=TIMEOUT_MS)
    _settle(main)
    assert main.minimumWidth() <= WIDTH and main.width() == WIDTH, main.splitter.sizes()
    assert panel.geometry().right() <= main.splitter.width()
    assert main.banner.ack_button.geometry().right() <= main.banner.width()

    # Closed again: the conversation list is back beside the chat, the window as wide.
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.isVisible(), timeout=TIMEOUT_MS)
    _settle(main)
    assert main.conversations.isVisible() and main.conversations.width() >= LIST_MIN_WIDTH
    assert main.width() == WIDTH
