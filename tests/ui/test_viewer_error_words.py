"""A file the viewer cannot show says why in the UI language: one sentence per kind of
failure ("Dies ist keine DICOM-Datei, …"), the medical layer's English detail in
brackets for IT. Before, a German viewer showed only the English detail."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from desktop_app.ui import translations
from desktop_app.ui.viewers.viewer_window import ErrorNotice, open_viewer
from tests.medical import generators


@pytest.fixture
def in_german() -> Iterator[None]:
    app = QCoreApplication.instance()
    assert app is not None
    installed = translations.install(app, "de")
    assert installed
    try:
        yield
    finally:
        for translator in installed:
            app.removeTranslator(translator)


def test_a_file_that_is_no_dicom_says_so_in_german(
    qtbot: QtBot, tmp_path: Path, in_german: None
) -> None:
    path = tmp_path / "befund.dcm"
    path.write_bytes(b"Befund: kein Bild, nur Text.\n" * 20)
    widget = open_viewer(path, None)
    qtbot.addWidget(widget)
    assert isinstance(widget, ErrorNotice)
    text = widget.text()
    assert text.startswith("Diese Datei kann nicht angezeigt werden:\n")
    assert "Dies ist keine DICOM-Datei, die WardLink lesen kann. (" in text


def test_a_file_cut_short_says_it_is_damaged_in_german(
    qtbot: QtBot, tmp_path: Path, in_german: None
) -> None:
    data = generators.to_bytes(generators.make_dx(96, 80))
    path = tmp_path / "thorax.dcm"
    path.write_bytes(data[:400])  # the header cut off in the middle
    widget = open_viewer(path, None)
    qtbot.addWidget(widget)
    assert isinstance(widget, ErrorNotice)
    assert "Die Datei ist beschädigt oder unvollständig. (" in widget.text()
