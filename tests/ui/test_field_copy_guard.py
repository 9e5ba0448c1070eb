"""Copies out of WardLink's plain text fields go through the clipboard guard.

The search fields, find-in-chat, the task and event dialogs (pre-filled with a
colleague's title and notes), the group's name: Ctrl+C, Ctrl+X and their context menu
put the text on the clipboard past the guard (no Windows history flags, left there at
the lock), and ignored policy ``copy_allowed: false``. The app controller's filter
(ui/field_copy_guard.py) routes them all; quitting clears the clipboard too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QMenu, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.domain.calendar import CalendarEvent
from desktop_app.services.policy import Policy
from desktop_app.ui.app_controller import AppController
from desktop_app.ui.bridge import AsyncBridge
from desktop_app.ui.clipboard_guard import WINDOWS_PRIVATE_FORMATS
from desktop_app.ui.field_copy_guard import guarded_field
from desktop_app.ui.guarded_copy import GuardedCopyEdit
from desktop_app.ui.teamwork.event_dialog import EventDialog
from desktop_app.ui.teamwork.task_dialog import TaskDialog
from tests.conftest import PASSPHRASE
from tests.ui.shell_rig import make_controller
from tests.ui.test_clipboard import views

SEARCH = "Zimmer 12 Kalium"  # typed: qtbot types ASCII only
TITLE = "Zimmer 12: Müller Hans, Kalium kontrollieren"
NOTES = "Kalium 6,8 mmol/l\nbitte Dr. Weber anrufen"


@pytest.fixture
def bridge(qtbot: QtBot) -> Iterator[AsyncBridge]:
    b = AsyncBridge()
    yield b
    b.shutdown()


@pytest.fixture
def controller(qtbot: QtBot, bridge: AsyncBridge, gui_ward: Any) -> Iterator[AppController]:
    profile = gui_ward.enroll("weber.anna")
    app = make_controller(bridge, profile.parent, gui_ward.address, views=views)
    app.show_start()
    app.unlock(profile, PASSPHRASE)
    qtbot.waitUntil(lambda: app.main is not None, timeout=10000)
    yield app
    app.shutdown()


@pytest.fixture
def refusing(qtbot: QtBot, bridge: AsyncBridge, gui_ward: Any) -> Iterator[AppController]:
    """A controller under policy copy_allowed: false (no one unlocked: dialogs only)."""
    profile = gui_ward.enroll("weber.anna")
    app = make_controller(
        bridge, profile.parent, gui_ward.address, views=views, rules=Policy(copy_allowed=False)
    )
    yield app
    app.shutdown()


def _assert_guarded(text: str) -> None:
    data = QGuiApplication.clipboard().mimeData()
    assert data.text() == text
    for kind in WINDOWS_PRIVATE_FORMATS:  # no clipboard history, no cloud clipboard
        assert data.hasFormat(kind), kind


def _focus(qtbot: QtBot, window: QWidget, field: QWidget) -> None:
    window.show()
    qtbot.waitExposed(window)
    window.raise_()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)


def _right_click(qtbot: QtBot, target: QWidget, choose: Callable[[QMenu], None]) -> None:
    """Right-click ``target`` as she would; ``choose`` acts on the menu that opens."""
    seen: list[QMenu] = []

    def pick() -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            QTimer.singleShot(20, pick)
            return
        seen.append(menu)
        choose(menu)
        menu.close()

    QTimer.singleShot(0, pick)
    at = QPoint(8, 8)  # the event a right click delivers (QTest's click sends none)
    QApplication.sendEvent(
        target, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, at, target.mapToGlobal(at))
    )
    qtbot.waitUntil(lambda: bool(seen))


def _action(menu: QMenu, name: str) -> Any:
    return next(a for a in menu.actions() if a.objectName() == name)


def test_search_text_copied_or_cut_is_marked_and_goes_at_the_lock(
    qtbot: QtBot, controller: AppController
) -> None:
    QGuiApplication.clipboard().setText("vorher")
    main = controller.main
    assert main is not None
    field = main.conversations.search
    _focus(qtbot, main, field)
    qtbot.keyClicks(field, SEARCH)
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    _assert_guarded(SEARCH)
    assert field.text() == SEARCH
    QGuiApplication.clipboard().setText("vorher")
    qtbot.keyClick(field, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier)
    _assert_guarded(SEARCH)
    assert field.text() == ""  # cut as before
    controller.lock()
    assert QGuiApplication.clipboard().text() == ""


def test_a_colleagues_task_notes_copied_by_the_context_menu_go_at_the_lock(
    qtbot: QtBot, controller: AppController
) -> None:
    QGuiApplication.clipboard().clear()
    dialog = TaskDialog([("mueller.jonas", "Jonas Müller")], title=TITLE)
    qtbot.addWidget(dialog)
    dialog.notes_edit.setPlainText(NOTES)  # as a colleague wrote them
    _focus(qtbot, dialog, dialog.notes_edit)
    dialog.notes_edit.selectAll()
    _right_click(qtbot, dialog.notes_edit.viewport(), lambda m: _action(m, "edit-copy").trigger())
    _assert_guarded(NOTES)
    # A press on the selection would drag it out past the guard: it starts a new one.
    qtbot.mousePress(dialog.notes_edit.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(8, 8))
    assert not dialog.notes_edit.textCursor().hasSelection()
    qtbot.mouseRelease(dialog.notes_edit.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(8, 8))
    # The title field's menu: Copy through the guard too.
    dialog.title_edit.setFocus()
    dialog.title_edit.selectAll()
    _right_click(qtbot, dialog.title_edit, lambda m: _action(m, "edit-copy").trigger())
    _assert_guarded(TITLE)
    controller.lock()
    assert QGuiApplication.clipboard().text() == ""


def test_policy_copy_allowed_false_holds_in_a_dialogs_fields(
    qtbot: QtBot, refusing: AppController
) -> None:
    QGuiApplication.clipboard().setText("vorher")
    start = datetime(2026, 12, 7, 7, 0, tzinfo=UTC)
    event = CalendarEvent("ev-1", TITLE, start, start + timedelta(hours=8))
    dialog = EventDialog([("mueller.jonas", "Jonas Müller")], [], start, event)
    qtbot.addWidget(dialog)
    field = dialog.title_edit
    _focus(qtbot, dialog, field)
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(field, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "vorher"
    assert field.text() == TITLE  # a refused cut deletes nothing
    shown: list[tuple[bool, str]] = []

    def look(menu: QMenu) -> None:
        for name in ("edit-copy", "edit-cut"):
            action = _action(menu, name)
            shown.append((action.isEnabled(), action.text()))
            action.trigger()  # even if reached somehow: nothing leaves

    _right_click(qtbot, field, look)
    assert [enabled for enabled, _text in shown] == [False, False]
    assert all("policy" in text for _enabled, text in shown)
    assert QGuiApplication.clipboard().text() == "vorher"
    assert field.text() == TITLE


def test_quitting_clears_what_wardlink_copied(qtbot: QtBot, controller: AppController) -> None:
    assert controller.main is not None
    controller.main.ctx.clipboard.copy(TITLE)
    assert QGuiApplication.clipboard().text() == TITLE
    controller.shutdown()  # what aboutToQuit calls
    assert QGuiApplication.clipboard().text() == ""


def test_passphrase_fields_and_the_guarded_editors_keep_their_own_ways(
    qtbot: QtBot, controller: AppController
) -> None:
    """Echo mode Password already copies nothing; the composer and the viewers copy
    through the guard themselves (ui/guarded_copy.py): the filter leaves them alone."""
    QGuiApplication.clipboard().setText("vorher")
    controller.lock()
    screen = controller.lock_screen
    assert screen is not None
    _focus(qtbot, screen, screen.secret)
    qtbot.keyClicks(screen.secret, "geheim-passwort")
    screen.secret.selectAll()
    qtbot.keyClick(screen.secret, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "vorher"
    assert guarded_field(screen.secret) is None
    editor = GuardedCopyEdit()
    qtbot.addWidget(editor)
    assert guarded_field(editor) is None and guarded_field(editor.viewport()) is None
