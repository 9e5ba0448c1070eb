"""Viewer benchmark (issue 6): first paint, W/L frame, UI stalls, ECG paint; Qt offscreen.

Each figure stands beside a baseline measured in the same run, and the ratio is
baseline / ours (above 1 = we are faster):

  open -> first paint    ours: header, decode, display copy, LUT, QPixmap and a
                         1024x1024 paint of the ImageView; base: dcmread + pixel_array
                         (pydicom's raw decode, no display work at all)
  W/L frame              ours: set_voi (LUT on the display copy + QPixmap) + paint;
                         base: pydicom apply_modality_lut + apply_voi_lut on the frame
  UI stall               longest gap between ticks of a 2 ms QTimer on the GUI thread
                         while an ImageViewer opens a compressed file; ours: frames
                         from the DecodeWorker process; base: the same viewer decoding
                         on the GUI thread
  ECG paint              ours: the 3x4+1 sheet (grid, pulses, labels, decimated traces);
                         base: the same sheet drawing every sample; caliper: repaint of
                         the cached sheet plus the caliper overlay
  PDF page               a page at screen size and as chat thumbnail drawn by the PDF
                         renderer process (QProcess pipe, pixels back); base: the same
                         page by QtPdf in this process (bench/pdf_child.py)
Goals: <= 300 ms first paint uncompressed, <= 16 ms per W/L frame, no stall > 50 ms,
ECG <= 50 ms, PDF page at screen size <= 50 ms. Timings are medians; nothing is asserted.
"""

from __future__ import annotations

import io
import itertools
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydicom import dcmread, uid
from pydicom.data import get_testdata_file
from pydicom.pixels.processing import apply_modality_lut, apply_voi_lut
from PySide6.QtCore import QEventLoop, QLineF, QPointF, QSize, QTimer
from PySide6.QtGui import QImage, QPainter, QPen
from PySide6.QtWidgets import QApplication

from bench.bench_medical import _dx_dataset, _encoded
from bench.table import print_table
from desktop_app.medical.ecg import EcgRecording, load_ecg
from desktop_app.medical.greyscale import VoiFunction, Window
from desktop_app.medical.worker import DecodeWorker
from desktop_app.ui.viewers.ecg_layout import Layout, Paper, plan
from desktop_app.ui.viewers.ecg_paper import paint_sheet, sheet_size
from desktop_app.ui.viewers.ecg_view import EcgCanvas
from desktop_app.ui.viewers.image_view import ImageView
from desktop_app.ui.viewers.image_viewer import ImageViewer
from desktop_app.ui.viewers.render import image_view_for

PAINT = QSize(1024, 1024)
PDF_SCREEN = QSize(1000, 1414)  # an A4 page fitted to the width of the viewer window
PDF_CARD = QSize(300, 300)  # the chat card's thumbnail box


def _median_ms(action: Callable[[], Any], repeats: int) -> float:
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def _row(name: str, ours: float, base: float, note: str = "") -> list[object]:
    return [name, f"{ours:.1f}", f"{base:.1f}", f"{base / ours:.1f}x" if ours else "-", note]


def _first_paint(path: Path) -> None:
    image_view_for(path).render_image(PAINT)


def _raw_decode(path: Path) -> None:
    dcmread(path).pixel_array  # noqa: B018 (the decode is the point)


def _window_level(path: Path, repeats: int) -> list[list[object]]:
    view = image_view_for(path)
    view.render_image(PAINT)
    ds = dcmread(path)
    frame = ds.pixel_array
    windows = [Window(1500 + 40 * k, 900 + 25 * k, VoiFunction.LINEAR) for k in range(16)]
    counter = iter(range(10**9))

    def ours() -> None:
        view.set_voi(windows[next(counter) % len(windows)])

    def ours_painted() -> None:
        ours()
        view.render_image(PAINT)

    def base() -> None:
        w = windows[next(counter) % len(windows)]
        ds.WindowCenter, ds.WindowWidth = w.center, w.width
        apply_voi_lut(apply_modality_lut(frame, ds), ds)

    def ours_one_to_one() -> None:  # full-resolution crop of the visible part
        ours()
        view.render_image(PAINT)

    base_ms = _median_ms(base, max(3, repeats))
    shape = "x".join(str(v) for v in view.source.pixels.shape)  # type: ignore[union-attr]
    return [
        _row(f"W/L re-render ({shape} copy)", _median_ms(ours, 4 * repeats), base_ms, "LUT+pixmap"),
        _row("W/L re-render + 1024 px paint", _median_ms(ours_painted, 4 * repeats), base_ms),
        _one_to_one_row(view, ours_one_to_one, base_ms, repeats),
    ]


def _one_to_one_row(
    view: ImageView, action: Callable[[], None], base_ms: float, repeats: int
) -> list[object]:
    view.one_to_one()
    view.render_image(PAINT)  # fetches the full-resolution frame once
    ms = _median_ms(action, 4 * repeats)
    return _row("W/L + paint at 1:1 (full-res crop)", ms, base_ms, "1024x1024 of 3000x3000")


def _stall(app: QApplication, path: Path, worker: DecodeWorker | None) -> tuple[float, float]:
    """(ms until the first frame is on screen, longest 2 ms-tick gap in ms)."""
    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(2)
    timer.timeout.connect(tick)
    holder: list[ImageViewer] = []
    loop = QEventLoop()

    def open_viewer() -> None:
        viewer = ImageViewer(path, worker)
        viewer.resize(1024, 900)
        viewer.show()
        holder.append(viewer)

    def check() -> None:
        if holder and holder[0].view.source is not None:
            holder[0].view.repaint()
            loop.quit()

    poll = QTimer()
    poll.setInterval(1)
    poll.timeout.connect(check)
    timer.start()
    poll.start()
    for _ in range(20):  # let the ticker settle
        app.processEvents()
        time.sleep(0.002)
    start = time.perf_counter()
    QTimer.singleShot(0, open_viewer)
    loop.exec()
    took = (time.perf_counter() - start) * 1000
    timer.stop()
    poll.stop()
    holder[0].close()
    holder[0].deleteLater()
    app.processEvents()
    return took, max(gaps) * 1000


