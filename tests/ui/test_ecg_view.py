"""The ECG viewer on paper: millimetres, calibration pulses, lead values, calipers."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPoint
from PySide6.QtCore import Qt as QtNs
from pytestqt.qtbot import QtBot

from desktop_app.medical.ecg import EcgRecording, Lead, ecg_from_dataset, load_ecg
from desktop_app.ui.viewers.ecg_layout import Layout, Paper, decimate, plan, runs
from desktop_app.ui.viewers.ecg_paper import baseline_px, pulse_rect
from desktop_app.ui.viewers.ecg_view import EcgCanvas, EcgViewer
from desktop_app.ui.viewers.qimage import qimage_to_array
from tests.medical.ecg_generator import make_ecg

PX_PER_MM = 5.0


@pytest.fixture(scope="module")
def recording() -> EcgRecording:
    return ecg_from_dataset(make_ecg())


def canvas(qtbot: QtBot, recording: EcgRecording, **settings: float) -> EcgCanvas:
    c = EcgCanvas(recording)
    qtbot.addWidget(c)
    c.configure(px_per_mm=PX_PER_MM, **settings)
    return c


def dark(rgb: np.ndarray) -> np.ndarray:
    return rgb.astype(int).sum(axis=-1) < 200  # ink, not the pink grid


@pytest.mark.parametrize(("speed", "gain"), [(25.0, 10.0), (50.0, 20.0), (12.5, 5.0)])
def test_calibration_pulse_is_gain_mm_tall_and_200_ms_wide(
    qtbot: QtBot, recording: EcgRecording, speed: float, gain: float
) -> None:
    c = canvas(qtbot, recording, speed_mm_s=speed, gain_mm_mv=gain)
    ink = dark(qimage_to_array(c.sheet_image()))
    for row in range(len(c.sheet.baselines_mm)):
        left, top, right, base = pulse_rect(c.sheet, c.paper, row)
        column = np.flatnonzero(ink[:, left])
        rising = column[(column >= top - 3) & (column <= base + 3)]
        assert rising.max() - rising.min() == round(gain * PX_PER_MM)  # 1 mV = gain mm
        assert (rising.min(), rising.max()) == (top, base)
        assert right - left == round(0.2 * speed * PX_PER_MM)  # 200 ms
        assert ink[top, left : right + 1].all()


def test_three_by_four_places_leads_and_the_rhythm_strip(recording: EcgRecording) -> None:
    sheet = plan(recording, Layout.THREE_BY_FOUR, Paper())
    names = [(s.lead.name, s.row, round(s.t0, 2)) for s in sheet.strips]
    assert names[:6] == [
        ("I", 0, 0),
        ("II", 1, 0),
        ("III", 2, 0),
        ("aVR", 0, 2.5),
        ("aVL", 1, 2.5),
        ("aVF", 2, 2.5),
    ]
    assert names[9:12] == [("V4", 0, 7.5), ("V5", 1, 7.5), ("V6", 2, 7.5)]
    rhythm = sheet.strips[-1]
    assert (rhythm.lead.name, rhythm.row, rhythm.t0, rhythm.t1) == ("II", 3, 0.0, 10.0)
    assert len(plan(recording, Layout.SIX_BY_TWO, Paper()).strips) == 12
    twelve = plan(recording, Layout.TWELVE_BY_ONE, Paper())
    assert [s.row for s in twelve.strips] == list(range(12))
    assert all(s.t1 - s.t0 == 10.0 for s in twelve.strips)


def test_trace_is_drawn_at_its_calibrated_value(qtbot: QtBot, recording: EcgRecording) -> None:
    """Lead II at t = 7.25 s is 0.2 mV * sin(14.5 pi) + 1 mV step = 1.2 mV above baseline."""
    c = canvas(qtbot, recording)
    rhythm = c.sheet.strips[-1]
    ink = dark(qimage_to_array(c.sheet_image()))
    x = round((rhythm.x_mm + 7.25 * 25.0) * PX_PER_MM)
    expected_y = baseline_px(rhythm.baseline_mm, c.paper) - 1.2 * 10.0 * PX_PER_MM
    ys = np.flatnonzero(ink[:, x])
    assert np.min(np.abs(ys - expected_y)) <= 1.5


def test_calipers_show_duration_and_amplitude_without_repainting_the_sheet(
    qtbot: QtBot, recording: EcgRecording
) -> None:
    viewer = EcgViewer(recording)
    qtbot.addWidget(viewer)
    viewer.show()
    assert viewer.canvas.paper.px_per_mm == 4.0
    renders = viewer.canvas.sheet_renders
    start = QPoint(200, 300)
    end = start + QPoint(200, -40)  # 50 mm at 25 mm/s = 2 s; 10 mm at 10 mm/mV = 1 mV
    qtbot.mousePress(viewer.canvas, QtNs.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(viewer.canvas, end)
    qtbot.mouseRelease(viewer.canvas, QtNs.MouseButton.LeftButton, pos=end)
    reading = viewer.canvas.reading()
    assert reading is not None
    assert reading.duration_ms == pytest.approx(2000.0)
    assert reading.amplitude_mv == pytest.approx(1.0)
    assert viewer.caliper_label.text() == "2000 ms  30/min  +1.00 mV"
    viewer.canvas.repaint()
    assert viewer.canvas.sheet_renders == renders  # only the overlay was redrawn
    viewer.gain_box.setCurrentIndex(2)  # 20 mm/mV: the same drag is now 0.5 mV
    assert viewer.canvas.sheet_renders == renders + 1 and viewer.canvas.reading() is None
    qtbot.mousePress(viewer.canvas, QtNs.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(viewer.canvas, end)
    qtbot.mouseRelease(viewer.canvas, QtNs.MouseButton.LeftButton, pos=end)
    assert viewer.caliper_label.text() == "2000 ms  30/min  +0.50 mV"


def test_speed_and_layout_controls_change_the_paper(qtbot: QtBot, recording: EcgRecording) -> None:
    viewer = EcgViewer(recording)
    qtbot.addWidget(viewer)
    width_25 = viewer.canvas.width()
    viewer.speed_box.setCurrentIndex(2)  # 50 mm/s
    assert viewer.canvas.paper.speed_mm_s == 50.0
    assert viewer.canvas.width() > 1.8 * width_25
    viewer.set_layout(Layout.TWELVE_BY_ONE)
    assert viewer.canvas.layout_kind is Layout.TWELVE_BY_ONE
    assert len(viewer.canvas.sheet.baselines_mm) == 12
    assert "50 mm/s" in viewer.findings.text()


def test_device_measurements_and_statements_beside_the_trace(qtbot: QtBot, ecg_path: Path) -> None:
    viewer = EcgViewer(load_ecg(ecg_path), "Mustermann, Erika")
    qtbot.addWidget(viewer)
    text = viewer.findings.text()
    for expected in ("QTc Interval", "400 ms", "QRS Axis", "60°", "Sinus rhythm", "Normal ECG"):
        assert expected in text
    assert "0.05 Hz–150 Hz, notch 50 Hz" in text
    image = viewer.render_image()
    assert image.width() == viewer.canvas.width() + viewer.findings.width()


def test_decimation_keeps_spikes_and_breaks_at_padding(recording: EcgRecording) -> None:
    samples = np.zeros(5000)
    samples[1234] = 3.0  # a one-sample spike must survive 5:1 decimation
    samples[4000:] = np.nan
    lead = Lead("X", samples, 500.0, 0.0, "", "", 0, "", recording.leads[0].filters)
    xs, ys = decimate(lead, 0.0, 10.0, Paper().px_per_s)
    assert len(xs) <= 2 * 1000 and np.nanmax(ys) == 3.0
    assert runs(xs, ys) == [(0, int(np.flatnonzero(np.isnan(ys))[0]))]
    v6 = recording.lead("V6")  # padded at the end by the generator
    xs, ys = decimate(v6, 0.0, 10.0, Paper().px_per_s)
    assert math.isnan(ys[-1]) and len(runs(xs, ys)) == 1


def test_long_recording_is_read_page_by_page_and_scale_changes(
    qtbot: QtBot, recording: EcgRecording
) -> None:
    """A 60 s two-lead (ambulatory-like) recording: 10 s per sheet, chosen with 'From'."""
    t = np.arange(60 * 250) / 250.0
    filters = recording.leads[0].filters
    leads = tuple(
        Lead(name, np.floor(t) * 0.01 * (k + 1), 250.0, 0.0, "", name, 0, "RHYTHM", filters)
        for k, name in enumerate(("I", "II"))
    )
    long = EcgRecording(leads, (filters,), (), (), (), ("RHYTHM",))
    viewer = EcgViewer(long)
    qtbot.addWidget(viewer)
    assert viewer.page.isVisibleTo(viewer) and viewer.page.maximum() == 50.0
    assert not EcgViewer(recording).page.isVisibleTo(viewer)  # 10 s: one page
    viewer.page.setValue(20.0)
    sheet = viewer.canvas.sheet
    assert sheet.start_s == 20.0 and sheet.strips[-1].t0 == 20.0 and sheet.seconds == 10.0
    # lead II is 0.02 mV * whole seconds: at 25.5 s it shows 0.5 mV above its baseline
    c = viewer.canvas
    x = round((sheet.strips[-1].x_mm + 5.5 * 25.0) * c.paper.px_per_mm)
    ys = np.flatnonzero(dark(qimage_to_array(c.sheet_image()))[:, x])
    expected = baseline_px(sheet.strips[-1].baseline_mm, c.paper) - 0.5 * c.paper.px_per_mv
    assert np.min(np.abs(ys - expected)) <= 1.5
    width = c.width()
    viewer.zoom_box.setCurrentText("8 px/mm")
    assert c.paper.px_per_mm == 8.0 and abs(c.width() - 2 * width) <= 2
