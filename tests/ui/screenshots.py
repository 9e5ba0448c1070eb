"""Render the documentation screenshots offscreen: `python -m tests.ui.screenshots [DIR]`.

Writes docs/screenshots/viewer-*.png from synthetic and pydicom-shipped data with the
same painting code the viewer uses. Not a test; kept beside the tests for their data.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from pydicom.data import get_testdata_file
from pydicom.dataset import Dataset
from PySide6.QtCore import QPointF, QSize
from PySide6.QtWidgets import QApplication

from desktop_app.ui.viewers.ecg_layout import Layout
from desktop_app.ui.viewers.image_viewer import ImageViewer
from desktop_app.ui.viewers.measure import AngleMark, DistanceMark
from desktop_app.ui.viewers.render import ecg_viewer_for, image_view_for
from tests.medical import generators


def _phantom(rows: int, columns: int) -> NDArray[np.uint16]:
    """A chest-like MONOCHROME1 phantom: air high (dark), bone low (bright)."""
    y, x = np.mgrid[0:rows, 0:columns].astype(np.float32)
    u, v = (x - columns / 2) / (columns / 2), (y - rows * 0.55) / (rows / 2)
    values = np.full((rows, columns), 3900.0, np.float32)
    body = (u / 0.9) ** 2 + (v / 0.95) ** 2 < 1
    values[body] = 2300
    for side in (-1, 1):
        lung = ((u - side * 0.38) / 0.3) ** 2 + ((v + 0.1) / 0.62) ** 2 < 1
        values[lung] = 3150 - 250 * np.exp(-(((u[lung] - side * 0.38) / 0.2) ** 2))
        for k in range(9):  # ribs: arcs across each lung
            arc = np.abs(v + 0.65 - 0.15 * k - 0.18 * (u * side) ** 2) < 0.018
            values[arc & (np.abs(u - side * 0.38) < 0.33)] -= 700
    heart = ((u + 0.08) / 0.3) ** 2 + ((v - 0.12) / 0.28) ** 2 < 1
    values[heart & body] = 2000
    values[np.abs(u) < 0.06] = 1300  # spine
    clavicle = np.abs(v + 0.72 + 0.1 * u**2) < 0.02
    values[clavicle & (np.abs(u) < 0.6)] = 1100
    rng = np.random.default_rng(1)
    values += rng.normal(0, 30, values.shape).astype(np.float32)
    return values.clip(0, 4095).astype(np.uint16)


def chest_dx(rows: int = 1500, columns: int = 1250) -> Dataset:
    ds = generators.make_dx(rows, columns)
    ds.ImagerPixelSpacing = [0.278, 0.278]
    del ds.EstimatedRadiographicMagnificationFactor
    ds.StudyDescription = "Thorax p.a."
    ds.SeriesDescription = "Thorax p.a. stehend"
    ds.WindowCenter, ds.WindowWidth = [2600, 2300], [2800, 1400]
    ds.PixelData = _phantom(rows, columns).tobytes()
    return ds


def main(argv: list[str]) -> None:
    target = Path(argv[0] if argv else "docs/screenshots")
    target.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or QApplication([])
    dx = generators.to_bytes(chest_dx())

    view = image_view_for(dx)
    view.resize(QSize(900, 1000))
    view.editor.marks.append(DistanceMark(QPointF(330, 820), QPointF(760, 820)))
    view.editor.marks.append(AngleMark(QPointF(200, 785), QPointF(240, 1092), QPointF(386, 1215)))
    view.render_image(QSize(900, 1000)).save(str(target / "viewer-dx.png"))

    path = target / ".dx.dcm"
    path.write_bytes(dx)
    try:
        viewer = ImageViewer(path, None)
        viewer.metadata.show()
        viewer.resize(1300, 900)
        viewer.show()
        app.processEvents()
        viewer.grab().save(str(target / "viewer-window.png"))
    finally:
        path.unlink()

    ecg_file = Path(str(get_testdata_file("waveform_ecg.dcm")))
    ecg = ecg_viewer_for(ecg_file, Layout.THREE_BY_FOUR)
    canvas = ecg.canvas
    rhythm = canvas.sheet.strips[-1]  # lead II, 10 s
    samples = rhythm.lead.samples_mv
    rate = rhythm.lead.sample_rate_hz
    peaks = [
        i
        for i in range(1, len(samples) - 1)
        if samples[i] > 0.8 and samples[i - 1] <= samples[i] > samples[i + 1]
    ]
    first, second = peaks[0], next(p for p in peaks if p > peaks[0] + rate * 0.3)
    paper = canvas.paper
    base = rhythm.baseline_mm * paper.px_per_mm

    def x(i: int) -> float:
        return rhythm.x_mm * paper.px_per_mm + i / rate * paper.px_per_s

    # RR interval on the rhythm strip, and the R amplitude of the second beat
    canvas.set_caliper(
        QPointF(x(first), base),
        QPointF(x(second), base - samples[second] * paper.px_per_mv),
    )
    ecg.render_image().save(str(target / "viewer-ecg-3x4.png"))
    ecg.resize(1300, 640)
    ecg.show()
    app.processEvents()
    ecg.grab().save(str(target / "viewer-ecg-window.png"))
    print(f"wrote screenshots to {target}/")


if __name__ == "__main__":
    main(sys.argv[1:])
