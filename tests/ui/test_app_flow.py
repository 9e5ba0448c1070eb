"""Start screen, enrollment, unlock, auto-lock and PIN re-unlock through the real windows."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.relay.admin import issue_code
from desktop_app.services.policy import Policy
from desktop_app.storage.container import Container
from desktop_app.storage.lock_state import LockState
from desktop_app.ui import translations
from desktop_app.ui.app_controller import AppController
from desktop_app.ui.bridge import AsyncBridge
from desktop_app.ui.context import UiContext
from desktop_app.ui.start.start_window import StartWindow
from tests.conftest import PASSPHRASE
from tests.storage.test_migrations import container_at
from tests.ui.shell_rig import make_controller

NEW_PASSPHRASE = "Visite-um-neun-2026"


class StubChat(QLabel):
    """Stands in for the chat view where a test is about the shell only."""

    def __init__(self, ctx: UiContext) -> None:
        super().__init__("chat")
        self.shown: list[str] = []

    def show_conversation(self, conversation_id: str, title: str) -> None:
        self.shown.append(conversation_id)

    def clear(self) -> None:
        self.shown.clear()


def stub_views(ctx: UiContext) -> tuple[QWidget, QWidget | None]:
    return StubChat(ctx), None


@pytest.fixture
def bridge(qtbot: QtBot) -> Iterator[AsyncBridge]:
    b = AsyncBridge()
    yield b
    b.shutdown()


def close(controller: AppController) -> None:
    controller.shutdown()


def pick_person(qtbot: QtBot, start: StartWindow, row: int) -> None:
    """Click the ``row``-th person of the start screen (her passphrase page opens)."""
    qtbot.mouseClick(
        start.people.viewport(),
        Qt.MouseButton.LeftButton,
        pos=start.people.visualItemRect(start.people.item(row)).center(),
    )


def typed(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Keys go where the keyboard sends them: to the window's focus widget."""
    focus = widget.focusWidget()
    assert focus is not None
    qtbot.keyClicks(focus, text)


def test_first_start_joins_the_hospital_through_the_dialog(
    qtbot: QtBot, bridge: AsyncBridge, gui_ward: Any, tmp_path: Path
) -> None:
    controller = make_controller(bridge, tmp_path / "pc", gui_ward.address, views=stub_views)
    try:
        controller.show_start()
        start = controller.start
        assert start.pages.currentIndex() == 2  # nobody here yet: join or demo
        qtbot.mouseClick(start.join_button, Qt.MouseButton.LeftButton)
        dialog = controller.joining.dialog
        assert dialog is not None and dialog.relay.text() == gui_ward.address
        qtbot.keyClicks(dialog.code, issue_code(gui_ward.root, "mueller.jonas").code)
        dialog.name.setText("Jonas Müller")  # QTest types ASCII only
        qtbot.keyClicks(dialog.department, "Kardiologie")
        qtbot.keyClicks(dialog.passphrase, "kurz")
        dialog.buttons.accepted.emit()
        assert "10" in dialog.error.text()  # the minimum is enforced, nothing sent
        dialog.passphrase.clear()
        qtbot.keyClicks(dialog.passphrase, NEW_PASSPHRASE)
        qtbot.keyClicks(dialog.repeat, NEW_PASSPHRASE)
        assert dialog.meter.value() >= 2
        dialog.buttons.accepted.emit()
        assert "shared PC" in dialog.error.text()  # must confirm the notice
        dialog.understood.setChecked(True)
        dialog.buttons.accepted.emit()
        assert "privacy notice" in dialog.error.text()  # the notice must be acknowledged
        assert dialog.privacy is not None and dialog.privacy.unconfigured.isVisibleTo(dialog)
        assert dialog.privacy_ack is not None
        dialog.privacy_ack.setChecked(True)
        dialog.buttons.accepted.emit()
        qtbot.waitUntil(lambda: controller.main is not None, timeout=20000)
        assert controller.main is not None
        assert "Jonas Müller" in controller.main.windowTitle()
        people = controller.profiles.people()
        assert [p.owner.display_name for p in people] == ["Jonas Müller"]
        assert Container.read_keyslot(people[0].directory).owner.department == "Kardiologie"
        qtbot.waitUntil(lambda: "Connected" in controller.main.connection.text(), timeout=15000)
    finally:
        close(controller)


