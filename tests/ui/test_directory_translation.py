"""resources/translations/de/directory.ts: complete, current, and it loads."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from pytestqt.qtbot import QtBot

from desktop_app.crypto.safety_number import EMOJI_TABLE
from desktop_app.services.directory_view import DirectoryHit
from desktop_app.ui.directory.card import PersonCardView
from desktop_app.ui.directory.emoji_names import NAMES, translated
from desktop_app.ui.directory.search import NO_DEVICE_ROLE, SearchResultsModel

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "de" / "directory.ts"
SOURCES = sorted((ROOT / "desktop_app" / "ui" / "directory").glob("*.py"))


def _tool(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent))
    if found is None:
        pytest.skip(f"{name} is not installed")
    return found


def _messages(path: Path) -> dict[tuple[str, str], ET.Element]:
    out = {}
    for context in ET.parse(path).getroot():
        name = context.findtext("name", "")
        for message in context.findall("message"):
            out[(name, message.findtext("source", ""))] = message
    return out


def test_every_string_has_a_german_translation_with_its_placeholders() -> None:
    messages = _messages(TS)
    assert len(messages) > 150
    for (context, source), message in messages.items():
        translation = message.find("translation")
        assert translation is not None and translation.get("type") is None, (context, source)
        german = translation.text or ""
        assert german.strip(), (context, source)
        assert sorted(re.findall(r"%\d", source)) == sorted(re.findall(r"%\d", german))


def test_ts_file_is_current(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    subprocess.run(
        [_tool("pyside6-lupdate"), *map(str, SOURCES), "-ts", str(fresh), "-silent"],
        check=True,
        cwd=ROOT,
    )
    assert set(_messages(fresh)) == set(_messages(TS))


def test_emoji_names_marked_for_translation_match_the_table() -> None:
    assert tuple(NAMES) == tuple(e.name for e in EMOJI_TABLE)


def test_german_loads(qtbot: QtBot, tmp_path: Path) -> None:
    qm = tmp_path / "directory_de.qm"
    subprocess.run([_tool("pyside6-lrelease"), str(TS), "-qm", str(qm), "-silent"], check=True)
    translator = QTranslator()
    assert translator.load(str(qm))
    QCoreApplication.installTranslator(translator)
    try:
        card = PersonCardView()
        qtbot.addWidget(card)
        assert card.write_button.text() == "Nachricht schreiben"
        assert card.badge.text() == "Funktionskonto"
        assert translated("Dog") == "Hund"
        model = SearchResultsModel()
        model.set_hits((DirectoryHit("a", "Ben Müller", "", "", "", False),))
        model.mark_without_device(frozenset({"a"}))
        assert model.index(0, 0).data(NO_DEVICE_ROLE) == "noch kein Gerät"
    finally:
        QCoreApplication.removeTranslator(translator)
