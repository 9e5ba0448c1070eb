"""Opening files: the right viewer per kind, cine through the real DecodeWorker, errors."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pydicom import uid
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.medical.worker import DecodeWorker
from desktop_app.ui.viewers.detail import FULL_RESOLUTION
from desktop_app.ui.viewers.ecg_view import EcgViewer
from desktop_app.ui.viewers.image_viewer import ImageViewer
from desktop_app.ui.viewers.pdf_view import PdfViewer
from desktop_app.ui.viewers.qimage import qimage_to_array
from desktop_app.ui.viewers.viewer_window import (
    ErrorNotice,
    ViewerWindow,
    open_viewer,
)
from tests.medical import generators
from tests.medical.test_documents import encapsulated
from tests.ui.conftest import checker_dx
from tests.ui.pdf_samples import make_pdf

TIMEOUT_MS = 30_000


@pytest.fixture(scope="module")
def worker() -> Iterator[DecodeWorker]:
    with DecodeWorker(processes=1) as w:
        yield w


def test_image_opens_with_presets_metadata_and_header_window(qtbot: QtBot, dx_path: Path) -> None:
    viewer = open_viewer(dx_path, None)
    assert isinstance(viewer, ImageViewer)
    qtbot.addWidget(viewer)
    assert viewer.view.source is not None  # no worker: decoded in-process
    labels = [viewer.presets.itemText(i) for i in range(viewer.presets.count())]
    assert labels == ["FULL RANGE (C 2000 / W 4000)", "LUNG (C 1000 / W 1000)"]
    viewer.presets.activated.emit(1)
    assert viewer.view.overlay_texts()["bottom-right"][0] == "C 1000 / W 1000"
    info = viewer.metadata.values()
    assert info["Patient"] == "Mustermann, Erika"
    assert info["Pixel spacing"].startswith("0.139 x 0.139 mm (detector")
    assert not viewer.cine.isVisibleTo(viewer)  # one frame: no cine bar


def test_cine_plays_frames_decoded_in_the_worker(
    qtbot: QtBot, cine_path: Path, worker: DecodeWorker
) -> None:
    viewer = ImageViewer(cine_path, worker)
    qtbot.addWidget(viewer)
    view = viewer.view
    qtbot.waitUntil(lambda: view.source is not None, timeout=TIMEOUT_MS)
    assert view.overlay_texts()["bottom-left"][-1] == "Image 1/6"
    viewer.cine.slider.setValue(4)
    qtbot.waitUntil(lambda: view.frame == 4, timeout=TIMEOUT_MS)
    assert view.source is not None and view.source.pixels[10, 0] == 400 + 10
    assert view.overlay_texts()["bottom-left"][-1] == "Image 5/6"
    qtbot.keyClick(view, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: view.frame == 5, timeout=TIMEOUT_MS)
    viewer.cine.fps.setValue(30)
    qtbot.mouseClick(viewer.cine.play_button, Qt.MouseButton.LeftButton)
    assert viewer.cine.playing() and viewer.cine.play_button.text() == "Pause"
    seen: set[int] = set()
    qtbot.waitUntil(lambda: seen.add(view.frame) or len(seen) >= 4, timeout=TIMEOUT_MS)
    qtbot.mouseClick(viewer.cine.play_button, Qt.MouseButton.LeftButton)
    assert not viewer.cine.playing()
    assert view.source.pixels[0, 0] == 100 * view.frame


def test_compressed_frame_arrives_without_blocking(
    qtbot: QtBot, tmp_path: Path, worker: DecodeWorker
) -> None:
    path = tmp_path / "jls.dcm"
    ds = generators.compressed(generators.make_dx(400, 300), uid.JPEGLSLossless)
    ds.save_as(path, enforce_file_format=True)
    viewer = ImageViewer(path, worker)
    qtbot.addWidget(viewer)
    qtbot.waitUntil(lambda: viewer.view.source is not None, timeout=TIMEOUT_MS)
    assert viewer.view.source is not None and viewer.view.source.pixels[150, 150] == 4000


def test_ecg_and_pdf_open_in_their_viewers(qtbot: QtBot, ecg_path: Path, tmp_path: Path) -> None:
    ecg = open_viewer(ecg_path, None)
    assert isinstance(ecg, EcgViewer)
    qtbot.addWidget(ecg)
    pdf = make_pdf(["12-Kanal-EKG"])
    for name, data in (("bare.pdf", pdf), ("encapsulated.dcm", encapsulated(pdf))):
        path = tmp_path / name
        path.write_bytes(data)
        viewer = open_viewer(path, None)
        assert isinstance(viewer, PdfViewer)  # shown inside the app, nothing exported
        qtbot.addWidget(viewer)
        assert viewer.page_count == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not a dicom file at all" * 20, "is not a DICOM file"),
        (None, "cut short"),  # a DX cut inside its pixel data
    ],
)
def test_hostile_files_show_a_clear_error(
    qtbot: QtBot, tmp_path: Path, dx_path: Path, content: bytes | None, message: str
) -> None:
    path = tmp_path / "broken.dcm"
    path.write_bytes(content if content is not None else dx_path.read_bytes()[:200_000])
    window = ViewerWindow(path, None)
    qtbot.addWidget(window)
    shown = window.viewer
    text = (
        shown.view.error_text if isinstance(shown, ImageViewer) else shown.text()  # type: ignore[attr-defined]
    )
    assert isinstance(shown, ErrorNotice | ImageViewer)
    assert message in text


def test_declared_huge_image_is_refused(qtbot: QtBot, tmp_path: Path) -> None:
    ds = generators.make_dx(8, 8)
    ds.Rows = ds.Columns = 60000
    path = tmp_path / "huge.dcm"
    ds.save_as(path, enforce_file_format=True)
    notice = open_viewer(path, None)
    qtbot.addWidget(notice)
    assert isinstance(notice, ErrorNotice) and "MAX_FRAME_BYTES" in notice.text()


def test_zooming_in_fetches_full_resolution_from_the_detail_worker(
    qtbot: QtBot, tmp_path: Path, worker: DecodeWorker
) -> None:
    path = tmp_path / "checker.dcm"
    generators.compressed(checker_dx(), uid.JPEGLSLossless).save_as(path, enforce_file_format=True)
    with DecodeWorker(processes=1, max_size=FULL_RESOLUTION) as detail_worker:
        viewer = ImageViewer(path, worker, detail_worker=detail_worker)
        qtbot.addWidget(viewer)
        viewer.resize(900, 700)
        viewer.show()
        view = viewer.view
        qtbot.waitUntil(lambda: view.source is not None, timeout=TIMEOUT_MS)
        assert view.detail is None
        qtbot.keyClick(view, Qt.Key.Key_1)
        view.repaint()  # the paint notices the magnification and asks for detail
        qtbot.waitUntil(lambda: view.detail is not None, timeout=TIMEOUT_MS)
        assert view.detail is not None and view.detail.source.pixels.shape == (300, 2100)
        rgb = qimage_to_array(view.render_image(view.size()))
        row = rgb[view.height() // 2, 100:110, 0].tolist()
        assert sorted(set(row)) == [0, 255]