def test_start_screen_lists_people_and_unlocks_with_the_passphrase(
    qtbot: QtBot, bridge: AsyncBridge, gui_ward: Any
) -> None:
    gui_ward.enroll("weber.anna")
    gui_ward.enroll("mueller.jonas")
    controller = make_controller(
        bridge, gui_ward.tmp / "profiles", gui_ward.address, views=stub_views
    )
    try:
        controller.show_start()
        start = controller.start
        names = [start.people.item(i).text().split("\n")[0] for i in range(start.people.count())]
        assert names == ["Dr. Anna Weber", "Jonas Müller"]
        pick_person(qtbot, start, 1)
        assert "Jonas Müller" in start.unlock_title.text()
        qtbot.keyClicks(start.passphrase, "falsch falsch falsch")
        qtbot.keyClick(start.passphrase, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: "Wrong passphrase" in start.error.text(), timeout=10000)
        assert start.error.text() == "Wrong passphrase."  # English only, no "/ Falsche …"
        assert controller.main is None
        start.passphrase.clear()
        qtbot.keyClicks(start.passphrase, PASSPHRASE)
        qtbot.keyClicks(start.session_pin, "73")
        qtbot.keyClick(start.passphrase, Qt.Key.Key_Return)
        assert start.error.text() == "A PIN has 6 to 12 digits." and controller.main is None
        qtbot.keyClicks(start.session_pin, "1904")  # the PIN for this shift: 731904
        qtbot.keyClick(start.passphrase, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: controller.main is not None, timeout=10000)
        assert not start.isVisible()
        # No field keeps the secrets while WardLink runs (they left as zeroed bytearrays).
        assert start.passphrase.text() == "" and start.session_pin.text() == ""
        controller.lock()
        screen = controller.lock_screen
        assert screen is not None
        qtbot.waitUntil(lambda: screen.pin_mode and screen.secret.isEnabled(), timeout=5000)
        qtbot.keyClicks(screen.secret, "731904")
        qtbot.keyClick(screen.secret, Qt.Key.Key_Return)
        assert screen.secret.text() == ""
        qtbot.waitUntil(lambda: controller.main is not None, timeout=10000)
    finally:
        close(controller)


def unlock(qtbot: QtBot, controller: AppController, profile: Path) -> None:
    controller.show_start()
    controller.unlock(profile, PASSPHRASE)
    qtbot.waitUntil(lambda: controller.main is not None, timeout=10000)


