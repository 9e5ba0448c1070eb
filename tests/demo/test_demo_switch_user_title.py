"""After "Switch user" the demo's window names the person who is now at the PC.

Seen in the walk-through: the demo gave the app the title "WardLink — Demo (Jörg
Bauer)"; after Switch user the start screen still said Jörg Bauer, and Dr. Ben Yılmaz's
window read "WardLink — Demo (Jörg Bauer) — Dr. Ben Yılmaz"."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.commands.demo_org import DEMO_PASSPHRASE
from desktop_app.ui.bridge import AsyncBridge
from tests.demo.conftest import MadeDemo
from tests.demo.test_demo_window import open_window
from tests.ui.shell_rig import make_controller
from tests.ui.test_app_flow import bridge, pick_person, stub_views

TIMEOUT_MS = 15_000

__all__ = ["bridge"]  # the fixture


def test_switch_user_names_the_next_person_not_the_first(
    qtbot: QtBot, bridge: AsyncBridge, made_demo: MadeDemo, tmp_path: Path
) -> None:
    nurse, physician = made_demo.record.people
    window = open_window(made_demo.copy(tmp_path / "demo"), "FIRST")
    controller = make_controller(
        bridge, window.profile_root, window.relay_address, views=stub_views, title=window.title
    )
    try:
        controller.show_start()
        controller.unlock(window.open_profile, DEMO_PASSPHRASE)  # as the demo opens
        qtbot.waitUntil(lambda: controller.main is not None, timeout=TIMEOUT_MS)
        assert controller.main is not None and nurse.name in controller.main.windowTitle()

        controller.main.switch_action.trigger()
        qtbot.waitUntil(controller.start.isVisible, timeout=TIMEOUT_MS)
        start = controller.start
        assert nurse.name not in start.windowTitle()
        rows = [start.people.item(i).text().split("\n")[0] for i in range(start.people.count())]
        pick_person(qtbot, start, rows.index(physician.name))
        qtbot.keyClicks(start.passphrase, DEMO_PASSPHRASE)
        qtbot.keyClick(start.passphrase, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: controller.main is not None, timeout=TIMEOUT_MS)

        assert controller.main is not None
        shown = controller.main.windowTitle()
        assert physician.name in shown and nurse.name not in shown, shown
    finally:
        controller.shutdown()
        window.close()
