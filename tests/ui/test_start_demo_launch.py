""" "Try the demo" on the start screen starts `wardlink demo` in the language the start
screen speaks and with its demo hospital in the OS user's data folder. (Seen in the
walk: in a German session the demo window came up in English, and ./demo-profile
appeared in the folder WardLink had been started from.)

The one thing not done for real is starting the process: a whole demo hospital with
its relay per test is too much, so QProcess.startDetached is recorded instead."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QProcess, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app.services.policy import Policy
from desktop_app.ui import translations
from desktop_app.ui.app import build_controller
from desktop_app.ui.bridge import AsyncBridge
from desktop_app.ui.launch import LaunchOptions
from tests.ui.test_settings import bridge, views

__all__ = ["bridge"]  # the fixture

BUTTON = {"en": "Try the demo", "de": "Demo ausprobieren"}


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[str, list[str]]]]:
    runs: list[tuple[str, list[str]]] = []

    def record(program: str, arguments: list[str], *_rest: object) -> bool:
        runs.append((program, list(arguments)))
        return True

    monkeypatch.setattr(QProcess, "startDetached", staticmethod(record))
    yield runs


@pytest.mark.parametrize("spoken", ["en", "de"])
def test_try_the_demo_starts_it_in_the_start_screens_language_in_the_users_data_folder(
    qtbot: QtBot,
    bridge: AsyncBridge,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    started: list[tuple[str, list[str]]],
    spoken: str,
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    language = translations.UiLanguage(app, spoken)
    options = LaunchOptions(profile_root=tmp_path / "profiles")
    controller = build_controller(app, bridge, options, views, Policy(), language=language)
    try:
        controller.show_start()
        start = controller.start
        qtbot.mouseClick(start.someone_else, Qt.MouseButton.LeftButton)
        assert start.demo_button.text() == BUTTON[spoken]
        qtbot.mouseClick(start.demo_button, Qt.MouseButton.LeftButton)
    finally:
        controller.shutdown()
        language.close()
    assert len(started) == 1
    program, arguments = started[0]
    assert program == sys.executable
    assert arguments[:3] == ["-m", "desktop_app", "demo"]
    options_given = dict(zip(arguments[3::2], arguments[4::2], strict=True))
    assert options_given["--lang"] == spoken
    assert Path(options_given["--dir"]) == tmp_path / "data" / "WardLink" / "demo"
