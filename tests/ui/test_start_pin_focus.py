"""A PIN refused on the start screen leaves the cursor in the PIN field.

Seen in the demo (German and English): passphrase, Tab, a PIN of three digits, Enter:
"Eine PIN hat 6 bis 12 Ziffern." and the cursor back at the end of the passphrase,
so the nurse's next digits were appended to her passphrase, and the Enter after them
said "Falsche Passphrase." about a passphrase she had typed right."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.ui.bridge import AsyncBridge
from tests.conftest import PASSPHRASE
from tests.ui.shell_rig import make_controller
from tests.ui.test_app_flow import stub_views


@pytest.fixture
def bridge(qtbot: QtBot) -> Iterator[AsyncBridge]:
    b = AsyncBridge()
    yield b
    b.shutdown()


def _typed(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Keys go where the keyboard sends them: to the window's focus widget."""
    focus = widget.focusWidget()
    assert focus is not None
    qtbot.keyClicks(focus, text)


def test_the_cursor_goes_to_the_pin_that_was_refused(
    qtbot: QtBot, bridge: AsyncBridge, gui_ward: Any, german: None
) -> None:
    gui_ward.enroll("mueller.jonas")
    controller = make_controller(
        bridge, gui_ward.tmp / "profiles", gui_ward.address, views=stub_views
    )
    try:
        controller.show_start()
        start = controller.start
        qtbot.mouseClick(
            start.people.viewport(),
            Qt.MouseButton.LeftButton,
            pos=start.people.visualItemRect(start.people.item(0)).center(),
        )
        _typed(qtbot, start, PASSPHRASE)
        start.focusNextChild()  # Tab to the PIN
        _typed(qtbot, start, "739")
        focus = start.focusWidget()
        assert focus is not None
        qtbot.keyClick(focus, Qt.Key.Key_Return)
        assert start.error.text() == "Eine PIN hat 6 bis 12 Ziffern."
        assert controller.main is None

        assert start.focusWidget() is start.session_pin
        _typed(qtbot, start, "104")  # she finishes her PIN where the cursor is
        assert start.passphrase.text() == PASSPHRASE  # untouched
        assert start.session_pin.text() == "739104"
        focus = start.focusWidget()
        assert focus is not None
        qtbot.keyClick(focus, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: controller.main is not None, timeout=15000)
        QApplication.processEvents()
    finally:
        controller.shutdown()
