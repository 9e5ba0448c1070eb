"""`wardlink view` as a user runs it: real processes, PNG files, one-line errors."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from pydicom import uid
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from desktop_app.cli import build_parser
from desktop_app.medical.greyscale import Window
from desktop_app.medical.worker import DecodeWorker
from desktop_app.ui.viewers import cli_entry
from desktop_app.ui.viewers.image_viewer import ImageViewer
from desktop_app.ui.viewers.qimage import qimage_to_array
from desktop_app.ui.viewers.render import image_view_for, render_file
from tests.medical import generators
from tests.medical.test_documents import PDF, encapsulated
from tests.ui.pdf_samples import make_pdf


def wardlink(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WARDLINK_")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    return subprocess.run(
        [sys.executable, "-m", "desktop_app", "view", *args],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=120,
        check=False,
    )


def test_png_of_an_image_and_of_an_ecg(tmp_path: Path, dx_path: Path, ecg_path: Path) -> None:
    out = tmp_path / "dx.png"
    done = wardlink(str(dx_path), "--png", str(out), "--window", "1000,1000")
    assert done.returncode == 0, done.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1024, 1024)
    ecg_out = tmp_path / "ecg.png"
    done = wardlink(str(ecg_path), "--png", str(ecg_out), "--layout", "6x2")
    assert done.returncode == 0, done.stderr
    assert QImage(str(ecg_out)).width() > 1000


def test_info_prints_the_summary_without_qt(dx_path: Path) -> None:
    done = wardlink(str(dx_path), "--info")
    assert done.returncode == 0, done.stderr
    assert "Patient ID       PID-4711" in done.stdout
    assert "Window           LUNG: C 1000 / W 1000 LINEAR" in done.stdout


def test_bad_inputs_exit_non_zero_with_one_line(tmp_path: Path, dx_path: Path) -> None:
    junk = tmp_path / "junk.dcm"
    junk.write_bytes(b"MZ" + b"\0" * 500)
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(PDF)  # a bare header and trailer: no pages
    cut = tmp_path / "cut.dcm"
    cut.write_bytes(dx_path.read_bytes()[:100_000])
    cases = {
        junk: "is not a DICOM file",
        pdf: "the PDF report.pdf is damaged or not a valid PDF",
        cut: "cut short",
        tmp_path / "missing.dcm": "cannot read missing.dcm",
    }
    for path, message in cases.items():
        done = wardlink(str(path), "--png", str(tmp_path / "x.png"))
        assert done.returncode == 1, (path, done.stdout)
        assert done.stderr.count("\n") == 1 and message in done.stderr, done.stderr
        assert "Traceback" not in done.stderr
    done = wardlink(str(dx_path), "--png", str(tmp_path / "x.png"), "--frame", "3")
    assert done.returncode == 1 and "has 1 frame(s); frame 3 does not exist" in done.stderr
    done = wardlink(str(dx_path), "--window", "wide")
    assert done.returncode == 2 and "CENTER,WIDTH" in done.stderr


def test_render_applies_frame_and_window(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "cine.dcm"
    generators.make_multiframe(frames=4, rows=64, columns=48).save_as(
        path, enforce_file_format=True
    )
    # frame 2 holds 200 + row; the window 200..264 turns the rows into a dark-to-bright ramp
    image = render_file(path, frame=2, window=Window(232, 64), size=QSize(480, 640))
    rgb = qimage_to_array(image)
    # fit: 9.8 screen px per image px, centred; image row r is at y = 320 + (r - 32) * 9.8
    column = [int(rgb[round(320 + (r + 0.5 - 32) * 9.8), 240, 0]) for r in range(64)]
    assert column[0] == 0 and column[63] == 255
    assert column[32] == round((232 - 231.5) / 63 * 255 + 127.5)  # LINEAR at the centre
    assert all(a <= b for a, b in itertools.pairwise(column))


def test_without_png_the_viewer_window_opens(qtbot: QtBot, dx_path: Path) -> None:
    """`wardlink view FILE` builds this window, shows it and runs the event loop."""
    args = build_parser().parse_args(["view", str(dx_path), "--window", "1000,1000"])
    with DecodeWorker(processes=1) as worker:
        window = cli_entry.open_window(args, worker)
        qtbot.addWidget(window)
        window.show()
        assert window.windowTitle() == "thorax.dcm — WardLink"
        viewer = window.viewer
        assert isinstance(viewer, ImageViewer)
        qtbot.waitUntil(lambda: viewer.view.source is not None, timeout=30_000)
        assert viewer.view.overlay_texts()["bottom-right"][0] == "C 1000 / W 1000"


def test_compressed_png_is_decoded_in_the_worker_process(tmp_path: Path) -> None:
    path = tmp_path / "jls.dcm"
    ds = generators.compressed(generators.make_dx(300, 200), uid.JPEGLSLossless)
    ds.save_as(path, enforce_file_format=True)
    out = tmp_path / "jls.png"
    done = wardlink(str(path), "--png", str(out), "--window", "4000,100")
    assert done.returncode == 0, done.stderr
    rgb = qimage_to_array(QImage(str(out)))
    # fit: 3.345 px per pixel, image at x 177.5, y 10.2; the 4000 square's centre (150, 150)
    # is at (679, 512). MONOCHROME1, window 3950..4050: 4000 is mid-grey, the ramp white.
    assert rgb[512, 679].tolist() == [126, 126, 126]
    assert rgb[512, 300].tolist() == [255, 255, 255]


@pytest.fixture
def worker_bytes() -> bytes:
    dx = generators.make_dx(300, 200)
    return generators.to_bytes(generators.compressed(dx, uid.JPEG2000Lossless))


def test_render_with_a_worker_matches_in_process(qtbot: QtBot, worker_bytes: bytes) -> None:
    with DecodeWorker(processes=1) as worker:
        remote = image_view_for(worker_bytes, worker=worker).displayed_pixels()
    local = image_view_for(worker_bytes).displayed_pixels()
    assert remote is not None and local is not None and np.array_equal(remote, local)


def test_png_and_info_of_a_pdf_and_an_encapsulated_pdf(tmp_path: Path, qtbot: QtBot) -> None:
    letter = make_pdf(["Seite eins", "Sinusrhythmus 72/min"], title="EKG-Befund")
    paths = (tmp_path / "befund.pdf", tmp_path / "befund.dcm")
    paths[0].write_bytes(letter)
    paths[1].write_bytes(encapsulated(letter))
    for path in paths:
        out = tmp_path / f"{path.stem}-{path.suffix[1:]}.png"
        done = wardlink(str(path), "--png", str(out), "--page", "2")
        assert done.returncode == 0, done.stderr
        pixels = qimage_to_array(QImage(str(out)))[..., :3].min(axis=-1)
        assert pixels.shape == (1024, 723)
        assert int(np.count_nonzero(pixels[30:130, 30:600] < 100)) > 500  # the page-2 text
        assert int(pixels[512:].min()) == 255
        done = wardlink(str(path), "--png", str(out), "--page", "3")
        assert done.returncode == 1 and done.stderr.count("\n") == 1, done.stderr
        assert "has 2 page(s); page 3 does not exist" in done.stderr
        done = wardlink(str(path), "--info")
        assert done.returncode == 0, done.stderr
        rows = dict(line.split(None, 1) for line in done.stdout.splitlines())
        assert rows["Pages"] == "2" and rows["Title"] == "EKG-Befund" and rows["Kind"] == "pdf"
    done = wardlink(str(paths[0]), "--png", str(tmp_path / "x.png"), "--page", "0")
    assert done.returncode == 2 and "pages are numbered from 1" in done.stderr
