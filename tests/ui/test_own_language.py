"""A person's own language on a shared PC: chosen in Settings, kept in their container,
in force while they are unlocked; the start screen and the next person keep the PC's."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from desktop_app.ui import translations
from desktop_app.ui.app_controller import AppController
from desktop_app.ui.bridge import AsyncBridge
from desktop_app.ui.calls.window import CallWindow
from tests.conftest import PASSPHRASE
from tests.ui.shell_rig import make_controller

WAIT = 15000


@pytest.fixture
def bridge(qtbot: QtBot) -> Iterator[AsyncBridge]:
    b = AsyncBridge()
    yield b
    b.shutdown()


@pytest.fixture
def german_pc() -> Iterator[translations.UiLanguage]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    locale = QLocale()
    language = translations.UiLanguage(app, "de")
    yield language
    language.close()
    QLocale.setDefault(locale)


def _menu(controller: AppController) -> str:
    main = controller.main
    return "" if main is None else main.settings_action.text()


def _connection(controller: AppController) -> str:
    main = controller.main
    return "" if main is None else main.connection.text()


def _unlock(qtbot: QtBot, controller: AppController, profile: Any) -> None:
    controller.unlock(profile, PASSPHRASE)
    qtbot.waitUntil(
        lambda: controller.main is not None and controller.main.isVisible(), timeout=WAIT
    )


def _choose(qtbot: QtBot, controller: AppController, language: str) -> None:
    main = controller.main
    assert main is not None
    main.settings_action.trigger()
    dialog = controller.data.settings_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.buttons.isEnabled, timeout=WAIT)
    dialog.language.setCurrentIndex(dialog.language.findText(language))
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)


def test_english_for_one_person_on_a_german_pc(
    qtbot: QtBot, bridge: AsyncBridge, gui_ward: Any, german_pc: translations.UiLanguage
) -> None:
    anna = gui_ward.enroll("weber.anna")
    jonas = gui_ward.enroll("mueller.jonas")
    controller = make_controller(bridge, anna.parent, gui_ward.address, language=german_pc)
    calls = CallWindow()  # outlives the person, as the call controller's does
    try:
        controller.show_start()
        _unlock(qtbot, controller, anna)
        assert _menu(controller) == "Einstellungen"
        assert calls.accept_button.text() == "Annehmen"
        qtbot.waitUntil(lambda: "Verbunden" in _connection(controller), timeout=WAIT)

        _choose(qtbot, controller, "English")
        # The main window is built again in English, where she was.
        qtbot.waitUntil(lambda: _menu(controller) == "Settings", timeout=WAIT)
        assert QLocale().language() == QLocale.Language.English
        assert calls.accept_button.text() == "Accept"
        assert calls.microphone.accessibleName() == "Microphone"
        # The link stayed up: the new window says so, not "Searching for the relay…".
        qtbot.waitUntil(lambda: "Connected" in _connection(controller), timeout=WAIT)

        controller.lock()
        screen = controller.lock_screen
        assert screen is not None
        assert screen.switch_button.text() == "Switch user"

        controller.switch_user()  # the start screen and whoever comes next: the PC's
        assert german_pc.current == "de"
        assert QLocale().language() == QLocale.Language.German
        qtbot.waitUntil(lambda: calls.accept_button.text() == "Annehmen", timeout=WAIT)
        _unlock(qtbot, controller, jonas)
        assert _menu(controller) == "Einstellungen"

        controller.switch_user()
        _unlock(qtbot, controller, anna)  # kept in her container
        assert _menu(controller) == "Settings"

        _choose(qtbot, controller, "Deutsch")
        qtbot.waitUntil(lambda: _menu(controller) == "Einstellungen", timeout=WAIT)
    finally:
        controller.shutdown()
        calls.deleteLater()
