"""The ECG viewer: paper canvas with calipers, speed/gain/layout controls, device findings.

EcgCanvas caches the painted sheet (grid, pulses, labels, traces) as a pixmap and only
re-paints it when layout, speed, gain or scale change; a caliper drag repaints the
cached pixmap plus the caliper lines, so it stays smooth on long recordings.
Calipers: drag with the left button; the readout is the time between the two
vertical lines (ms and rate) and the voltage between the two horizontal ones (mV).
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QPointF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop_app.medical.ecg import EcgRecording
from desktop_app.ui.viewers.ecg_layout import (
    GAINS_MM_MV,
    MAX_SECONDS,
    SPEEDS_MM_S,
    Layout,
    Paper,
    Sheet,
    plan,
    time_span,
)
from desktop_app.ui.viewers.ecg_paper import paint_sheet
from desktop_app.ui.viewers.ecg_terms import measurement_name, number

CALIPER = QColor(0, 90, 200)
DEFAULT_PX_PER_MM = 4.0
ZOOMS_PX_PER_MM = (1.5, 2.0, 3.0, 4.0, 6.0, 8.0)
UNLIMITED = 16_777_215  # Qt's QWIDGETSIZE_MAX, which PySide6 does not export
"""1.5: the whole 3x4 sheet (about 260 mm) in half of a 1280 px ward screen (compare)."""


@dataclass(frozen=True)
class CaliperReading:
    duration_ms: float
    amplitude_mv: float

    def __str__(self) -> str:
        rate = f"  {60000.0 / self.duration_ms:.0f}/min" if self.duration_ms >= 1 else ""
        return f"{self.duration_ms:.0f} ms{rate}  {self.amplitude_mv:+.2f} mV"


class EcgCanvas(QWidget):
    """One sheet of ECG paper at a fixed pixels-per-millimetre scale."""

    caliper_changed = Signal(str)

    def __init__(self, recording: EcgRecording, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.recording = recording
        self.layout_kind = Layout.THREE_BY_FOUR
        self.paper = Paper(px_per_mm=DEFAULT_PX_PER_MM)
        self.from_s = 0.0
        self.sheet: Sheet = plan(recording, self.layout_kind, self.paper)
        self._cache: QPixmap | None = None
        self.sheet_renders = 0  # how often the cached sheet was painted (tests, bench)
        self.caliper: tuple[QPointF, QPointF] | None = None
        self._dragging = False
        self.setCursor(Qt.CursorShape.CrossCursor)
        self._relayout()

    # ------------------------------------------------------------------ settings
    def configure(
        self,
        layout: Layout | None = None,
        speed_mm_s: float | None = None,
        gain_mm_mv: float | None = None,
        px_per_mm: float | None = None,
        from_s: float | None = None,
    ) -> None:
        self.layout_kind = layout or self.layout_kind
        self.from_s = self.from_s if from_s is None else from_s
        self.paper = Paper(
            speed_mm_s or self.paper.speed_mm_s,
            gain_mm_mv or self.paper.gain_mm_mv,
            px_per_mm or self.paper.px_per_mm,
        )
        self._relayout()

    def _relayout(self) -> None:
        self.sheet = plan(self.recording, self.layout_kind, self.paper, self.from_s)
        self._cache = None
        self.caliper = None
        self.caliper_changed.emit("")
        image = self.sheet_image()
        self.setFixedSize(image.size())
        self.update()

    def sheet_image(self) -> QImage:
        """The painted sheet without calipers (painted once per setting, then cached)."""
        if self._cache is None:
            self._cache = QPixmap.fromImage(paint_sheet(self.sheet, self.paper))
            self.sheet_renders += 1
        return self._cache.toImage()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return self.size()

    # ------------------------------------------------------------------ calipers
    def reading(self) -> CaliperReading | None:
        if self.caliper is None:
            return None
        a, b = self.caliper
        return CaliperReading(
            abs(b.x() - a.x()) / self.paper.px_per_s * 1000.0,
            (a.y() - b.y()) / self.paper.px_per_mv,
        )

    def set_caliper(self, start: QPointF, end: QPointF) -> None:
        """Place the calipers (canvas pixels), as a drag from `start` to `end` would."""
        self.caliper = (start, end)
        self._caliper_moved()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if event.button() == Qt.MouseButton.LeftButton:
            self.caliper = (event.position(), event.position())
            self._dragging = True
            self._caliper_moved()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if self._dragging and self.caliper is not None:
            self.caliper = (self.caliper[0], event.position())
            self._caliper_moved()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if event.button() == Qt.MouseButton.LeftButton:
            self._dragging = False

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        self.caliper = None
        self._caliper_moved()

    def _caliper_moved(self) -> None:
        reading = self.reading()
        self.caliper_changed.emit("" if reading is None else str(reading))
        self.update()

    # ------------------------------------------------------------------ painting
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        self.paint(painter)
        painter.end()

    def paint(self, painter: QPainter) -> None:
        if self._cache is None:
            self.sheet_image()
        assert self._cache is not None
        painter.drawPixmap(0, 0, self._cache)
        self.paint_caliper(painter)

    def paint_caliper(self, painter: QPainter) -> None:
        reading = self.reading()
        if self.caliper is None or reading is None:
            return
        a, b = self.caliper
        painter.save()
        pen = QPen(CALIPER, 1.0, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        height, width = float(self.height()), float(self.width())
        for x in (a.x(), b.x()):
            painter.drawLine(QPointF(x, 0), QPointF(x, height))
        left, right = min(a.x(), b.x()) - 20, max(a.x(), b.x()) + 20
        for y in (a.y(), b.y()):
            painter.drawLine(QPointF(max(left, 0), y), QPointF(min(right, width), y))
        font = QFont(painter.font())
        font.setPixelSize(14)
        font.setBold(True)
        painter.setFont(font)
        text = str(reading)
        where = QPointF(max(a.x(), b.x()) + 6, min(a.y(), b.y()) - 6)
        box = painter.fontMetrics().boundingRect(text)
        where.setX(min(where.x(), width - box.width() - 4))
        where.setY(max(where.y(), box.height()))
        painter.fillRect(
            box.translated(where.toPoint()).adjusted(-3, -2, 3, 2), QColor(255, 255, 255, 220)
        )
        painter.setPen(CALIPER)
        painter.drawText(where, text)
        painter.restore()


def _unit(unit: str) -> str:
    """UCUM to what a reader expects: "deg" is shown as "°" (attached), others spaced."""
    return "°" if unit == "deg" else f" {unit}"


def _hz(value: float | None) -> str:
    return "?" if value is None else f"{number(value)} Hz"


def findings_html(recording: EcgRecording, paper: Paper, title: str) -> str:
    """The device's measurements, statements and filters, for the panel beside the trace."""
    heads = {
        "measurements": QCoreApplication.translate("EcgFindings", "Device measurements"),
        "statements": QCoreApplication.translate("EcgFindings", "Device statements"),
        "filters": QCoreApplication.translate("EcgFindings", "Filters"),
        "skipped": QCoreApplication.translate("EcgFindings", "Not shown"),
    }
    notch = QCoreApplication.translate("EcgFindings", "notch %1")
    notch_off = QCoreApplication.translate("EcgFindings", "notch off")
    parts = [f"<b>{html.escape(title)}</b>"] if title else []
    parts.append(f"{number(paper.speed_mm_s)} mm/s &nbsp; {number(paper.gain_mm_mv)} mm/mV")
    if recording.measurements:
        rows = "".join(
            f"<tr><td style='padding-right:8px'>{html.escape(measurement_name(m.name))}</td>"
            f"<td align='right'>{number(m.value)}"
            f"{html.escape(_unit(m.unit))}</td></tr>"
            for m in recording.measurements
        )
        parts.append(f"<b>{heads['measurements']}</b><table>{rows}</table>")
    if recording.statements:
        items = "".join(f"<li>{html.escape(s)}</li>" for s in recording.statements)
        parts.append(f"<b>{heads['statements']}</b><ul style='margin-left:-20px'>{items}</ul>")
    filters = [
        f"{_hz(f.low_hz)}–{_hz(f.high_hz)}, "
        + (notch.replace("%1", _hz(f.notch_hz)) if f.notch_hz else notch_off)
        for f in recording.filters
        if f.low_hz is not None or f.high_hz is not None
    ]
    if filters:
        parts.append(f"<b>{heads['filters']}</b><br>" + "<br>".join(map(html.escape, filters)))
    if recording.skipped:
        skipped = "<br>".join(html.escape(s) for s in recording.skipped)
        parts.append(f"<b>{heads['skipped']}</b><br>{skipped}")
    return "<br><br>".join(parts)


