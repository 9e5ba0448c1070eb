"""The privacy notice in Join and at unlock, the Privacy entry, and the clipboard rules."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.relay.admin import issue_code
from desktop_app.relay.data_dir import DEFAULT_RETENTION_DAYS
from desktop_app.resource_files import resources_dir
from desktop_app.services import privacy_notice
from desktop_app.services.policy import Policy
from desktop_app.storage.container import Container
from desktop_app.ui.app_controller import AppController
from desktop_app.ui.bridge import AsyncBridge
from desktop_app.ui.context import UiContext
from desktop_app.ui.shell.privacy_dialog import PrivacyDialog
from tests.conftest import PASSPHRASE
from tests.ui.shell_rig import make_controller

ROOT = Path(__file__).resolve().parents[2]
NEW_PASSPHRASE = "Visite-um-neun-2026"
NOTICE_V1 = Policy(privacy_notice_de="Hinweise Version 1", privacy_notice_en="Notice version 1")
NOTICE_V2 = Policy(privacy_notice_de="Hinweise Version 2", privacy_notice_en="Notice version 2")


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


def stored_version(profile: Path) -> str | None:
    with Container.open(profile, PASSPHRASE) as container:
        return privacy_notice.acknowledged_version(container.settings)


def join(qtbot: QtBot, controller: AppController, ward: Any) -> None:
    controller.show_start()
    controller.show_join()
    dialog = controller.joining.dialog
    assert dialog is not None and dialog.privacy is not None and dialog.privacy_ack is not None
    assert "Hinweise Version 1" in dialog.privacy.texts["de"].toPlainText()
    assert "Notice version 1" in dialog.privacy.texts["en"].toPlainText()
    assert not dialog.privacy.unconfigured.isVisibleTo(dialog)  # IT configured this one
    qtbot.keyClicks(dialog.code, issue_code(ward.root, "mueller.jonas").code)
    qtbot.keyClicks(dialog.name, "Jonas Mueller")
    qtbot.keyClicks(dialog.passphrase, NEW_PASSPHRASE)
    qtbot.keyClicks(dialog.repeat, NEW_PASSPHRASE)
    dialog.understood.setChecked(True)
    dialog.buttons.accepted.emit()
    assert "privacy notice" in dialog.error.text()  # nothing sent without acknowledging
    assert controller.profiles.people() == []
    dialog.privacy_ack.setChecked(True)
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: controller.main is not None, timeout=20000)


def test_join_requires_the_notice_and_a_new_version_is_asked_once_at_unlock(
    qtbot: QtBot, bridge: AsyncBridge, gui_ward: Any, tmp_path: Path
) -> None:
    controller = make_controller(
        bridge, tmp_path / "pc", gui_ward.address, views=views, rules=NOTICE_V1
    )
    try:
        join(qtbot, controller, gui_ward)
        assert controller.privacy_dialog is None  # just acknowledged in Join
        profile = controller.profiles.people()[0].directory
        controller.switch_user()
    finally:
        controller.shutdown()
    with Container.open(profile, NEW_PASSPHRASE) as container:
        assert privacy_notice.acknowledged_version(container.settings) == (
            NOTICE_V1.privacy_notice_version
        )
    # IT deploys version 2: shown once at the next unlock, OK only with the checkbox.
    controller = make_controller(
        bridge, tmp_path / "pc", gui_ward.address, views=views, rules=NOTICE_V2
    )
    try:
        controller.show_start()
        controller.unlock(profile, NEW_PASSPHRASE)
        qtbot.waitUntil(lambda: controller.privacy_dialog is not None, timeout=10000)
        dialog = controller.privacy_dialog
        assert dialog is not None and dialog.acknowledged is not None
        assert "Hinweise Version 2" in dialog.view.texts["de"].toPlainText()
        ok = dialog.buttons.buttons()[0]
        assert not ok.isEnabled()
        dialog.acknowledged.setChecked(True)
        assert ok.isEnabled()
        dialog.buttons.accepted.emit()
        assert dialog.result() == PrivacyDialog.DialogCode.Accepted
        main = controller.main
        assert main is not None
        settings = main.ctx.client.container.settings
        seen: list[object] = []
        bridge.call(privacy_notice.acknowledged_version, settings, done=seen.append)
        qtbot.waitUntil(lambda: bool(seen), timeout=5000)
        assert seen == [NOTICE_V2.privacy_notice_version]
        controller.lock()
        screen = controller.lock_screen
        assert screen is not None
        qtbot.waitUntil(lambda: screen.secret.isEnabled(), timeout=5000)
        controller.privacy_dialog = None
        controller._unlock_passphrase(bytearray(NEW_PASSPHRASE.encode()), None)
        qtbot.waitUntil(lambda: controller.main is not None, timeout=10000)
        qtbot.wait(300)  # the check is one bridge round trip; it must not ask again
        assert controller.privacy_dialog is None
    finally:
        controller.shutdown()


def test_declining_a_new_notice_switches_user(
    qtbot: QtBot, bridge: AsyncBridge, gui_ward: Any
) -> None:
    profile = gui_ward.enroll("weber.anna")
    controller = make_controller(
        bridge, profile.parent, gui_ward.address, views=views, rules=NOTICE_V1
    )
    try:
        controller.show_start()
        controller.unlock(profile, PASSPHRASE)
        qtbot.waitUntil(lambda: controller.privacy_dialog is not None, timeout=10000)
        dialog = controller.privacy_dialog
        assert dialog is not None
        dialog.reject()
        assert controller.main is None and controller.person is None
    finally:
        controller.shutdown()
    assert stored_version(profile) is None


def test_privacy_entry_shows_the_template_when_it_configured_none_in_german(
    qtbot: QtBot, bridge: AsyncBridge, gui_ward: Any
) -> None:
    profile = gui_ward.enroll("weber.anna")
    controller = make_controller(bridge, profile.parent, gui_ward.address, views=views)
    app = QCoreApplication.instance()
    assert app is not None
    german = QTranslator()
    assert german.load(str(resources_dir() / "translations" / "wardlink_de.qm"))
    app.installTranslator(german)
    try:
        controller.show_start()
        controller.unlock(profile, PASSPHRASE)
        qtbot.waitUntil(lambda: controller.main is not None, timeout=10000)
        main = controller.main
        assert main is not None
        assert controller.privacy_dialog is None  # the template is not forced on unlock
        assert main.privacy_action.text() == "Datenschutz"
        main.privacy_action.trigger()
        dialog = controller.privacy_dialog
        assert dialog is not None and dialog.isVisible()
        assert dialog.windowTitle() == "Datenschutzhinweise"
        assert dialog.view.unconfigured.isVisible()
        assert "keine Datenschutzhinweise" in dialog.view.unconfigured.text()
        text = dialog.view.texts["de"].toPlainText()
        assert f"höchstens {DEFAULT_RETENTION_DAYS} Tage" in text  # the relay's default
        assert "10 Minuten" in text  # this PC's auto-lock
        assert "{" not in text and "Vorlage" not in text  # filled; the IT hint is gone
    finally:
        app.removeTranslator(german)
        controller.shutdown()


def test_shipped_template_is_the_one_in_docs() -> None:
    for language in ("de", "en"):
        name = f"privacy-notice.{language}.md"
        assert (resources_dir() / "privacy" / name).read_text(encoding="utf-8") == (
            ROOT / "docs" / name
        ).read_text(encoding="utf-8")
    assert privacy_notice.RELAY_DEFAULT_RETENTION_DAYS == DEFAULT_RETENTION_DAYS
