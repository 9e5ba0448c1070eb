"""An ECG in the compare window fills its pane with its whole sheet, V1-V6 included.

Seen in the walk as the physician on a 1280x800 ward PC: the chest X-ray beside the
12-lead ECG showed I-III and aVR-aVF; the precordial leads were scrolled out of sight to
the right at the single viewer's 4 px/mm. Then (session 19) the whole sheet was in view
but small: 1.5 px/mm, the largest fixed step that fitted beside the 230 px findings,
in a pane of empty paper. Now the findings sit under the sheet and the sheet takes the
scale that fills the paper ("Fit: 2.6 px/mm")."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop_app.ui.viewers.compare_window import CompareWindow
from desktop_app.ui.viewers.ecg_view import DEFAULT_PX_PER_MM, ZOOMS_PX_PER_MM, EcgViewer
from tests.medical.ecg_generator import make_ecg
from tests.medical.generators import make_dx, to_bytes
from tests.ui.language_support import language

__all__ = ["language"]  # the fixture

FIT = {"en": "Fit: %1 px/mm", "de": "Passend: %1 px/mm"}


def test_the_whole_ecg_sheet_fills_its_pane_beside_an_x_ray(qtbot: QtBot, language: str) -> None:
    window = CompareWindow(
        (to_bytes(make_dx(600, 500)), "roentgen-thorax.dcm"),
        (to_bytes(make_ecg()), "ruhe-ekg.dcm"),
        None,
    )
    qtbot.addWidget(window)
    window.resize(1280, 760)  # a ward PC's screen, under the taskbar
    window.show()
    qtbot.waitExposed(window)
    ecg = next(p for p in window.panes if isinstance(p, EcgViewer))
    paper = ecg.scroll_area.viewport()
    sheet = ecg.canvas
    qtbot.waitUntil(lambda: sheet.paper.px_per_mm != DEFAULT_PX_PER_MM)  # fitted once shown
    assert sheet.width() <= paper.width() and sheet.height() <= paper.height()  # all of it
    # and as large as the paper lets it be: no more room on one side
    assert sheet.width() > 0.9 * paper.width() or sheet.height() > 0.9 * paper.height()
    assert ZOOMS_PX_PER_MM[0] < sheet.paper.px_per_mm < DEFAULT_PX_PER_MM
    shown = FIT[language].replace("%1", f"{sheet.paper.px_per_mm:g}")
    assert ecg.zoom_box.currentText() == shown
    findings = ecg.findings.geometry()
    assert findings.top() >= ecg.scroll_area.geometry().bottom()  # under the sheet
    # the single viewer keeps its reading scale and its findings beside the sheet
    single = EcgViewer(sheet.recording)
    qtbot.addWidget(single)
    assert single.canvas.paper.px_per_mm == DEFAULT_PX_PER_MM
    assert single.zoom_box.currentText() == f"{DEFAULT_PX_PER_MM:g} px/mm"
