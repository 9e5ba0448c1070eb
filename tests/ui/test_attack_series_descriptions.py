"""A study whose series descriptions hold line breaks (left from insider attack round 18).

A series description is 64 characters of DICOM LO, written by whoever made the file: a
colleague's modified client (or a modality) can put "CT Thorax\\n250 Bilder" in it.
The study viewer's series row showed that as a line of its own under the label, a
false image count, and the image corners and the summary split the same way. Now each
description is shown as one line, its controls and line separators as spaces
(medical/dicom_text.py ``one_line``), wherever it is shown.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop_app.medical.study_package import package_chunks, read_series, read_thumbnail_sources
from desktop_app.medical.summary import summarize
from desktop_app.ui.viewers.study_viewer import StudyViewer
from tests.medical import generators
from tests.services.study_forgery import scout_and_ct
from tests.ui.conftest import small_dx
from tests.ui.test_image_view import make_view

HOSTILE = "CT Thorax\n250 Bilder\r\u2028\x1b[2J\u202eKM"  # 29 characters, within LO's 64
BREAKS = ("\n", "\r", "\u2028", "\x1b", "\u202e", "\x0b")
IN_FILE = "CT Thorax\n250 Bilder\r\x0bKM"  # what the file's default character set holds


def test_a_series_row_shows_a_hostile_description_on_its_one_line(
    qtbot: QtBot, tmp_path: Path
) -> None:
    honest = scout_and_ct(tmp_path / "CT Thorax")
    scout, ct = honest.series
    forged = replace(
        honest, series=(replace(scout, modality="DX\n3"), replace(ct, description=HOSTILE))
    )
    package = list(package_chunks(forged))
    manifest, sources = read_thumbnail_sources(iter(package))
    viewer = StudyViewer(
        manifest, sources, lambda i, deliver: deliver(read_series(iter(package), i)[1]), None
    )
    qtbot.addWidget(viewer)
    rows = [viewer.browser.item(n).text().split("\n") for n in range(viewer.browser.count())]
    assert rows == [["DX 3 1", "1 image"], ["CT 2 CT Thorax 250 Bilder [2J KM", "8 images"]]


def test_image_corners_and_summary_show_a_hostile_description_on_one_line(
    qtbot: QtBot,
) -> None:
    ds = small_dx()
    ds.SeriesDescription = IN_FILE
    ds.StudyDescription = "Thorax\nPat ID 4711"
    data = generators.to_bytes(ds)
    view = make_view(qtbot, data)
    shown = [line for lines in view.overlay_texts().values() for line in lines]
    assert shown and not [line for line in shown if any(b in line for b in BREAKS)]
    assert any(line.endswith("CT Thorax 250 Bilder KM") for line in shown), shown
    assert any(line.endswith("Thorax Pat ID 4711") for line in shown), shown
    rows = dict(summarize(data))
    assert rows["Series"].endswith("CT Thorax 250 Bilder KM") and rows["Study"].endswith(
        "Thorax Pat ID 4711"
    )
