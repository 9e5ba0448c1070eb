"""Small synthetic files for the viewer tests, built with the medical test generators."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from pydicom.dataset import Dataset
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from desktop_app.ui import translations
from tests.medical import generators
from tests.medical.ecg_generator import make_ecg

DX_ROWS, DX_COLUMNS = 600, 500
SPACING_MM = 0.139


@pytest.fixture(autouse=True)
def _keep_the_default_locale() -> Iterator[None]:
    """translations.install sets Qt's default locale (German dates in the viewers); a
    test that installs German must not leave it for the next one."""
    before = QLocale()
    yield
    QLocale.setDefault(before)


@pytest.fixture(autouse=True)
def _no_dialog_left_open() -> Iterator[None]:
    """A dialog a test left open (window-modal Settings, a message box) would swallow
    the mouse events of the next test's windows: close them after each test."""
    yield
    app = QApplication.instance()
    if isinstance(app, QApplication):
        for widget in app.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.reject()


def small_dx(*, magnification: bool = False) -> Dataset:
    """The DX generator's file at 600 x 500: MONOCHROME1, ImagerPixelSpacing 0.139 mm."""
    ds = generators.make_dx(DX_ROWS, DX_COLUMNS)
    if not magnification:
        del ds.EstimatedRadiographicMagnificationFactor
    return ds


@pytest.fixture
def dx_path(tmp_path: Path) -> Path:
    path = tmp_path / "thorax.dcm"
    small_dx().save_as(path, enforce_file_format=True)
    return path


@pytest.fixture
def ecg_path(tmp_path: Path) -> Path:
    path = tmp_path / "ruhe-ekg.dcm"
    make_ecg().save_as(path, enforce_file_format=True)
    return path


@pytest.fixture
def cine_path(tmp_path: Path) -> Path:
    path = tmp_path / "cine.dcm"
    generators.make_multiframe(frames=6).save_as(path, enforce_file_format=True)
    return path


def checker_dx(rows: int = 300, columns: int = 2100) -> Dataset:
    """One-pixel checkerboard (0 / 4000) wider than the 2048 display copy: the copy is
    reduced 2x and averages it to flat grey; only full resolution shows the pattern."""
    ds = generators.make_dx(rows, columns)
    y, x = np.mgrid[0:rows, 0:columns]
    ds.PixelData = (((x + y) % 2) * 4000).astype(np.uint16).tobytes()
    return ds


from tests.ui.live import gui_ward, live_session  # noqa: E402  (fixtures for the GUI tests)

__all__ = ["gui_ward", "live_session"]


@pytest.fixture
def german(qtbot: QtBot) -> Iterator[None]:
    """The GUI in German for one test (the wording tests check what a nurse reads)."""
    app = QCoreApplication.instance()
    assert app is not None
    installed = translations.install(app, "de")
    assert installed, "wardlink_de.qm did not load"
    yield
    for translator in installed:
        app.removeTranslator(translator)
