"""A ward PC worked by keyboard (walk 20): Tab reaches the toolbar and the urgent banner
in the order the eye reads the window, and Enter presses the focused button, as Space
does. Before, the toolbar (Settings, Privacy, Switch user) was out of Tab's reach, the
banner came ten Tabs after the composer, and Enter on "Open" or "Back" did nothing."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QToolBar, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.ui.shell.main_window import MainWindow
from desktop_app.ui.start.start_window import StartWindow
from tests.ui.chat_support import TIMEOUT_MS, anna_and_jonas_chatting, chat_view
from tests.ui.test_chat_forward_mentions import submit

__all__ = ["chat_view"]  # the fixture


def _press(
    qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> QWidget:
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClick(focused, key, modifier)
    after = QApplication.focusWidget()
    assert after is not None
    return after


def _toolbar_button(main: MainWindow, text: str) -> QWidget:
    bar = main.findChild(QToolBar, "mainToolbar")
    assert bar is not None
    action = next(a for a in bar.actions() if a.text() == text)
    button = bar.widgetForAction(action)
    assert button is not None
    return button


def test_shift_tab_from_the_search_reaches_the_banner_then_the_toolbar_and_enter_presses(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any
) -> None:
    two = anna_and_jonas_chatting(qtbot, gui_ward, live_session, chat_view)
    cid, client, chat = two.cid, two.anna.ctx.client, two.jonas_view
    main = MainWindow(two.jonas.ctx, chat, None, lambda _t, _x: None)
    qtbot.addWidget(main)
    main.resize(1366, 740)
    main.show()
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow, timeout=TIMEOUT_MS)
    main.reload()
    qtbot.waitUntil(lambda: main.conversations.model.rowCount() == 1, timeout=TIMEOUT_MS)
    submit(qtbot, two.anna, lambda: client.send_text(cid, "Bitte kommen!", urgent=True))
    qtbot.waitUntil(lambda: main.banner.isVisible(), timeout=TIMEOUT_MS)
    main.conversations.search.setFocus()

    back = Qt.KeyboardModifier.ShiftModifier
    assert _press(qtbot, Qt.Key.Key_Backtab, back) is main.banner.ack_button
    assert _press(qtbot, Qt.Key.Key_Backtab, back) is main.banner.open_button
    assert _press(qtbot, Qt.Key.Key_Backtab, back) is _toolbar_button(main, "Switch user")
    assert _press(qtbot, Qt.Key.Key_Tab) is main.banner.open_button

    _press(qtbot, Qt.Key.Key_Return)  # "Open": the chat, at the urgent message
    qtbot.waitUntil(lambda: main.current_conversation() == cid, timeout=TIMEOUT_MS)
    qtbot.waitUntil(
        lambda: chat.list.currentIndex().data(Qt.ItemDataRole.DisplayRole) == "Bitte kommen!",
        timeout=TIMEOUT_MS,
    )

    switched: list[bool] = []
    main.switch_user_requested.connect(lambda: switched.append(True))
    settings = _toolbar_button(main, "Settings")
    settings.setFocus(Qt.FocusReason.TabFocusReason)
    assert _press(qtbot, Qt.Key.Key_Tab) is _toolbar_button(main, "Privacy")
    assert _press(qtbot, Qt.Key.Key_Tab) is _toolbar_button(main, "Lock")
    assert _press(qtbot, Qt.Key.Key_Tab) is _toolbar_button(main, "Switch user")
    _press(qtbot, Qt.Key.Key_Return)
    assert switched == [True]


def test_enter_on_a_focused_start_screen_button_presses_it(qtbot: QtBot) -> None:
    start = StartWindow()
    qtbot.addWidget(start)
    start.set_people([])  # nobody on this PC yet: "Join my hospital" / "Try the demo"
    start.show()
    start.activateWindow()
    qtbot.waitUntil(start.isActiveWindow)
    asked: list[str] = []
    start.demo_requested.connect(lambda: asked.append("demo"))
    start.join_requested.connect(lambda: asked.append("join"))
    start.demo_button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(start.demo_button, Qt.Key.Key_Return)
    assert asked == ["demo"]
    start.join_button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(start.join_button, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert asked == ["demo", "join"]
