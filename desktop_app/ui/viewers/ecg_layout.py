"""Where each lead goes on ECG paper, in millimetres, and how a trace is thinned for display.

No Qt here: the sheet is planned in paper millimetres from the speed (mm/s) and gain
(mm/mV), so the same plan serves the screen, a PNG and the tests, and a calibration
pulse is `gain` mm tall whatever the pixels per millimetre are.

Decimation: at 25 mm/s and 4 px/mm a 500 Hz trace has 5 samples per pixel column;
drawing them all costs time and shows nothing more. Each column keeps its minimum and
maximum (in the order that keeps the stroke continuous), so QRS peaks are never lost.
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from desktop_app.medical.ecg import EcgRecording, Lead

SPEEDS_MM_S = (12.5, 25.0, 50.0)
GAINS_MM_MV = (5.0, 10.0, 20.0)
STANDARD_LEADS = ("I", "II", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3", "V4", "V5", "V6")
MAX_SECONDS = 10.0  # a standard sheet; longer (ambulatory) recordings show their first 10 s
PULSE_S = 0.2  # calibration pulse width, 200 ms as on every cart
GRID_MM = 5.0


class Layout(enum.StrEnum):
    THREE_BY_FOUR = "3x4+1"  # 3 rows x 4 columns of 2.5 s, plus a 10 s lead II rhythm strip
    SIX_BY_TWO = "6x2"
    TWELVE_BY_ONE = "12x1"


@dataclass(frozen=True)
class Paper:
    speed_mm_s: float = 25.0
    gain_mm_mv: float = 10.0
    px_per_mm: float = 4.0

    @property
    def px_per_s(self) -> float:
        return self.speed_mm_s * self.px_per_mm

    @property
    def px_per_mv(self) -> float:
        return self.gain_mm_mv * self.px_per_mm


@dataclass(frozen=True, eq=False)
class Strip:
    """One lead shown from t0 to t1 (seconds of the recording) at x_mm on row `row`."""

    lead: Lead
    t0: float
    t1: float
    x_mm: float
    row: int
    baseline_mm: float


@dataclass(frozen=True, eq=False)
class Sheet:
    strips: tuple[Strip, ...]
    baselines_mm: tuple[float, ...]  # one per row; each row starts with a 1 mV pulse
    width_mm: float
    height_mm: float
    trace_x_mm: float  # where the traces start (after the calibration pulse)
    pulse_x_mm: float
    pulse_width_mm: float
    seconds: float
    start_s: float = 0.0  # recording time at the left edge of the traces


def _round_up(value: float, step: float = GRID_MM) -> float:
    return step * math.ceil(value / step - 1e-9)


def _leads(recording: EcgRecording) -> tuple[Lead, ...]:
    """The rhythm group (the first group named RHYTHM, else the first) in standard order."""
    index = next(
        (i for i, label in enumerate(recording.group_labels) if label.upper() == "RHYTHM"), 0
    )
    group = recording.group(index) or recording.leads
    by_name = {lead.name: lead for lead in group}
    standard = [by_name[name] for name in STANDARD_LEADS if name in by_name]
    rest = [lead for lead in group if lead.name not in STANDARD_LEADS]
    return tuple(standard + rest)


def _columns(layout: Layout, count: int) -> tuple[int, int]:
    """(rows, columns) of the lead grid, without the rhythm strip."""
    if layout is Layout.TWELVE_BY_ONE:
        return count, 1
    if layout is Layout.SIX_BY_TWO:
        return math.ceil(count / 2), 2 if count > 1 else 1
    columns = min(4, count)
    return math.ceil(count / columns), columns


def time_span(recording: EcgRecording) -> tuple[float, float]:
    """(first, last) second covered by the leads the sheet shows."""
    leads = _leads(recording)
    return (
        min(lead.time_offset_s for lead in leads),
        max(lead.time_offset_s + lead.duration_s for lead in leads),
    )


def plan(recording: EcgRecording, layout: Layout, paper: Paper, from_s: float = 0.0) -> Sheet:
    """Place every lead of the rhythm group; 3x4+1 adds lead II (else the first) below.

    The sheet shows at most MAX_SECONDS, starting `from_s` seconds into the recording
    (clamped), so a long ambulatory recording is read page by page.
    """
    leads = _leads(recording)
    first, last = time_span(recording)
    start = first + max(0.0, min(from_s, last - first - MAX_SECONDS))
    seconds = min(MAX_SECONDS, last - start)
    rows, columns = _columns(layout, len(leads))
    row_mm = _round_up(max(15.0, 3.0 * paper.gain_mm_mv))
    pulse_width = PULSE_S * paper.speed_mm_s
    pulse_x = 2.0
    trace_x = _round_up(pulse_x + pulse_width + 3.0)
    column_s = seconds / columns
    baseline_in_row = _round_up(row_mm * 0.55)
    top = GRID_MM
    strips: list[Strip] = []
    for k, lead in enumerate(leads):
        column, row = divmod(k, rows)
        t0 = start + column * column_s
        strips.append(
            Strip(
                lead,
                t0,
                t0 + column_s,
                trace_x + column * column_s * paper.speed_mm_s,
                row,
                top + row * row_mm + baseline_in_row,
            )
        )
    total_rows = rows
    if layout is Layout.THREE_BY_FOUR:
        rhythm = next((lead for lead in leads if lead.name == "II"), leads[0])
        strips.append(
            Strip(
                rhythm, start, start + seconds, trace_x, rows, top + rows * row_mm + baseline_in_row
            )
        )
        total_rows += 1
    width = _round_up(trace_x + seconds * paper.speed_mm_s + GRID_MM)
    height = _round_up(top + total_rows * row_mm + GRID_MM)
    baselines = tuple(top + r * row_mm + baseline_in_row for r in range(total_rows))
    return Sheet(
        tuple(strips), baselines, width, height, trace_x, pulse_x, pulse_width, seconds, start
    )


def decimate(
    lead: Lead, t0: float, t1: float, px_per_s: float
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """(x in pixels from t0, value in mV) thinned to at most two points per pixel column.

    NaN values (padding, gaps) stay NaN so the painter can break the line there.
    """
    rate = lead.sample_rate_hz
    first = max(0, math.ceil((t0 - lead.time_offset_s) * rate - 1e-9))
    last = min(len(lead.samples_mv), math.ceil((t1 - lead.time_offset_s) * rate - 1e-9))
    if last <= first:
        empty = np.zeros(0)
        return empty, empty
    values = lead.samples_mv[first:last]
    x = (lead.time_offset_s + np.arange(first, last) / rate - t0) * px_per_s
    per_px = rate / px_per_s
    if per_px <= 2.0:
        return x, values
    columns = np.floor(x).astype(np.int64)
    starts = np.flatnonzero(np.diff(columns, prepend=columns[0] - 1))
    with np.errstate(invalid="ignore"):
        low = np.fmin.reduceat(values, starts)
        high = np.fmax.reduceat(values, starts)
    ends = np.append(starts[1:], len(values)) - 1
    rising = values[ends] >= values[starts]
    xs = np.repeat(columns[starts].astype(np.float64) + 0.5, 2)
    ys = np.empty(2 * len(starts))
    ys[0::2] = np.where(rising, low, high)
    ys[1::2] = np.where(rising, high, low)
    return xs, ys


def runs(xs: NDArray[np.float64], ys: NDArray[np.float64]) -> list[tuple[int, int]]:
    """[start, end) index ranges without NaN, each at least two points long."""
    finite = np.isfinite(ys)
    if not finite.any():
        return []
    edges = np.flatnonzero(np.diff(np.concatenate(([0], finite.astype(np.int8), [0]))))
    return [(int(a), int(b)) for a, b in zip(edges[0::2], edges[1::2], strict=True) if b - a > 1]
