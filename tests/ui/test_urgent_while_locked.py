"""An urgent message to a PIN-locked ward PC: the lock screen names the sender (never
the text), a distinct alarm repeats until someone unlocks, and after the PIN the
message is there. Anna's app is the real one (start screen, PIN lock); Jonas writes
through a live client; both through a real relay."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desktop_app.services.policy import Policy
from desktop_app.storage.lock_state import LockState
from desktop_app.ui import translations
from desktop_app.ui.app_controller import AppController
from desktop_app.ui.bridge import AsyncBridge
from desktop_app.ui.chat import ChatView
from desktop_app.ui.chat import model as roles
from desktop_app.ui.lock.lock_screen import LockScreen
from tests.conftest import PASSPHRASE
from tests.ui.chat_support import start_direct
from tests.ui.shell_rig import make_controller

PIN = "246810"
URGENT_TEXT = "Patient Zimmer 12 reanimationspflichtig"


@pytest.fixture
def anna_app(qtbot: QtBot, gui_ward: Any) -> Iterator[AppController]:
    # No policy: receiving behind the PIN lock is on by default (docs/desktop-app.md).
    profile = gui_ward.enroll("weber.anna")
    bridge = AsyncBridge()
    controller = make_controller(bridge, profile.parent, gui_ward.address)
    controller.show_start()
    controller.unlock(profile, PASSPHRASE)
    qtbot.waitUntil(lambda: controller.main is not None, timeout=15000)
    main = controller.main
    assert main is not None
    qtbot.waitUntil(lambda: "●" in main.connection.text(), timeout=15000)
    yield controller
    controller.shutdown()
    bridge.shutdown()


def _texts(chat: ChatView) -> list[str]:
    return [str(chat.model.index(i, 0).data(roles.TEXT)) for i in range(chat.model.rowCount())]


def test_urgent_to_a_pin_locked_pc_names_the_sender_rings_until_unlock(
    qtbot: QtBot, gui_ward: Any, live_session: Any, anna_app: AppController
) -> None:
    controller = anna_app
    person = controller.person
    assert person is not None
    controller.bridge.call(person.set_pin, PIN)
    played: list[int] = []
    controller.alarm.player = lambda: played.append(1)
    controller.alarm.set_repeat_ms(50)
    jonas = live_session(gui_ward, "mueller.jonas")
    cid = start_direct(qtbot, jonas, "weber.anna")

    controller.lock()
    screen = controller.lock_screen
    assert screen is not None
    qtbot.waitUntil(lambda: screen.pin_mode and screen.secret.isEnabled(), timeout=5000)
    assert person.state is LockState.PIN_LOCKED and controller.main is None
    assert not screen.urgent.isVisible() and not played
    assert screen.waiting.text() == "Messages still arrive while locked; urgent ones ring."

    sent: list[object] = []
    errors: list[str] = []
    jonas.ctx.bridge.submit(
        lambda: jonas.ctx.client.send_text(cid, "Visite um 9 Uhr"),
        done=sent.append,
        error=errors.append,
    )
    qtbot.waitUntil(lambda: screen.waiting_count == 1, timeout=15000)
    assert screen.waiting.text() == "1 new message since locking"
    assert "Visite" not in " ".join(label.text() for label in screen.findChildren(QLabel))
    assert not screen.urgent.isVisible() and not played  # an ordinary message does not ring
    jonas.ctx.bridge.submit(
        lambda: jonas.ctx.client.send_text(cid, URGENT_TEXT, urgent=True),
        done=sent.append,
        error=errors.append,
    )
    qtbot.waitUntil(lambda: screen.urgent.isVisible(), timeout=15000)
    assert not errors
    qtbot.waitUntil(lambda: screen.waiting_count == 2, timeout=5000)
    assert screen.urgent.text() == "URGENT from Jonas Müller"
    shown = " ".join(label.text() for label in screen.findChildren(QLabel))
    assert "Zimmer 12" not in shown  # the name only, never the content
    qtbot.waitUntil(lambda: len(played) >= 3, timeout=5000)  # it repeats
    assert controller.alarm.active

    qtbot.keyClicks(screen.secret, PIN)
    qtbot.keyClick(screen.secret, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: controller.main is not None, timeout=10000)
    assert not controller.alarm.active
    rang = len(played)
    qtbot.wait(200)
    assert len(played) == rang  # silent after the unlock

    main = controller.main
    assert main is not None
    qtbot.waitUntil(lambda: main.banner.isVisible(), timeout=10000)
    assert "Jonas Müller" in main.banner.text.text()
    main.open_conversation(cid, "Jonas Müller")
    chat = main.chat
    assert isinstance(chat, ChatView)
    qtbot.waitUntil(lambda: URGENT_TEXT in _texts(chat), timeout=10000)


def test_the_lock_screen_says_dringend_in_german(qtbot: QtBot) -> None:
    app = QCoreApplication.instance()
    assert app is not None
    installed = translations.install(app, "de")
    try:
        screen = LockScreen("Dr. Anna Weber")
        qtbot.addWidget(screen)
        screen.show_urgent("Jonas Müller")
        screen.show_urgent("Dr. Lena Schmidt")
        screen.show_urgent("Jonas Müller")
        assert screen.urgent.text() == "DRINGEND von Jonas Müller, Dr. Lena Schmidt"
    finally:
        for translator in installed:
            app.removeTranslator(translator)


def test_with_receiving_off_by_policy_a_pin_lock_closes_the_database(
    qtbot: QtBot, gui_ward: Any
) -> None:
    """IT may choose no database key in a locked process: then nothing arrives."""
    profile = gui_ward.enroll("weber.anna")
    bridge = AsyncBridge()
    rules = Policy(receive_while_pin_locked=False)
    controller = make_controller(bridge, profile.parent, gui_ward.address, rules=rules)
    try:
        controller.show_start()
        controller.unlock(profile, PASSPHRASE)
        qtbot.waitUntil(lambda: controller.main is not None, timeout=15000)
        person = controller.person
        assert person is not None
        controller.bridge.call(person.set_pin, PIN)
        controller.lock()
        screen = controller.lock_screen
        assert screen is not None
        qtbot.waitUntil(lambda: screen.pin_mode and screen.secret.isEnabled(), timeout=5000)
        assert person.state is LockState.PIN_LOCKED
        assert person.client is None  # stopped: nothing is received or decrypted
        assert screen.waiting.text() == (
            "While locked, WardLink receives nothing: new messages arrive after unlocking."
        )
    finally:
        controller.shutdown()
        bridge.shutdown()


def test_the_lock_screen_counts_in_german(qtbot: QtBot) -> None:
    app = QCoreApplication.instance()
    assert app is not None
    installed = translations.install(app, "de")
    try:
        screen = LockScreen("Dr. Anna Weber", receiving=True)
        qtbot.addWidget(screen)
        assert screen.waiting.text() == ("Nachrichten kommen auch gesperrt an; dringende klingeln.")
        screen.count_waiting("m1")
        screen.count_waiting("m2")
        screen.count_waiting("m1")
        assert screen.waiting.text() == "2 neue Nachrichten seit dem Sperren"
        screen.ask_passphrase()
        assert screen.waiting.text() == (
            "2 neue Nachrichten seit dem Sperren; weitere kommen erst nach dem Entsperren an."
        )
    finally:
        for translator in installed:
            app.removeTranslator(translator)
