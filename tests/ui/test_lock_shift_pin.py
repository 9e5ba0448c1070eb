"""The lock screen behind the passphrase offers a PIN for the rest of the shift, as the
start screen does: a nurse who chose none at the start of the shift sets one while
unlocking, and the next lock asks for the PIN and keeps receiving (urgent messages
ring). A PIN that is too short is refused before anything is unlocked."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.storage.lock_state import LockState
from desktop_app.ui.app_controller import AppController
from tests.conftest import PASSPHRASE
from tests.ui.test_urgent_while_locked import anna_app

__all__ = ["anna_app"]  # the fixture


def locked(qtbot: QtBot, controller: AppController) -> Any:
    controller.lock()
    screen = controller.lock_screen
    assert screen is not None
    qtbot.waitUntil(lambda: screen.secret.isEnabled(), timeout=5000)
    return screen


def test_a_pin_set_while_unlocking_makes_the_next_lock_a_receiving_pin_lock(
    qtbot: QtBot, anna_app: AppController
) -> None:
    controller = anna_app
    person = controller.person
    assert person is not None and not person.has_pin
    screen = locked(qtbot, controller)
    assert not screen.pin_mode and screen.shift_pin.isVisible()
    assert screen.waiting.text().startswith("While locked, WardLink receives nothing")
    assert "urgent messages reach you while locked" in screen.pin_note.text()

    qtbot.keyClicks(screen.secret, PASSPHRASE)
    qtbot.keyClicks(screen.shift_pin, "123")
    qtbot.mouseClick(screen.unlock_button, Qt.MouseButton.LeftButton)
    assert "PIN" in screen.error.text() and controller.main is None  # refused first

    assert screen.secret.text() == PASSPHRASE  # kept: only the PIN needs correcting
    screen.shift_pin.clear()
    qtbot.keyClicks(screen.shift_pin, "246810")
    qtbot.mouseClick(screen.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: controller.main is not None, timeout=15000)
    qtbot.waitUntil(lambda: person.has_pin, timeout=5000)

    again = locked(qtbot, controller)
    assert again.pin_mode and not again.shift_pin.isVisible()
    assert person.state is LockState.PIN_LOCKED
    assert again.waiting.text() == "Messages still arrive while locked; urgent ones ring."
    qtbot.keyClicks(again.secret, "246810")
    qtbot.keyClick(again.secret, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: controller.main is not None, timeout=15000)