def test_idle_auto_lock_clears_the_views_and_pin_unlocks_with_five_strikes(
    qtbot: QtBot, bridge: AsyncBridge, gui_ward: Any
) -> None:
    anna = gui_ward.enroll("weber.anna")
    gui_ward.enroll("mueller.jonas")
    controller = make_controller(
        bridge, gui_ward.tmp / "profiles", gui_ward.address, views=stub_views
    )
    try:
        unlock(qtbot, controller, anna)
        main = controller.main
        assert main is not None
        # A new conversation needs the relay (to look up Jonas's devices): wait for it.
        qtbot.waitUntil(lambda: "●" in main.connection.text(), timeout=15000)
        done: list[object] = []
        failed: list[str] = []
        ctx = main.ctx
        bridge.submit(
            lambda: ctx.client.start_direct("mueller.jonas"), done=done.append, error=failed.append
        )
        qtbot.waitUntil(lambda: bool(done or failed), timeout=10000)
        assert failed == [] and isinstance(done[0], str), (done, failed)
        qtbot.waitUntil(lambda: main.conversations.model.rowCount() == 1, timeout=10000)
        person = controller.person
        assert person is not None
        bridge.call(person.set_pin, "246810")
        model = main.conversations.model
        controller.idle.set_interval(1000)  # the policy's 10 minutes, shortened
        # Nobody touches the PC: the idle timer locks, the model is emptied.
        qtbot.waitUntil(lambda: controller.lock_screen is not None, timeout=5000)
        assert controller.main is None and model.rowCount() == 0
        screen = controller.lock_screen
        assert screen is not None
        qtbot.waitUntil(lambda: screen.pin_mode and screen.secret.isEnabled(), timeout=5000)
        assert person.state is LockState.PIN_LOCKED
        for left in (4, 3, 2, 1):
            qtbot.keyClicks(screen.secret, "111111")
            qtbot.keyClick(screen.secret, Qt.Key.Key_Return)
            said = f"Wrong PIN. {left} attempt{'s' if left > 1 else ''} left."
            qtbot.waitUntil(lambda said=said: screen.error.text() == said, timeout=5000)
        qtbot.keyClicks(screen.secret, "246810")
        qtbot.keyClick(screen.secret, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: controller.main is not None, timeout=10000)
        qtbot.waitUntil(lambda: controller.main.conversations.model.rowCount() == 1, timeout=10000)
        # Ctrl+L locks at once; five wrong PINs then demand the passphrase.
        qtbot.keyClick(controller.main, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
        screen = controller.lock_screen
        assert screen is not None
        qtbot.waitUntil(lambda: screen.pin_mode and screen.secret.isEnabled(), timeout=5000)
        for _ in range(5):
            qtbot.waitUntil(screen.secret.isEnabled, timeout=5000)
            qtbot.keyClicks(screen.secret, "000000")
            qtbot.keyClick(screen.secret, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not screen.pin_mode, timeout=5000)
        assert "passphrase" in screen.error.text().lower()
        assert person.state is LockState.PASSPHRASE_REQUIRED
        qtbot.keyClicks(screen.secret, PASSPHRASE)
        qtbot.keyClick(screen.secret, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: controller.main is not None, timeout=10000)
    finally:
        close(controller)


def test_switch_user_closes_the_container_and_returns_to_the_start_screen(
    qtbot: QtBot, bridge: AsyncBridge, gui_ward: Any
) -> None:
    anna = gui_ward.enroll("weber.anna")
    controller = make_controller(
        bridge, gui_ward.tmp / "profiles", gui_ward.address, views=stub_views
    )
    try:
        unlock(qtbot, controller, anna)
        person = controller.person
        assert person is not None and controller.main is not None
        controller.main.switch_action.trigger()
        qtbot.waitUntil(lambda: person.state is LockState.LOCKED, timeout=5000)
        assert controller.main is None and controller.start.isVisible()
        assert controller.person is None
    finally:
        close(controller)


def test_the_main_window_names_its_person_once(
    qtbot: QtBot, bridge: AsyncBridge, gui_ward: Any
) -> None:
    """The main window names its person once, after the app's or the demo's title."""
    anna = gui_ward.enroll("weber.anna")
    for title in ("WardLink", "WardLink Demo"):
        controller = make_controller(
            bridge, gui_ward.tmp / "profiles", gui_ward.address, views=stub_views, title=title
        )
        try:
            unlock(qtbot, controller, anna)
            assert controller.main is not None and controller.person_name == "Dr. Anna Weber"
            shown = controller.main.windowTitle()
            assert shown.startswith(title) and shown.count("Dr. Anna Weber") == 1, shown
        finally:
            close(controller)


def test_calls_switched_off_by_policy_leave_the_views_no_way_to_call(
    qtbot: QtBot, bridge: AsyncBridge, gui_ward: Any
) -> None:
    """Every Call button (chat header, directory card) shows only when the views get a
    way to place calls; policy calls_allowed off gives them none."""
    anna = gui_ward.enroll("weber.anna")
    given: list[UiContext] = []

    def views(ctx: UiContext) -> tuple[QWidget, QWidget | None]:
        given.append(ctx)
        return stub_views(ctx)

    for rules, can_call in ((Policy(), True), (Policy(calls_allowed=False), False)):
        controller = make_controller(
            bridge, gui_ward.tmp / "profiles", gui_ward.address, views=views, rules=rules
        )
        try:
            unlock(qtbot, controller, anna)
            assert (given[-1].place_call is not None) is can_call
        finally:
            close(controller)


def test_a_broken_profile_does_not_hide_the_others(tmp_path: Path) -> None:
    from desktop_app.storage.profiles import ProfileRoot

    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "wardlink-key.json").write_text("{not json")
    assert ProfileRoot(tmp_path).people() == []
    shutil.rmtree(tmp_path / "broken")


