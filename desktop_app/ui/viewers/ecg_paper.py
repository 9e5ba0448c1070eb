"""Paints a planned ECG sheet (ecg_layout.Sheet) onto a QImage: grid, pulses, labels, traces.

The result is cached by the canvas and redrawn only when layout, speed, gain or scale
change; calipers are painted over it. Calibration pulses are drawn without
antialiasing on whole pixels so a 1 mV pulse is exactly gain x px_per_mm pixels tall,
which is what a user checks with a ruler and what the tests check in the pixels.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QLineF, QPointF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen, QPolygonF

from desktop_app.ui.viewers.ecg_layout import GRID_MM, Paper, Sheet, decimate, runs

PAPER = QColor(255, 251, 250)
MINOR = QColor(252, 212, 212)
MAJOR = QColor(236, 150, 150)
INK = QColor(0, 0, 0)
LABEL = QColor(20, 20, 120)


def sheet_size(sheet: Sheet, paper: Paper) -> tuple[int, int]:
    return (
        math.ceil(sheet.width_mm * paper.px_per_mm) + 1,
        math.ceil(sheet.height_mm * paper.px_per_mm) + 1,
    )


def baseline_px(baseline_mm: float, paper: Paper) -> int:
    return round(baseline_mm * paper.px_per_mm)


def pulse_rect(sheet: Sheet, paper: Paper, row: int) -> tuple[int, int, int, int]:
    """(left x, top y, right x, baseline y) of the 1 mV pulse of `row`, in pixels."""
    base = baseline_px(sheet.baselines_mm[row], paper)
    left = round((sheet.pulse_x_mm + 1.0) * paper.px_per_mm)
    right = left + round(sheet.pulse_width_mm * paper.px_per_mm)
    return left, base - round(paper.px_per_mv), right, base


def _grid(painter: QPainter, sheet: Sheet, paper: Paper, width: int, height: int) -> None:
    lines: dict[bool, list[QLineF]] = {False: [], True: []}
    steps_x = int(sheet.width_mm) + 1
    steps_y = int(sheet.height_mm) + 1
    for mm in range(steps_x):
        x = mm * paper.px_per_mm
        lines[mm % int(GRID_MM) == 0].append(QLineF(x, 0, x, height))
    for mm in range(steps_y):
        y = mm * paper.px_per_mm
        lines[mm % int(GRID_MM) == 0].append(QLineF(0, y, width, y))
    if paper.px_per_mm >= 2.0:  # below that the 1 mm lines merge into a pink wash
        painter.setPen(QPen(MINOR, 1.0))
        painter.drawLines(lines[False])
    painter.setPen(QPen(MAJOR, 1.0))
    painter.drawLines(lines[True])


def _pulses(painter: QPainter, sheet: Sheet, paper: Paper) -> None:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    pen = QPen(INK, 1.0)
    pen.setCosmetic(True)
    painter.setPen(pen)
    lead_in = round(paper.px_per_mm)
    for row in range(len(sheet.baselines_mm)):
        left, top, right, base = pulse_rect(sheet, paper, row)
        points = [
            QPointF(left - lead_in, base),
            QPointF(left, base),
            QPointF(left, top),
            QPointF(right, top),
            QPointF(right, base),
            QPointF(right + lead_in, base),
        ]
        painter.drawPolyline(QPolygonF(points))


def _traces(painter: QPainter, sheet: Sheet, paper: Paper) -> None:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    # Separate segments, not one polyline: Qt strokes a wide polyline with joins in
    # ~600 ms for 4000 points, the same segments with round caps in ~6 ms.
    pen = QPen(INK, max(1.0, paper.px_per_mm * 0.3))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    for strip in sheet.strips:
        xs, mv = decimate(strip.lead, strip.t0, strip.t1, paper.px_per_s)
        x = xs + strip.x_mm * paper.px_per_mm
        y = baseline_px(strip.baseline_mm, paper) - mv * paper.px_per_mv
        for a, b in runs(x, y):
            ends = np.column_stack((x[a : b - 1], y[a : b - 1], x[a + 1 : b], y[a + 1 : b]))
            painter.drawLines([QLineF(*segment) for segment in ends.tolist()])


def _labels(painter: QPainter, sheet: Sheet, paper: Paper) -> None:
    font = QFont(painter.font())
    font.setPixelSize(max(9, round(3.2 * paper.px_per_mm)))
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(LABEL)
    tick = 2.5 * paper.px_per_mm
    for strip in sheet.strips:
        x = strip.x_mm * paper.px_per_mm
        base = baseline_px(strip.baseline_mm, paper)
        label_y = base - 0.45 * paper.px_per_mm * max(10.0, 1.8 * paper.gain_mm_mv)
        painter.drawText(QPointF(x + 1.5 * paper.px_per_mm, label_y), strip.lead.name)
        if strip.x_mm > sheet.trace_x_mm:  # column boundary marker, as printed by carts
            painter.drawLine(QLineF(x, base - tick, x, base + tick))


def paint_sheet(sheet: Sheet, paper: Paper) -> QImage:
    """The whole sheet at paper.px_per_mm, ready to be cached as the canvas background."""
    width, height = sheet_size(sheet, paper)
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(PAPER)
    painter = QPainter(image)
    _grid(painter, sheet, paper, width, height)
    _pulses(painter, sheet, paper)
    _labels(painter, sheet, paper)
    _traces(painter, sheet, paper)
    painter.end()
    return image