def _naive_sheet(recording: EcgRecording, paper: Paper) -> QImage:
    """Every sample of every strip as one line segment: the baseline for decimation."""
    sheet = plan(recording, Layout.THREE_BY_FOUR, paper)
    image = QImage(*sheet_size(sheet, paper), QImage.Format.Format_RGB32)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    pen = QPen()
    pen.setWidthF(max(1.0, paper.px_per_mm * 0.3))
    painter.setPen(pen)
    for strip in sheet.strips:
        lead = strip.lead
        rate = lead.sample_rate_hz
        first, last = round(strip.t0 * rate), round(strip.t1 * rate)
        base = strip.baseline_mm * paper.px_per_mm
        x0 = strip.x_mm * paper.px_per_mm
        points = [
            QPointF(x0 + (i / rate - strip.t0) * paper.px_per_s, base - v * paper.px_per_mv)
            for i, v in enumerate(lead.samples_mv[first:last].tolist(), start=first)
            if v == v
        ]
        painter.drawLines([QLineF(a, b) for a, b in itertools.pairwise(points)])
    painter.end()
    return image


def _ecg(repeats: int) -> list[list[object]]:
    from tests.medical.ecg_generator import make_ecg

    buffer = io.BytesIO()
    make_ecg().save_as(buffer, enforce_file_format=True)
    shipped = Path(str(get_testdata_file("waveform_ecg.dcm")))
    rows = []
    paper = Paper(px_per_mm=4.0)
    for name, source in (
        ("generated 12-lead 500 Hz", buffer.getvalue()),
        ("waveform_ecg.dcm 1000 Hz", shipped),
    ):
        recording = load_ecg(source)

        def ours_sheet(r: EcgRecording = recording) -> None:
            paint_sheet(plan(r, Layout.THREE_BY_FOUR, paper), paper)

        ours = _median_ms(ours_sheet, repeats)
        base = _median_ms(lambda r=recording: _naive_sheet(r, paper), repeats)
        rows.append(_row(f"ECG 3x4+1 sheet, {name}", ours, base, "vs every sample drawn"))
    canvas = EcgCanvas(load_ecg(shipped))
    canvas.configure(px_per_mm=4.0)
    canvas.caliper = (QPointF(100, 100), QPointF(300, 60))
    image = QImage(canvas.size(), QImage.Format.Format_RGB32)

    def caliper_frame() -> None:
        painter = QPainter(image)
        canvas.paint(painter)
        painter.end()

    full = _median_ms(lambda: paint_sheet(canvas.sheet, canvas.paper), repeats)
    caliper_ms = _median_ms(caliper_frame, 4 * repeats)
    rows.append(_row("caliper move (cached sheet + overlay)", caliper_ms, full, "vs sheet repaint"))
    return rows


def main(argv: list[str]) -> None:
    repeats = 2 if "--quick" in argv else 5
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before the QApplication exists
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    ds, pixels = _dx_dataset()
    rows: list[list[object]] = []
    with tempfile.TemporaryDirectory() as tmp:
        files = {}
        for name, ts in (
            ("uncompressed", uid.ExplicitVRLittleEndian),
            ("JPEG lossless", uid.JPEGLosslessSV1),
            ("JPEG 2000 lossless", uid.JPEG2000Lossless),
        ):
            files[name] = Path(tmp) / f"{name.replace(' ', '_')}.dcm"
            files[name].write_bytes(_encoded(ds, pixels, ts))
        for name, path in files.items():
            ours = _median_ms(lambda p=path: _first_paint(p), repeats)
            base = _median_ms(lambda p=path: _raw_decode(p), repeats)
            label = f"open -> first paint, 3000x3000 DX {name}"
            rows.append(_row(label, ours, base, "vs raw pydicom decode"))
        rows += _window_level(files["uncompressed"], repeats)
        with DecodeWorker(processes=1) as worker:
            worker.warm_up()
            for name in ("JPEG lossless", "JPEG 2000 lossless"):
                base_took, base_stall = _stall(app, files[name], None)
                took, stall = _stall(app, files[name], worker)
                rows.append(
                    _row(
                        f"longest UI stall opening {name}",
                        stall,
                        base_stall,
                        f"frame shown after {took:.0f} ms (in-process {base_took:.0f} ms)",
                    )
                )
    rows += _ecg(repeats)
    rows += _pdf(repeats)
    print_table(["bench_viewers", "ours ms", "base ms", "ratio", "note"], rows)


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])


def _pdf(repeats: int) -> list[list[object]]:
    """A page at screen size (fit width in the 1280 px viewer window) and as a chat-card
    thumbnail, drawn by the renderer process (ours) against QtPdf in this process (base);
    bench/pdf_child.py says what is timed."""
    from bench.pdf_child import pdf_rows
    from tests.ui.pdf_samples import ecg_report_pdf, make_pdf

    named = [
        ("ECG cart report (grid + traces)", ecg_report_pdf()),
        ("text letter", make_pdf(["Entlassbrief", "Seite 2"])),
    ]
    sizes = [(f"at {PDF_SCREEN.width()} px", PDF_SCREEN), ("as chat thumbnail", PDF_CARD)]
    return [_row(name, ours, base, note) for name, ours, base, note in
            pdf_rows(named, sizes, repeats)]  # fmt: skip
