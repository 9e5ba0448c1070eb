"""The image and ECG viewers speak German in a German UI; their .ts is complete and
current; small viewer details (Custom preset, Escape/Ctrl+W, degrees)."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot

from desktop_app.medical.ecg import load_ecg
from desktop_app.medical.greyscale import Window
from desktop_app.ui import translations
from desktop_app.ui.viewers.ecg_view import EcgViewer
from desktop_app.ui.viewers.image_viewer import ImageViewer
from desktop_app.ui.viewers.viewer_window import ErrorNotice, ViewerWindow

ROOT = Path(__file__).resolve().parents[2]
VIEWERS_TS = ROOT / "resources" / "translations" / "de" / "viewers.ts"
LUPDATE = Path(sys.executable).with_name("pyside6-lupdate")


def _sources(ts: Path) -> dict[tuple[str, str], tuple[str, str | None]]:
    found = {}
    for context in ET.parse(ts).getroot().iter("context"):
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            key = (context.findtext("name", ""), message.findtext("source", ""))
            found[key] = (translation.text or "", translation.get("type"))
    return found


def test_the_viewers_ts_file_is_complete_and_current(tmp_path: Path) -> None:
    fresh = tmp_path / "viewers.ts"
    sources = sorted((ROOT / "desktop_app/ui/viewers").glob("*.py"))
    subprocess.run(
        [str(LUPDATE), *map(str, sources), "-ts", str(fresh), "-source-language", "en",
         "-target-language", "de"],
        check=True, capture_output=True,
    )  # fmt: skip
    shipped = _sources(VIEWERS_TS)
    assert set(_sources(fresh)) == {k for k, (_, kind) in shipped.items() if kind != "vanished"}
    assert [s for (_, s), (text, kind) in shipped.items() if kind or not text] == []
    assert "desktop_app/ui/viewers/*.py" in (ROOT / "Makefile").read_text("utf-8")


@pytest.fixture
def german(qtbot: QtBot) -> Iterator[None]:
    app = QCoreApplication.instance()
    assert app is not None
    locale = QLocale()
    installed = translations.install(app, "de")
    assert installed, "wardlink_de.qm did not load"
    yield
    for translator in installed:
        app.removeTranslator(translator)
    QLocale.setDefault(locale)  # install() set German dates; later tests expect English


def _actions(viewer: ImageViewer) -> list[str]:
    return [a.text() for a in viewer.toolbar.actions() if isinstance(a, QAction) and a.text()]


def test_the_image_viewer_speaks_german(qtbot: QtBot, dx_path: Path, german: None) -> None:
    viewer = ImageViewer(dx_path, None)
    qtbot.addWidget(viewer)
    actions = _actions(viewer)
    for expected in ("Fensterung", "Strecke", "Winkel", "Spiegeln ↔", "Invertieren"):
        assert expected in actions
    assert not {"Window/level", "Flip H", "Invert", "Rotate"} & set(actions)
    flip = next(a for a in viewer.toolbar.actions() if a.text() == "Spiegeln ↔")
    assert flip.toolTip() == "Horizontal spiegeln"  # short on the bar, whole in the tip
    header = viewer.metadata.headerItem()
    assert (header.text(0), header.text(1)) == ("Attribut", "Wert")
    summary = viewer.metadata.topLevelItem(0)
    labels = {
        summary.child(n).text(0): summary.child(n).text(1) for n in range(summary.childCount())
    }
    assert labels["Art"] == "Bild" and "Datei" in labels and "Modalität" in labels
    assert not {"File", "Kind", "Modality", "Patient ID"} & set(labels)  # English was left
    assert viewer.view.overlay_texts()["bottom-left"][-1] == "Bild 1/1"
    viewer.view.set_voi(Window(1234.0, 567.0))  # a manual W/L change
    assert viewer.presets.currentText() == "Benutzerdefiniert"


def test_the_ecg_viewer_speaks_german(qtbot: QtBot, ecg_path: Path, german: None) -> None:
    viewer = EcgViewer(load_ecg(ecg_path), "Mustermann, Erika")
    qtbot.addWidget(viewer)
    text = viewer.findings.text()
    assert "Messwerte des Geräts" in text and "Befundaussagen des Geräts" in text
    assert "Device measurements" not in text and "Kerbfilter 50 Hz" in text
    assert viewer.caliper_label.text() == "Zum Messen auf der Kurve ziehen"
    notice = ErrorNotice("x")
    qtbot.addWidget(notice)
    assert notice.text().startswith("Diese Datei kann nicht angezeigt werden")


def test_the_preset_box_says_custom_after_a_manual_change(qtbot: QtBot, dx_path: Path) -> None:
    viewer = ImageViewer(dx_path, None)
    qtbot.addWidget(viewer)
    assert viewer.presets.currentText().startswith("FULL RANGE")
    viewer.view.set_voi(Window(1234.0, 567.0))
    assert viewer.presets.currentText() == "Custom"
    viewer.presets.activated.emit(1)  # a preset again: its name, and Custom stays last
    assert viewer.presets.currentText().startswith("LUNG")
    viewer.view.set_voi(Window(99.0, 10.0))
    assert viewer.presets.count() == 3 and viewer.presets.currentText() == "Custom"


@pytest.mark.parametrize("keys", ["escape", "ctrl+w"])
def test_escape_and_ctrl_w_close_a_viewer_window(qtbot: QtBot, dx_path: Path, keys: str) -> None:
    window = ViewerWindow(dx_path, None)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert isinstance(window.viewer, ImageViewer)
    target = window.viewer.view
    target.setFocus()
    if keys == "escape":
        qtbot.keyClick(target, Qt.Key.Key_Escape)
    else:
        qtbot.keyClick(target, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible())