def test_unlock_errors_speak_only_the_ui_language(
    qtbot: QtBot, bridge: AsyncBridge, gui_ward: Any
) -> None:
    """A German UI says "Falsche Passphrase." and nothing English (and the reverse above)."""
    app = QCoreApplication.instance()
    assert app is not None
    installed = translations.install(app, "de")
    assert installed
    gui_ward.enroll("weber.anna")
    controller = make_controller(
        bridge, gui_ward.tmp / "profiles", gui_ward.address, views=stub_views
    )
    try:
        controller.show_start()
        start = controller.start
        pick_person(qtbot, start, 0)
        qtbot.keyClicks(start.passphrase, "falsch falsch falsch")
        qtbot.keyClick(start.passphrase, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: "Passphrase" in start.error.text(), timeout=10000)
        assert start.error.text() == "Falsche Passphrase."
        qtbot.keyClicks(start.passphrase, PASSPHRASE)
        qtbot.keyClicks(start.session_pin, "73")
        qtbot.keyClick(start.passphrase, Qt.Key.Key_Return)
        assert start.error.text() == "Eine PIN hat 6 bis 12 Ziffern."
        # The cursor goes where the correction goes. Seen in the demo: it went back to
        # the end of the passphrase, the next digits were appended there, and the
        # Enter after them said "Falsche Passphrase." about a passphrase typed right.
        assert start.focusWidget() is start.session_pin
        typed(qtbot, start, "1904")  # keys go to the focus widget, as a keyboard's do
        assert start.passphrase.text() == PASSPHRASE and start.session_pin.text() == "731904"
        qtbot.keyClick(start.session_pin, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: controller.main is not None, timeout=15000)
    finally:
        close(controller)
        for translator in installed:
            app.removeTranslator(translator)


def test_data_that_cannot_be_brought_up_to_date_says_so_on_the_persons_page(
    qtbot: QtBot, bridge: AsyncBridge, tmp_path: Path
) -> None:
    """The demo unlocks its person at once; a container a development build left at
    schema 17 with step 18's tables (steps renumbered before release) cannot be
    upgraded: the person's page says so in the UI language, the list does not hide it."""
    app = QCoreApplication.instance()
    assert app is not None
    profile = tmp_path / "profiles" / "alt"
    (tmp_path / "profiles").mkdir()
    with container_at(profile, 17) as db, db.transaction() as cur:
        cur.execute("CREATE TABLE documents (document_id TEXT PRIMARY KEY)")
    installed = translations.install(app, "de")
    assert installed
    controller = make_controller(bridge, tmp_path / "profiles", "127.0.0.1:9", views=stub_views)
    try:
        controller.show_start()
        start = controller.start
        controller.unlock(profile, PASSPHRASE)  # as `wardlink demo` does
        qtbot.waitUntil(lambda: "Schritt" in start.error.text(), timeout=10000)
        assert start.error.text() == (
            "Diese Daten konnten nicht auf diese WardLink-Version umgestellt werden (Schritt "
            "0018_documents.sql); es wurde nichts verändert. Bitte wenden Sie sich an die IT."
        )
        assert start.error.isVisible()
        assert "Alt" in start.unlock_title.text()
        assert controller.main is None
    finally:
        close(controller)
        for translator in installed:
            app.removeTranslator(translator)
