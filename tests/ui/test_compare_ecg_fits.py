"""An ECG in the compare window shows its whole sheet, V1-V6 included, not only the limb
leads. (Seen in the walk as the physician on a 1280x800 ward PC: the chest X-ray beside
the 12-lead ECG showed I-III and aVR-aVF; the precordial leads were scrolled out of
sight to the right at the single viewer's 4 px/mm.)"""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop_app.ui.viewers.compare_window import CompareWindow
from desktop_app.ui.viewers.ecg_view import DEFAULT_PX_PER_MM, EcgViewer
from tests.medical.ecg_generator import make_ecg
from tests.medical.generators import make_dx, to_bytes


def test_the_whole_ecg_sheet_is_in_view_beside_an_x_ray(qtbot: QtBot) -> None:
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
    qtbot.waitUntil(lambda: ecg.canvas.width() <= paper.width())
    assert ecg.canvas.paper.px_per_mm < DEFAULT_PX_PER_MM
    assert ecg.zoom_box.currentText() == f"{ecg.canvas.paper.px_per_mm:g} px/mm"
    # the single viewer keeps its reading scale
    single = EcgViewer(ecg.canvas.recording)
    qtbot.addWidget(single)
    assert single.canvas.paper.px_per_mm == DEFAULT_PX_PER_MM
