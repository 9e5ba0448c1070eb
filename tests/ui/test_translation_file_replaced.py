"""The German wording survives its .qm file being rewritten under the running app (an
installer or update): the translation is held in memory, not mapped from the file."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from pytestqt.qtbot import QtBot

from desktop_app.resource_files import resources_dir
from desktop_app.ui import translations
from desktop_app.ui.start.start_window import StartWindow


@pytest.fixture
def german_from_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> Iterator[Path]:
    """German installed from a copy of the shipped .qm, whose path is yielded."""
    shutil.copytree(resources_dir() / "translations", tmp_path / "translations")
    monkeypatch.setattr(translations, "resources_dir", lambda: tmp_path)
    app = QCoreApplication.instance()
    assert app is not None
    installed: list[QTranslator] = translations.install(app, "de")
    yield tmp_path / "translations" / "wardlink_de.qm"
    for translator in installed:
        app.removeTranslator(translator)


def test_german_stays_when_the_qm_file_is_rewritten(qtbot: QtBot, german_from_copy: Path) -> None:
    source = "Jump to the first unread message"
    before = QCoreApplication.translate("UnreadJump", source)
    assert before != source, "German did not load"
    size = german_from_copy.stat().st_size
    with german_from_copy.open("r+b") as rewritten:  # in place, as an update may write it
        rewritten.write(b"\0" * size)
    assert QCoreApplication.translate("UnreadJump", source) == before
    window = StartWindow()
    qtbot.addWidget(window)
    window.set_people([])
    assert window.join_button.text() == "Meinem Krankenhaus beitreten"
