"""Pixel spacing with its calibration kind, and measurements in mm.

A length on a projection X-ray is only as true as its spacing source, so every
measurement carries the kind beside the number: "calibrated" (PixelSpacing with a
calibration, or cross-sectional imaging), "detector" (ImagerPixelSpacing: the detector
plane, magnified by the beam geometry), "magnification-corrected" (ImagerPixelSpacing
divided by EstimatedRadiographicMagnificationFactor), "unknown" (PixelSpacing on a
projection image with no statement of what it was calibrated to) or "uncalibrated"
(no usable spacing: the result is in pixels).
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass
from typing import Any

from pydicom.dataset import Dataset

PROJECTION_MODALITIES = frozenset({"CR", "DX", "MG", "IO", "PX", "RF", "XA", "RG", "DF"})

Point = tuple[float, float]  # (row, column) in pixels of the full-resolution image


class CalibrationKind(enum.StrEnum):
    CALIBRATED = "calibrated"
    DETECTOR = "detector"
    MAGNIFICATION_CORRECTED = "magnification-corrected"
    UNKNOWN = "unknown"
    UNCALIBRATED = "uncalibrated"


@dataclass(frozen=True)
class Spacing:
    """Millimetres between row centres and between column centres."""

    row_mm: float
    column_mm: float
    kind: CalibrationKind
    source: str  # which attribute(s) it came from, for the metadata panel

    @property
    def unit(self) -> str:
        return "px" if self.kind is CalibrationKind.UNCALIBRATED else "mm"


UNCALIBRATED = Spacing(1.0, 1.0, CalibrationKind.UNCALIBRATED, "none")


@dataclass(frozen=True)
class Measurement:
    value: float
    unit: str  # "mm", "px" or "deg"
    kind: CalibrationKind

    def __str__(self) -> str:
        if self.unit == "deg":  # an angle reads as 12.5°, not "12.5 deg"
            return f"{self.value:.1f}° ({self.kind.value})"
        return f"{self.value:.1f} {self.unit} ({self.kind.value})"


def _pair(value: Any) -> tuple[float, float] | None:
    """Two positive finite numbers, else None (zero or missing means uncalibrated)."""
    try:
        row, col = (float(v) for v in value)
    except (TypeError, ValueError):
        return None
    if not (math.isfinite(row) and math.isfinite(col) and row > 0 and col > 0):
        return None
    return row, col


def _functional_group_spacing(ds: Dataset) -> tuple[float, float] | None:
    """PixelSpacing of enhanced multi-frame objects lives in the shared functional group."""
    for group in ds.get("SharedFunctionalGroupsSequence", [])[:1]:
        for measures in group.get("PixelMeasuresSequence", [])[:1]:
            return _pair(measures.get("PixelSpacing"))
    return None


def pixel_spacing(ds: Dataset) -> Spacing:
    """Choose the spacing a measurement should use and say what kind it is."""
    modality = str(ds.get("Modality", "")).upper()
    pixel = _pair(ds.get("PixelSpacing")) or _functional_group_spacing(ds)
    imager = _pair(ds.get("ImagerPixelSpacing"))
    calibration_type = str(ds.get("PixelSpacingCalibrationType", "")).strip()
    projection = modality in PROJECTION_MODALITIES or imager is not None

    if pixel is not None and not projection:
        return Spacing(*pixel, CalibrationKind.CALIBRATED, "PixelSpacing")
    if pixel is not None and calibration_type:
        return Spacing(*pixel, CalibrationKind.CALIBRATED, f"PixelSpacing ({calibration_type})")
    if pixel is not None and imager is not None and not _close(pixel, imager):
        # Differs from the detector spacing, so someone calibrated it -- but to what?
        return Spacing(*pixel, CalibrationKind.UNKNOWN, "PixelSpacing (no calibration type)")
    if imager is not None:
        factor = _positive(ds.get("EstimatedRadiographicMagnificationFactor"))
        if factor is not None and not math.isclose(factor, 1.0):
            return Spacing(
                imager[0] / factor,
                imager[1] / factor,
                CalibrationKind.MAGNIFICATION_CORRECTED,
                f"ImagerPixelSpacing / {factor:g}",
            )
        return Spacing(*imager, CalibrationKind.DETECTOR, "ImagerPixelSpacing")
    if pixel is not None:
        return Spacing(*pixel, CalibrationKind.UNKNOWN, "PixelSpacing (projection image)")
    return UNCALIBRATED


def _close(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return math.isclose(a[0], b[0], rel_tol=1e-4) and math.isclose(a[1], b[1], rel_tol=1e-4)


def _positive(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) and number > 0 else None


def _vector(a: Point, b: Point, spacing: Spacing) -> tuple[float, float]:
    return (b[0] - a[0]) * spacing.row_mm, (b[1] - a[1]) * spacing.column_mm


def distance(a: Point, b: Point, spacing: Spacing) -> Measurement:
    """Length of the line a-b in mm (or px when uncalibrated)."""
    dy, dx = _vector(a, b, spacing)
    return Measurement(math.hypot(dy, dx), spacing.unit, spacing.kind)


def angle(vertex: Point, a: Point, b: Point, spacing: Spacing) -> Measurement:
    """Angle a-vertex-b in degrees, in physical space (matters for non-square pixels)."""
    v1 = _vector(vertex, a, spacing)
    v2 = _vector(vertex, b, spacing)
    n1, n2 = math.hypot(*v1), math.hypot(*v2)
    if n1 == 0 or n2 == 0:
        return Measurement(0.0, "deg", spacing.kind)
    cosine = max(-1.0, min(1.0, (v1[0] * v2[0] + v1[1] * v2[1]) / (n1 * n2)))
    return Measurement(math.degrees(math.acos(cosine)), "deg", spacing.kind)
