"""An AppController wired like app.py, against the GUI test ward's relay."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from desktop_app.services.live_client import LiveClient
from desktop_app.services.policy import Policy
from desktop_app.storage.container import Container
from desktop_app.storage.profiles import ProfileRoot
from desktop_app.ui.app_controller import AppController, ViewsFactory
from desktop_app.ui.bridge import AsyncBridge
from desktop_app.ui.context import UiContext
from desktop_app.ui.translations import UiLanguage


def real_views(ctx: UiContext) -> tuple[QWidget, QWidget | None]:
    from desktop_app.ui.app import ViewBuilder

    return ViewBuilder(None)(ctx)


def make_controller(
    bridge: AsyncBridge,
    profiles: Path,
    relay: str,
    *,
    idle_ms: int = 600_000,
    views: ViewsFactory = real_views,
    notes: list[tuple[str, str]] | None = None,
    rules: Policy | None = None,
    title: str = "WardLink",
    language: UiLanguage | None = None,
) -> AppController:
    app = QApplication.instance()
    assert isinstance(app, QApplication)

    def make_client(container: Container, notify: Callable[[str, object], None]) -> LiveClient:
        return LiveClient(container, notify, relay=relay, rules=rules)

    sink = notes if notes is not None else []
    return AppController(
        app,
        bridge,
        ProfileRoot(profiles),
        make_client,
        views,
        idle_ms=idle_ms,
        notify=lambda title, text: sink.append((title, text)),
        relay_hint=relay,
        policy=rules,
        window_title=title,
        language=language,
    )
