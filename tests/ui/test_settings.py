"""The settings dialog: a person's own choices apply at once; what IT fixed is greyed out."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.directory.errors import DirectoryError
from desktop_app.relay.admin import list_devices, revoke
from desktop_app.services.live_views import Link
from desktop_app.services.policy import Policy
from desktop_app.storage.container import Container
from desktop_app.storage.keyslot import KEYSLOT_NAME, Owner
from desktop_app.storage.prune import SECONDS_PER_DAY
from desktop_app.ui import translations
from desktop_app.ui.app import build_controller
from desktop_app.ui.app_controller import AppController
from desktop_app.ui.bridge import AsyncBridge
from desktop_app.ui.context import UiContext
from desktop_app.ui.launch import LaunchOptions
from desktop_app.ui.shell.settings_dialog import SettingsDialog
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.relay.conftest import ADMIN
from tests.ui.shell_rig import make_controller


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


def open_settings(qtbot: QtBot, controller: AppController) -> SettingsDialog:
    main = controller.main
    assert main is not None
    main.settings_action.trigger()
    dialog = controller.data.settings_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.buttons.isEnabled, timeout=5000)
    return dialog


def listed(directory: Any, uid: str) -> bool:
    """Polled from the GUI thread while the client thread may be storing a new version
    (entries before the header): a half-stored directory counts as not there yet."""
    try:
        return directory.get(uid) is not None
    except DirectoryError:
        return False


def unlocked(qtbot: QtBot, bridge: AsyncBridge, ward: Any, rules: Policy | None) -> AppController:
    profile = ward.enroll("weber.anna")
    controller = make_controller(bridge, profile.parent, ward.address, views=views, rules=rules)
    controller.show_start()
    controller.unlock(profile, PASSPHRASE)
    qtbot.waitUntil(lambda: controller.main is not None, timeout=10000)
    return controller


def test_own_choices_are_kept_in_the_container_and_apply_at_once(
    qtbot: QtBot, bridge: AsyncBridge, gui_ward: Any
) -> None:
    controller = unlocked(qtbot, bridge, gui_ward, None)
    try:
        dialog = open_settings(qtbot, controller)
        assert dialog.auto_lock.value() == 10 and dialog.auto_lock.isEnabled()
        assert not dialog.receipts.isChecked() and dialog.receipts.isEnabled()
        assert not dialog.lock_note.isVisible()
        dialog.auto_lock.setValue(3)
        dialog.receipts.setChecked(True)
        dialog.buttons.accepted.emit()
        qtbot.waitUntil(lambda: controller.idle.interval_ms == 3 * 60_000, timeout=5000)
        main = controller.main
        assert main is not None and main.ctx.client.receipts_enabled
        # Locked and unlocked again: the choice came from the container, not from memory.
        controller.switch_user()
        controller.idle.set_interval(60_000)
        controller.unlock(gui_ward.profiles["weber.anna"], PASSPHRASE)
        qtbot.waitUntil(lambda: controller.main is not None, timeout=10000)
        qtbot.waitUntil(lambda: controller.idle.interval_ms == 3 * 60_000, timeout=5000)
    finally:
        controller.shutdown()


def test_the_duty_account_for_unacknowledged_urgent_messages_is_chosen_and_kept(
    qtbot: QtBot, bridge: AsyncBridge, gui_ward: Any
) -> None:
    controller = unlocked(qtbot, bridge, gui_ward, None)
    try:
        main = controller.main
        assert main is not None
        directory = main.ctx.client.session.directory
        qtbot.waitUntil(lambda: listed(directory, "dienstarzt.kardio"), timeout=10000)
        dialog = open_settings(qtbot, controller)
        combo = dialog.escalate_to
        assert combo.currentText() == "Nobody"
        duty = combo.findText("Dienstarzt Kardiologie")
        assert duty > 0
        combo.setCurrentIndex(duty)
        dialog.buttons.accepted.emit()
        settings = main.ctx.client.container.settings
        qtbot.waitUntil(
            lambda: settings.get("urgent_escalation_to") == "dienstarzt.kardio", timeout=5000
        )
        again = open_settings(qtbot, controller)
        assert again.escalate_to.currentText() == "Dienstarzt Kardiologie"
    finally:
        controller.shutdown()


def test_a_person_is_picked_from_the_directory_and_shown_by_name(
    qtbot: QtBot, bridge: AsyncBridge, gui_ward: Any
) -> None:
    """The sender may pick a colleague instead of a functional account (issue 13)."""
    controller = unlocked(qtbot, bridge, gui_ward, None)
    try:
        main = controller.main
        assert main is not None
        directory = main.ctx.client.session.directory
        qtbot.waitUntil(lambda: listed(directory, "mueller.jonas"), timeout=10000)
        dialog = open_settings(qtbot, controller)
        dialog.show()
        qtbot.mouseClick(dialog.pick_person, Qt.MouseButton.LeftButton)
        picker = dialog.picker
        assert picker is not None and picker.isVisible()
        qtbot.keyClicks(picker.search.field, "Jonas")
        qtbot.waitUntil(lambda: picker.choose_button.isEnabled(), timeout=5000)
        qtbot.mouseClick(picker.choose_button, Qt.MouseButton.LeftButton)
        assert not picker.isVisible()
        assert dialog.escalate_to.currentText() == "Jonas Müller"
        qtbot.mouseClick(
            dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
        )
        settings = main.ctx.client.container.settings
        qtbot.waitUntil(
            lambda: settings.get("urgent_escalation_to") == "mueller.jonas", timeout=5000
        )
        again = open_settings(qtbot, controller)
        assert again.escalate_to.currentText() == "Jonas Müller"  # a name, never the uid
    finally:
        controller.shutdown()


def test_what_it_fixed_is_shown_as_managed_and_cannot_be_changed(
    qtbot: QtBot, bridge: AsyncBridge, gui_ward: Any
) -> None:
    rules = Policy(auto_lock_minutes=5, receipts=False, export_allowed=False)
    controller = unlocked(qtbot, bridge, gui_ward, rules)
    try:
        qtbot.waitUntil(lambda: controller.idle.interval_ms == 5 * 60_000, timeout=5000)
        dialog = open_settings(qtbot, controller)
        dialog.show()
        assert dialog.auto_lock.value() == 5 and not dialog.auto_lock.isEnabled()
        assert not dialog.receipts.isEnabled()
        assert "IT" in dialog.lock_note.text() and dialog.lock_note.isVisible()
        assert dialog.receipts_note.isVisible() and dialog.export_note.isVisible()
        assert dialog.export.text() == "off"
        main = controller.main
        assert main is not None
        errors: list[str] = []
        client = main.ctx.client
        bridge.call(lambda: client.change_preferences(receipts=True), error=errors.append)
        qtbot.waitUntil(lambda: bool(errors), timeout=5000)
        assert "IT department" in errors[0]
        assert client.receipts_enabled is False
    finally:
        controller.shutdown()


def test_remove_my_data_needs_the_passphrase_then_shreds_and_returns_to_start(
    qtbot: QtBot, bridge: AsyncBridge, gui_ward: Any
) -> None:
    controller = unlocked(qtbot, bridge, gui_ward, None)
    profile = gui_ward.profiles["weber.anna"]
    try:
        dialog = open_settings(qtbot, controller)
        dialog.remove_passphrase.setText("not my passphrase")
        dialog.remove_button.click()
        qtbot.waitUntil(lambda: "passphrase" in dialog.error.text().lower(), timeout=10000)
        assert controller.main is not None and (profile / KEYSLOT_NAME).is_file()

        dialog.remove_passphrase.setText(PASSPHRASE)
        dialog.remove_button.click()
        qtbot.waitUntil(lambda: controller.data.notice is not None, timeout=10000)
        assert controller.main is None and controller.start.isVisible()
        assert not profile.exists()
        notice = controller.data.notice
        assert notice is not None and "deleted" in notice.text()
        notice.close()
    finally:
        controller.shutdown()


def test_remote_wipe_shows_the_withdrawn_screen_and_deletes_the_data(
    qtbot: QtBot, bridge: AsyncBridge, gui_ward: Any, tmp_path: Path
) -> None:
    """`WARDLINK_SCREENSHOTS=docs/screenshots` also writes remote-wipe-de.png there."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    locale = QLocale()
    installed = translations.install(app, "de")
    controller = unlocked(qtbot, bridge, gui_ward, None)
    profile = gui_ward.profiles["weber.anna"]
    try:
        qtbot.waitUntil(lambda: _connected(controller), timeout=15000)
        (device,) = list_devices(gui_ward.root, "weber.anna")
        revoke(gui_ward.root, device.device_id, ADMIN)
        qtbot.waitUntil(lambda: controller.data.notice is not None, timeout=15000)
        notice = controller.data.notice
        assert notice is not None
        assert notice.text() == (
            "Dieses Gerät wurde von der IT zurückgezogen; seine WardLink-Daten auf diesem "
            "PC wurden gelöscht."
        )
        assert controller.main is None and controller.start.isVisible()
        assert not profile.exists()
        QApplication.processEvents()
        targets = [tmp_path]
        if os.environ.get("WARDLINK_SCREENSHOTS"):
            targets.append(Path(os.environ["WARDLINK_SCREENSHOTS"]))
        image = notice.grab()
        assert not image.isNull()
        for target in targets:
            target.mkdir(parents=True, exist_ok=True)
            assert image.save(str(target / "remote-wipe-de.png"))
    finally:
        if controller.data.notice is not None:
            controller.data.notice.close()
        controller.shutdown()
        for translator in installed:
            app.removeTranslator(translator)
        QLocale.setDefault(locale)


