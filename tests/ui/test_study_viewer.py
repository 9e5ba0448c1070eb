"""The study viewer as a user drives it: series browser, wheel and PageDown through the
stack, one W/L for the whole stack, slice position in the overlay, decode-ahead."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.medical.study import load_study
from desktop_app.medical.study_package import (
    MIME_TYPE,
    package_chunks,
    read_series,
    read_thumbnail_sources,
)
from desktop_app.medical.worker import DecodeWorker
from desktop_app.ui.chat.composer import local_files
from desktop_app.ui.viewers.study_viewer import StudyViewer, StudyWindow
from tests.medical.generators import make_ct_series, make_dx, to_bytes
from tests.ui.chat_support import (
    TIMEOUT_MS,
    anna_and_jonas_chatting,
    chat_view,
    wait_row,
)

__all__ = ["chat_view"]  # the fixture

SLICES = 20


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> list[bytes]:
    root = tmp_path_factory.mktemp("study")
    dx = make_dx(64, 64)
    dx.SeriesNumber = 1
    (root / "scout.dcm").write_bytes(to_bytes(dx))
    for k, ds in enumerate(reversed(make_ct_series(SLICES))):
        (root / f"{k:03d}.dcm").write_bytes(to_bytes(ds))
    return list(package_chunks(load_study(Path(root))))


def make_viewer(qtbot: QtBot, package: list[bytes], worker: DecodeWorker | None) -> StudyViewer:
    manifest, thumbs = read_thumbnail_sources(iter(package))
    viewer = StudyViewer(
        manifest, thumbs, lambda i, deliver: deliver(read_series(iter(package), i)[1]), worker
    )
    qtbot.addWidget(viewer)
    viewer.resize(900, 600)
    viewer.show()
    qtbot.waitExposed(viewer)
    return viewer


def wheel(viewer: StudyViewer, notches: int, modifiers: Qt.KeyboardModifier) -> None:
    centre = QPointF(viewer.view.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(viewer.view.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        modifiers,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(viewer.view, event)


def test_series_browser_stack_scroll_and_shared_window(qtbot: QtBot, package) -> None:
    viewer = make_viewer(qtbot, package, None)
    assert viewer.browser.count() == 2
    assert viewer.browser.item(1).text().startswith("CT 2 Thorax 2.5 mm")
    assert all(not viewer.browser.item(i).icon().isNull() for i in range(2))
    assert viewer.series_index == 0 and len(viewer.files) == 1  # the DX scout first

    viewer.browser.setCurrentRow(1)
    assert viewer.shown == 0 and len(viewer.files) == SLICES
    lines = viewer.view.overlay_texts()["bottom-left"]
    assert "Pos -100.0 mm  Thk 2.5 mm" in lines and f"Image 1/{SLICES}" in lines

    # A W/L drag, then scrolling: the same window on every slice.
    start = QPoint(300, 300)
    qtbot.mousePress(viewer.view, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(viewer.view, start + QPoint(40, 20))
    qtbot.mouseRelease(viewer.view, Qt.MouseButton.LeftButton, pos=start + QPoint(40, 20))
    window = viewer.view.overlay_texts()["bottom-right"][0]
    assert window != "C 40 / W 400"
    before = viewer.view.displayed_pixels()

    wheel(viewer, -1, Qt.KeyboardModifier.NoModifier)  # towards the next slice
    assert viewer.shown == 1
    qtbot.keyClick(viewer.view, Qt.Key.Key_PageDown)
    qtbot.keyClick(viewer.view, Qt.Key.Key_PageDown)
    assert viewer.shown == 3
    assert viewer.view.overlay_texts()["bottom-right"][0] == window
    assert "Pos -92.5 mm  Thk 2.5 mm" in viewer.view.overlay_texts()["bottom-left"]
    after = viewer.view.displayed_pixels()
    assert before is not None and after is not None and not np.array_equal(before, after)
    qtbot.keyClick(viewer.view, Qt.Key.Key_PageUp)
    assert viewer.shown == 2

    zoom = viewer.view.zoom()
    wheel(viewer, 1, Qt.KeyboardModifier.ControlModifier)  # Ctrl+wheel zooms, no scroll
    assert viewer.shown == 2 and viewer.view.zoom() > zoom


def test_decode_ahead_in_the_worker(qtbot: QtBot, package) -> None:
    with DecodeWorker(processes=1) as worker:
        viewer = make_viewer(qtbot, package, worker)
        viewer.browser.setCurrentRow(1)
        qtbot.waitUntil(lambda: viewer.shown == 0, timeout=30_000)
        ahead = [worker.decode(viewer.files[k], 0) for k in range(1, 7)]
        qtbot.waitUntil(lambda: all(f.done() for f in ahead), timeout=30_000)
        for _ in range(SLICES - 1):
            qtbot.keyClick(viewer.view, Qt.Key.Key_PageDown)
        qtbot.waitUntil(lambda: viewer.shown == SLICES - 1, timeout=30_000)
        assert "Pos -52.5 mm  Thk 2.5 mm" in viewer.view.overlay_texts()["bottom-left"]
        viewer.close()


def test_dropped_folder_goes_as_one_study_and_opens_in_the_study_window(
    qtbot: QtBot, gui_ward: Any, live_session: Any, chat_view: Any, tmp_path: Path
) -> None:
    folder = tmp_path / "CT Thorax"
    folder.mkdir()
    for k, ds in enumerate(reversed(make_ct_series(SLICES))):
        (folder / f"{k:03d}").write_bytes(to_bytes(ds))
    _anna, _jonas, _cid, anna_view, jonas_view = anna_and_jonas_chatting(
        qtbot, gui_ward, live_session, chat_view
    )

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(folder))])
    anna_view.composer.add_files(local_files(mime))  # what a drop on the chat does
    anna_view.composer.submit()
    row = wait_row(qtbot, jonas_view, lambda r: bool(r.message.attachments))
    (study,) = row.message.attachments
    assert (study.file_name, study.mime_type) == ("CT Thorax.wlstudy", MIME_TYPE)
    assert row.message.body.startswith("Study: CT, CHEST, 1 series, 20 images")

    opened: list[QWidget] = []
    jonas_view.opener.opened.connect(opened.append)
    jonas_view.open_attachment(study)
    qtbot.waitUntil(lambda: bool(opened), timeout=TIMEOUT_MS)
    window = opened[0]
    assert isinstance(window, StudyWindow)
    viewer = window.viewer
    qtbot.waitUntil(lambda: viewer.shown == 0, timeout=TIMEOUT_MS)
    qtbot.keyClick(viewer.view, Qt.Key.Key_PageDown)
    qtbot.waitUntil(lambda: viewer.shown == 1, timeout=TIMEOUT_MS)
    assert "Pos -97.5 mm  Thk 2.5 mm" in viewer.view.overlay_texts()["bottom-left"]
    window.close()


def test_stack_slices_reuse_one_lookup_table_and_show_the_same_pixels(
    qtbot: QtBot, package: list[bytes]
) -> None:
    """Issue 18's stall work: the W/L table is built once for the stack, and the cached
    path shows exactly what display.render computes, for the default and a user W/L."""
    from desktop_app.medical.display import render
    from desktop_app.medical.greyscale import Window
    from desktop_app.ui.viewers import stack_render

    viewer = make_viewer(qtbot, package, None)
    viewer.browser.setCurrentRow(1)  # the CT series
    qtbot.waitUntil(lambda: viewer.shown == 0, timeout=TIMEOUT_MS)
    stack_render._luts.clear()
    sources = []
    for k in range(3):
        viewer.slider.setValue(k)
        qtbot.waitUntil(lambda k=k: viewer.shown == k, timeout=TIMEOUT_MS)
        source = viewer.view.source
        assert source is not None
        sources.append(source)
        assert np.array_equal(viewer.view.displayed_pixels(), render(source))
    assert len(stack_render._luts) == 1  # three slices, one table
    viewer.view.set_voi(Window(40.0, 80.0))
    assert np.array_equal(viewer.view.displayed_pixels(), render(sources[-1], Window(40.0, 80.0)))
    assert len(stack_render._luts) == 2


def test_the_worker_renders_stack_slices_at_the_default_window(
    qtbot: QtBot, package: list[bytes]
) -> None:
    """Scrolled at its default W/L a stack's slices come rendered from the decode worker
    (no table, no lookup on the GUI thread); a user W/L is applied here, correctly."""
    from desktop_app.medical.display import render
    from desktop_app.medical.greyscale import Window
    from desktop_app.ui.viewers import stack_render

    with DecodeWorker(processes=1) as worker:
        viewer = make_viewer(qtbot, package, worker)
        viewer.browser.setCurrentRow(1)
        qtbot.waitUntil(lambda: viewer.shown == 0, timeout=TIMEOUT_MS)
        stack_render._luts.clear()
        for k in (1, 2):
            viewer.step(1)
            qtbot.waitUntil(lambda k=k: viewer.shown == k, timeout=TIMEOUT_MS)
            source = viewer.view.source
            assert source is not None
            assert np.array_equal(viewer.view.displayed_pixels(), render(source))
        assert not stack_render._luts  # both slices came rendered
        viewer.view.set_voi(Window(40.0, 80.0))
        assert np.array_equal(viewer.view.displayed_pixels(), render(source, Window(40.0, 80.0)))
        assert len(stack_render._luts) == 1
        viewer.close()
