"""The ECG's side panel in German: the device's measurements under the names a German
physician reads on paper (PQ-Zeit, QRS-Dauer, QTc-Zeit …) and numbers with a decimal
comma (walk 19: "RR Interval", "QRS Duration" and "0.05 Hz–150 Hz, Kerbfilter 50 Hz"
beside German headings). A measurement WardLink has no name for keeps the device's."""

from __future__ import annotations

from pathlib import Path

from pydicom.dataset import Dataset
from PySide6.QtGui import QTextDocument
from pytestqt.qtbot import QtBot

from desktop_app.medical.ecg import ecg_from_dataset, load_ecg
from desktop_app.ui.viewers.ecg_view import EcgViewer
from tests.medical.ecg_generator import make_ecg


def panel_lines(viewer: EcgViewer) -> list[str]:
    """What the panel shows, line by line (its rich text as a reader sees it; each
    table cell on a line of its own)."""
    document = QTextDocument()
    document.setHtml(viewer.findings.text())
    return [line.strip() for line in document.toPlainText().splitlines() if line.strip()]


def test_ecg_findings_read_in_german(qtbot: QtBot, german: None, ecg_path: Path) -> None:
    viewer = EcgViewer(load_ecg(ecg_path), "Mustermann, Erika")
    qtbot.addWidget(viewer)
    viewer.show()
    qtbot.waitExposed(viewer)
    text = " | ".join(panel_lines(viewer))
    for expected in (
        "RR-Intervall | 1000 ms",
        "PQ-Zeit | 160 ms",
        "QRS-Dauer | 92 ms",
        "QT-Zeit | 400 ms",
        "QTc-Zeit | 400 ms",
        "QRS-Achse | 60°",
        "0,05 Hz–150 Hz, Kerbfilter 50 Hz",
    ):
        assert expected in text, text
    assert "QT Interval" not in text and "Duration" not in text and "0.05" not in text


def test_a_measurement_without_a_german_name_keeps_the_devices(qtbot: QtBot, german: None) -> None:
    dataset = make_ecg()
    item = Dataset()
    item.ConceptNameCodeSequence = [Dataset()]
    item.ConceptNameCodeSequence[0].CodeValue = "X-1"
    item.ConceptNameCodeSequence[0].CodingSchemeDesignator = "99VENDOR"
    item.ConceptNameCodeSequence[0].CodeMeaning = "Vendor Score"
    item.NumericValue = 2.5
    item.MeasurementUnitsCodeSequence = [Dataset()]
    item.MeasurementUnitsCodeSequence[0].CodeValue = "1"
    item.MeasurementUnitsCodeSequence[0].CodingSchemeDesignator = "UCUM"
    item.MeasurementUnitsCodeSequence[0].CodeMeaning = "1"
    item.ReferencedWaveformChannels = [1, 0]
    item.AnnotationGroupNumber = 1
    dataset.WaveformAnnotationSequence.append(item)
    viewer = EcgViewer(ecg_from_dataset(dataset), "")
    qtbot.addWidget(viewer)
    assert "Vendor Score | 2,5 1" in " | ".join(panel_lines(viewer))
