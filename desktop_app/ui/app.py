"""The composition root of the desktop app: everything is built here and passed in.

``run_app`` makes the QApplication, the bridge (asyncio thread), reads the machine
policy, picks the language, and hands control to ``AppController``. The views of an
unlocked session (chat, directory) are built by ``build_views`` for each session, so
a lock can delete them and an unlock starts from nothing.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QProcess
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QSystemTrayIcon, QWidget

from desktop_app.services.live_client import LiveClient
from desktop_app.services.relay_locator import default_policy_path, policy_relay_address
from desktop_app.storage.container import Container
from desktop_app.storage.profiles import ProfileRoot
from desktop_app.ui import translations
from desktop_app.ui.app_controller import AppController
from desktop_app.ui.bridge import AsyncBridge
from desktop_app.ui.context import UiContext
from desktop_app.ui.launch import LaunchOptions
from desktop_app.ui.shell.main_window import MainWindow

DEFAULT_IDLE_MINUTES = 10


def build_views(ctx: UiContext) -> tuple[QWidget, QWidget | None]:
    """A fresh chat view and directory panel for one unlocked session."""
    from desktop_app.ui.chat import ChatView
    from desktop_app.ui.directory import DirectoryPanel

    return ChatView(ctx), DirectoryPanel(ctx)


def run_app(options: LaunchOptions) -> int:
    headless = not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY")
    if headless and sys.platform.startswith("linux"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("WardLink")
    app.setOrganizationName("WardLink")
    keep = translations.install(app, translations.choose_language(options.language))
    bridge = AsyncBridge()
    controller = build_controller(app, bridge, options)
    app.aboutToQuit.connect(controller.shutdown)
    controller.show_start()
    if options.open_profile is not None and options.passphrase is not None:
        controller.unlock(options.open_profile, options.passphrase)
    try:
        return app.exec()
    finally:
        bridge.shutdown()
        del keep


def build_controller(
    app: QApplication, bridge: AsyncBridge, options: LaunchOptions
) -> AppController:
    policy_address = policy_relay_address_for_app()

    def make_client(container: Container, notify: object) -> LiveClient:
        return LiveClient(
            container,
            notify,  # type: ignore[arg-type]
            relay=options.relay,
            policy_address=policy_address,
            discovery=options.discovery,
        )

    tray = _tray(app)

    def notify(title: str, text: str) -> None:
        if tray is not None:
            tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, 10_000)
        for window in app.topLevelWidgets():
            if window.isVisible():
                app.alert(window, 0)  # flashes the taskbar entry until the window is used

    return AppController(
        app,
        bridge,
        ProfileRoot(options.profile_root),
        make_client,
        build_views,
        idle_ms=DEFAULT_IDLE_MINUTES * 60_000,
        notify=notify,
        relay_hint=options.relay or policy_address or "",
        window_title=options.window_title,
        start_demo=_start_demo,
        on_main=_session_actions,
    )


def _session_actions(main: MainWindow, ctx: UiContext) -> object:
    from desktop_app.ui.shell.session_actions import SessionActions

    return SessionActions(main, ctx)


def policy_relay_address_for_app() -> str | None:
    """The machine policy's fixed relay address, if hospital IT set one."""
    return policy_relay_address(_NoSettings(), default_policy_path())


class _NoSettings:
    def get(self, key: str, default: str | None = None) -> str | None:
        return default

    def set(self, key: str, value: str) -> None:
        return None

    def delete(self, key: str) -> None:
        return None


def _tray(app: QApplication) -> QSystemTrayIcon | None:
    if not QSystemTrayIcon.isSystemTrayAvailable():
        return None
    tray = QSystemTrayIcon(QIcon.fromTheme("mail-unread"), app)
    tray.setToolTip("WardLink")
    tray.show()
    return tray


def _start_demo() -> None:
    """ "Try the demo": start `wardlink demo` as its own process (its own relay)."""
    frozen = getattr(sys, "frozen", False)
    program = sys.executable
    args = ["demo"] if frozen else ["-m", "desktop_app", "demo"]
    QProcess.startDetached(program, args)
