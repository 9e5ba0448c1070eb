"""German and English: every string translated, the shipped .qm current, both UIs load."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from pytestqt.qtbot import QtBot

from desktop_app.resource_files import resources_dir
from desktop_app.ui import translations
from desktop_app.ui.start.start_window import StartWindow

TS_DIR = resources_dir() / "translations" / "de"
LRELEASE = Path(sys.executable).with_name("pyside6-lrelease")


def ts_files() -> list[Path]:
    return sorted(TS_DIR.glob("*.ts"))


def test_every_string_has_a_german_translation() -> None:
    assert ts_files(), "no .ts files"
    unfinished = []
    for path in ts_files():
        for message in ET.parse(path).iter("message"):
            translation = message.find("translation")
            # A plural message (numerus="yes") keeps its forms in <numerusform> children.
            forms = [] if translation is None else translation.findall("numerusform")
            texts = [f.text or "" for f in forms] or [
                "" if translation is None else translation.text or ""
            ]
            if (
                translation is None
                or translation.get("type") == "unfinished"
                or not all(text.strip() for text in texts)
            ):
                unfinished.append(f"{path.name}: {message.findtext('source')}")
    assert unfinished == []


def test_the_shipped_qm_is_compiled_from_the_current_ts_files(tmp_path: Path) -> None:
    if not LRELEASE.exists() and shutil.which("pyside6-lrelease") is None:
        pytest.fail("pyside6-lrelease is missing (it comes with PySide6)")
    tool = str(LRELEASE if LRELEASE.exists() else shutil.which("pyside6-lrelease"))
    out = tmp_path / "wardlink_de.qm"
    subprocess.run([tool, *map(str, ts_files()), "-qm", str(out)], check=True, capture_output=True)
    shipped = resources_dir() / "translations" / "wardlink_de.qm"
    assert shipped.read_bytes() == out.read_bytes(), "run `make translations` and commit"


@pytest.fixture
def german(qtbot: QtBot) -> Iterator[list[QTranslator]]:
    app = QCoreApplication.instance()
    assert app is not None
    installed = translations.install(app, "de")
    yield installed
    for translator in installed:
        app.removeTranslator(translator)


def test_the_german_ui_loads(qtbot: QtBot, german: list[QTranslator]) -> None:
    assert german, "wardlink_de.qm did not load"
    window = StartWindow()
    qtbot.addWidget(window)
    window.set_people([])
    assert window.join_button.text() == "Meinem Krankenhaus beitreten"
    assert window.demo_button.text() == "Demo ausprobieren"


def test_the_english_ui_loads(qtbot: QtBot) -> None:
    window = StartWindow()
    qtbot.addWidget(window)
    assert window.join_button.text() == "Join my hospital"
    assert translations.choose_language("en") == "en"
    assert translations.choose_language("fr") in ("de", "en")


def test_wardlink_lang_chooses_when_no_flag_does(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WARDLINK_LANG", "de")
    assert translations.choose_language(None) == "de"
    assert translations.choose_language("en") == "en"  # the flag wins
    monkeypatch.setenv("WARDLINK_LANG", "en")
    assert translations.choose_language(None) == "en"
