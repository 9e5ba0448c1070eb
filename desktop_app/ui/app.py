"""The composition root of the desktop app: everything is built here and passed in.

``run_app`` makes the QApplication, the bridge (asyncio thread) and the decode worker,
reads the machine policy, picks the language, and hands control to ``AppController``.
The views of an unlocked session (chat, directory) are built by ``ViewBuilder`` for
each session, so a lock can delete them and an unlock starts from nothing.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QSystemTrayIcon, QWidget

from desktop_app.crypto.secret_memory import no_core_dumps
from desktop_app.medical.worker import DecodeWorker
from desktop_app.resource_files import resources_dir
from desktop_app.services import policy as machine
from desktop_app.services.joining import join_hospital
from desktop_app.services.live_client import LiveClient
from desktop_app.storage.container import Container
from desktop_app.storage.keyslot import Owner
from desktop_app.storage.profiles import ProfileRoot, demo_directory
from desktop_app.storage.prune import prune_profiles
from desktop_app.ui import translations
from desktop_app.ui.app_controller import AppController
from desktop_app.ui.bridge import AsyncBridge
from desktop_app.ui.context import UiContext
from desktop_app.ui.demo_launch import DemoLauncher
from desktop_app.ui.launch import LaunchOptions
from desktop_app.ui.shell.main_window import MainWindow
from desktop_app.ui.tray_text import notification_body

log = logging.getLogger("wardlink.app")


class ViewBuilder:
    """A fresh chat view and directory panel for one unlocked session."""

    def __init__(self, worker: DecodeWorker | None) -> None:
        self.worker = worker

    def __call__(self, ctx: UiContext) -> tuple[QWidget, QWidget | None]:
        from desktop_app.ui.chat import ChatView
        from desktop_app.ui.directory import DirectoryPanel

        return ChatView(ctx, worker=self.worker), DirectoryPanel(ctx)


def run_app(options: LaunchOptions) -> int:
    no_core_dumps()  # a crash must not leave decrypted data in a core file on the ward PC
    headless = not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY")
    if headless and sys.platform.startswith("linux") and "QT_QPA_PLATFORM" not in os.environ:
        print(
            "wardlink: no display found (DISPLAY/WAYLAND_DISPLAY unset); the window runs "
            "offscreen where nobody can see it. Stop with Ctrl+C.",
            file=sys.stderr,
        )
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("WardLink")
    app.setOrganizationName("WardLink")
    app.setWindowIcon(app_icon())
    language = translations.UiLanguage(app, translations.choose_language(options.language))
    bridge = AsyncBridge()
    worker = DecodeWorker()
    controller = build_controller(app, bridge, options, ViewBuilder(worker), language=language)
    app.aboutToQuit.connect(controller.shutdown)
    controller.show_start()
    if options.open_profile is not None and options.passphrase is not None:
        controller.unlock(options.open_profile, options.passphrase)
    try:
        return app.exec()
    finally:
        bridge.shutdown()
        worker.close()
        language.close()


def build_controller(
    app: QApplication,
    bridge: AsyncBridge,
    options: LaunchOptions,
    build_views: Callable[[UiContext], tuple[QWidget, QWidget | None]],
    policy: machine.Policy | None = None,
    language: translations.UiLanguage | None = None,
) -> AppController:
    rules = policy if policy is not None else machine.load_policy()
    if options.call_interfaces and rules.call_interfaces is None:  # IT's policy wins
        rules = replace(rules, call_interfaces=options.call_interfaces)
    relay = options.relay or rules.relay_nodes

    def make_client(container: Container, notify: Callable[[str, object], None]) -> LiveClient:
        return LiveClient(
            container,
            notify,
            relay=options.relay,
            policy_address=rules.relay_nodes,
            discovery=options.discovery,
            rules=rules,
        )

    notify = tray_notifier(app, _tray(app))
    minutes = machine.effective(rules.auto_lock_minutes, None, machine.DEFAULT_AUTO_LOCK_MINUTES)
    profiles = ProfileRoot(options.profile_root)
    if rules.prune_unused_days is not None:  # IT's rule for shared PCs, before the list
        for pruned in prune_profiles(
            profiles.root, rules.prune_unused_days, include_withdrawn=False
        ):
            log.info("removed %s (%s)", pruned.directory, pruned.reason)
    controller = AppController(
        app,
        bridge,
        profiles,
        make_client,
        build_views,
        idle_ms=minutes * 60_000,
        notify=notify,
        relay_hint=relay or "",
        export_allowed=machine.effective(
            rules.export_allowed, None, machine.DEFAULT_EXPORT_ALLOWED
        ),
        window_title=options.window_title,
        start_demo=DemoLauncher(language, demo_directory()),
        on_main=_session_actions,
        policy=rules,
        language=language,
    )
    pinned = rules.org_fingerprint

    async def join(
        profiles: ProfileRoot, owner: Owner, passphrase: str, code: str, relay_text: str
    ) -> Path:
        return await join_hospital(
            profiles, owner, passphrase, code, relay_text, expected_org=pinned
        )

    controller.joining.join = join
    return controller


def tray_notifier(
    app: QApplication, tray: QSystemTrayIcon | None, platform: str = sys.platform
) -> Callable[[str, str], None]:
    """``notify(title, text)``: a tray popup (``title`` is WardLink's own words, ``text``
    may hold a colleague's, made literal by ``tray_text``) and a flashing taskbar entry."""

    def notify(title: str, text: str) -> None:
        if tray is not None:
            body = notification_body(text, platform)
            tray.showMessage(title, body, QSystemTrayIcon.MessageIcon.Information, 10_000)
        for window in app.topLevelWidgets():
            if window.isVisible():
                app.alert(window, 0)  # flashes the taskbar entry until the window is used

    return notify


def _session_actions(main: MainWindow, ctx: UiContext) -> object:
    from desktop_app.ui.shell.session_actions import SessionActions

    return SessionActions(main, ctx)


def app_icon() -> QIcon:
    icons = resources_dir() / "icons"
    icon = QIcon()
    for png in sorted(icons.glob("wardlink-*.png")):
        icon.addFile(str(png))
    if (icons / "wardlink.svg").is_file():
        icon.addFile(str(icons / "wardlink.svg"))
    return icon


def _tray(app: QApplication) -> QSystemTrayIcon | None:
    if not QSystemTrayIcon.isSystemTrayAvailable():
        return None
    tray = QSystemTrayIcon(app_icon(), app)
    tray.setToolTip("WardLink")
    tray.show()
    return tray