class EcgViewer(QWidget):
    """Controls on top, the paper in a scroll area, the device's findings beside it."""

    def __init__(
        self, recording: EcgRecording, title: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.title = title
        self.canvas = EcgCanvas(recording)
        self.layout_box = QComboBox()
        self.layout_box.addItems([layout.value for layout in Layout])
        self.speed_box = QComboBox()
        self.speed_box.addItems([f"{s:g} mm/s" for s in SPEEDS_MM_S])
        self.speed_box.setCurrentIndex(SPEEDS_MM_S.index(25.0))
        self.gain_box = QComboBox()
        self.gain_box.addItems([f"{g:g} mm/mV" for g in GAINS_MM_MV])
        self.gain_box.setCurrentIndex(GAINS_MM_MV.index(10.0))
        self.zoom_box = QComboBox()
        for zoom in ZOOMS_PX_PER_MM:
            self.zoom_box.addItem(f"{zoom:g} px/mm", zoom)
        self.zoom_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.zoom_box.setCurrentIndex(ZOOMS_PX_PER_MM.index(DEFAULT_PX_PER_MM))
        first, last = time_span(recording)
        self.page = QDoubleSpinBox()  # where a long (ambulatory) recording's page starts
        self.page.setRange(0.0, max(0.0, last - first - MAX_SECONDS))
        self.page.setSingleStep(MAX_SECONDS)
        self.page.setDecimals(1)
        self.page.setSuffix(" s")
        long_recording = last - first > MAX_SECONDS
        self.caliper_label = QLabel(self.tr("Drag on the trace to measure"))
        self.findings = QLabel()
        self.findings.setTextFormat(Qt.TextFormat.RichText)
        self.findings.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.findings.setWordWrap(True)
        self.findings.setFixedWidth(230)
        self.findings.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        self.findings.setStyleSheet("background: white; color: black; padding: 6px;")
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidget(self.canvas)
        self.scroll_area.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)

        bar = QHBoxLayout()
        for text, box in ((self.tr("Layout"), self.layout_box), (self.tr("Speed"), self.speed_box)):
            bar.addWidget(QLabel(text))
            bar.addWidget(box)
        for text, box in ((self.tr("Gain"), self.gain_box), (self.tr("Scale"), self.zoom_box)):
            bar.addWidget(QLabel(text))
            bar.addWidget(box)
        if long_recording:
            bar.addWidget(QLabel(self.tr("From (of %1 s)").replace("%1", f"{last - first:.0f}")))
            bar.addWidget(self.page)
        bar.addStretch(1)
        bar.addWidget(self.caliper_label)
        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.body.addWidget(self.scroll_area, 1)
        self.body.addWidget(self.findings)
        outer = QVBoxLayout(self)
        outer.addLayout(bar)
        outer.addLayout(self.body, 1)

        self.layout_box.currentTextChanged.connect(self._settings_changed)
        self.speed_box.currentIndexChanged.connect(self._settings_changed)
        self.gain_box.currentIndexChanged.connect(self._settings_changed)
        self.zoom_box.currentIndexChanged.connect(self._settings_changed)
        self.page.valueChanged.connect(self._settings_changed)
        self.canvas.caliper_changed.connect(self._show_reading)
        self._update_findings()

    def set_layout(self, layout: Layout) -> None:
        self.layout_box.setCurrentText(layout.value)

    def findings_below(self) -> None:
        """The findings under the sheet, as wide as the pane: beside it in half of the
        compare window they took 230 px of the sheet's width, which then had to shrink."""
        self.body.setDirection(QBoxLayout.Direction.TopToBottom)
        self.findings.setMinimumWidth(0)
        self.findings.setMaximumWidth(UNLIMITED)
        self.findings.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

    def fit_sheet(self) -> None:
        """The scale at which the whole sheet fills the visible paper, width and height,
        as a Scale entry of its own ("Fit: 2.6 px/mm"): in half of the compare window
        4 px/mm showed only the limb leads, and the largest fixed step that fitted
        (1.5 px/mm) left the sheet small in a pane of empty paper."""
        room = self.scroll_area.viewport().size()
        now = self.canvas.paper.px_per_mm
        mm_wide, mm_high = self.canvas.width() / now, self.canvas.height() / now
        fitted = min(room.width() / mm_wide, room.height() / mm_high)
        scale = max(ZOOMS_PX_PER_MM[0], math.floor(fitted * 10) / 10)
        text = self.tr("Fit: %1 px/mm").replace("%1", f"{scale:g}")
        if self.zoom_box.count() == len(ZOOMS_PX_PER_MM):
            self.zoom_box.addItem(text, scale)
        else:
            self.zoom_box.setItemText(len(ZOOMS_PX_PER_MM), text)
            self.zoom_box.setItemData(len(ZOOMS_PX_PER_MM), scale)
        if self.zoom_box.currentIndex() == len(ZOOMS_PX_PER_MM):
            self._settings_changed()  # the same entry, a new scale
        self.zoom_box.setCurrentIndex(len(ZOOMS_PX_PER_MM))

    def _settings_changed(self) -> None:
        self.canvas.configure(
            Layout(self.layout_box.currentText()),
            SPEEDS_MM_S[self.speed_box.currentIndex()],
            GAINS_MM_MV[self.gain_box.currentIndex()],
            float(self.zoom_box.currentData()),
            self.page.value(),
        )
        self._update_findings()

    def _update_findings(self) -> None:
        self.findings.setText(findings_html(self.canvas.recording, self.canvas.paper, self.title))

    def _show_reading(self, text: str) -> None:
        self.caliper_label.setText(text or self.tr("Drag on the trace to measure"))

    def render_image(self) -> QImage:
        """Headless: the whole sheet (not just the scrolled part) with the findings beside it."""
        sheet = self.canvas.sheet_image()
        self.findings.resize(self.findings.width(), sheet.height())
        panel = self.findings.grab().toImage()
        image = QImage(sheet.width() + panel.width(), sheet.height(), QImage.Format.Format_RGB32)
        image.fill(QColor(255, 255, 255))
        painter = QPainter(image)
        painter.drawImage(0, 0, sheet)
        self.canvas.paint_caliper(painter)
        painter.drawImage(sheet.width(), 0, panel)
        painter.end()
        return image