def _connected(controller: AppController) -> bool:
    main = controller.main
    return main is not None and main.ctx.client.status().link is Link.CONNECTED


def test_app_start_prunes_unused_containers_by_policy(
    qtbot: QtBot, bridge: AsyncBridge, tmp_path: Path
) -> None:
    root = tmp_path / "profiles"
    for name in ("old", "new"):
        Container.create(root / name, PASSPHRASE, Owner(name), kdf=FAST_KDF).close()
    then = time.time() - 45 * SECONDS_PER_DAY
    os.utime(root / "old", (then, then))
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    controller = build_controller(
        app, bridge, LaunchOptions(profile_root=root), views, policy=Policy(prune_unused_days=30)
    )
    try:
        assert [p.owner.display_name for p in controller.profiles.people()] == ["new"]
        assert not (root / "old").exists()
        assert controller.policy.call_interfaces is None  # unset: every address
    finally:
        controller.shutdown()


def test_the_demo_keeps_call_media_on_loopback_unless_it_set_addresses(
    bridge: AsyncBridge, tmp_path: Path
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    demo = LaunchOptions(profile_root=tmp_path, call_interfaces="127.0.0.1")
    for rules, expected in (
        (Policy(), "127.0.0.1"),
        (Policy(call_interfaces="10.1.2.3"), "10.1.2.3"),
    ):
        controller = build_controller(app, bridge, demo, views, policy=rules)
        try:
            assert controller.policy.call_interfaces == expected
        finally:
            controller.shutdown()


def test_enter_in_the_removal_passphrase_removes_and_never_closes_settings_silently(
    qtbot: QtBot, bridge: AsyncBridge, gui_ward: Any, german: None
) -> None:
    """Seen in the demo: under the red warning a nurse typed her passphrase "zur
    Bestätigung" and pressed Enter; the settings simply closed (Enter meant OK), nothing
    was removed and nothing said so, and she left the shared PC believing her data gone."""
    controller = unlocked(qtbot, bridge, gui_ward, None)
    profile = gui_ward.profiles["weber.anna"]
    try:
        dialog = open_settings(qtbot, controller)
        field = dialog.remove_passphrase
        assert field.placeholderText() == "Ihre Passphrase, zur Bestätigung"
        qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
        qtbot.keyClicks(field, "nicht meine Passphrase")
        qtbot.keyClick(field, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: dialog.error.text() != "", timeout=10000)
        assert dialog.isVisible() and controller.main is not None
        assert "Passphrase" in dialog.error.text()
        assert (profile / KEYSLOT_NAME).is_file()

        qtbot.keyClick(field, Qt.Key.Key_Return)  # empty: nothing happens, still open
        qtbot.wait(100)
        assert dialog.isVisible()

        qtbot.keyClicks(field, PASSPHRASE)
        qtbot.keyClick(field, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: controller.data.notice is not None, timeout=10000)
        assert controller.main is None and not profile.exists()
        notice = controller.data.notice
        assert notice is not None and "gelöscht" in notice.text()
        notice.close()
    finally:
        controller.shutdown()
