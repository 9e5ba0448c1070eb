"""Pixel spacing sources, calibration kinds and measurements in mm."""

from __future__ import annotations

import pytest
from pydicom.dataset import Dataset

from desktop_app.medical.geometry import (
    CalibrationKind,
    Spacing,
    angle,
    distance,
    pixel_spacing,
)
from tests.medical import generators
from tests.medical.conftest import shipped


def ds_with(**attrs: object) -> Dataset:
    ds = Dataset()
    for key, value in attrs.items():
        setattr(ds, key, value)
    return ds


def test_generated_dx_uses_magnification_corrected_imager_spacing() -> None:
    spacing = pixel_spacing(generators.make_dx(10, 10))  # 0.139 mm, ERMF 1.1
    assert spacing.kind is CalibrationKind.MAGNIFICATION_CORRECTED
    assert spacing.row_mm == pytest.approx(0.139 / 1.1)
    assert spacing.source == "ImagerPixelSpacing / 1.1"


def test_detector_spacing_without_magnification() -> None:
    spacing = pixel_spacing(ds_with(Modality="DX", ImagerPixelSpacing=[0.15, 0.1]))
    assert (spacing.row_mm, spacing.column_mm, spacing.kind) == (
        0.15,
        0.1,
        CalibrationKind.DETECTOR,
    )


def test_calibrated_pixel_spacing_on_projection() -> None:
    ds = ds_with(
        Modality="CR",
        ImagerPixelSpacing=[0.2, 0.2],
        PixelSpacing=[0.18, 0.18],
        PixelSpacingCalibrationType="GEOMETRY",
    )
    spacing = pixel_spacing(ds)
    assert spacing.kind is CalibrationKind.CALIBRATED and spacing.row_mm == 0.18
    assert "GEOMETRY" in spacing.source


def test_projection_pixel_spacing_without_type_is_unknown() -> None:
    assert pixel_spacing(ds_with(Modality="CR", PixelSpacing=[0.1, 0.1])).kind is (
        CalibrationKind.UNKNOWN
    )
    ds = ds_with(Modality="DX", ImagerPixelSpacing=[0.2, 0.2], PixelSpacing=[0.18, 0.18])
    assert pixel_spacing(ds).kind is CalibrationKind.UNKNOWN


def test_pixel_spacing_equal_to_detector_spacing_is_detector() -> None:
    ds = ds_with(Modality="DX", ImagerPixelSpacing=[0.2, 0.2], PixelSpacing=[0.2, 0.2])
    assert pixel_spacing(ds).kind is CalibrationKind.DETECTOR


def test_ct_spacing_is_calibrated() -> None:
    from pydicom import dcmread

    spacing = pixel_spacing(dcmread(shipped("CT_small.dcm")))
    assert spacing.kind is CalibrationKind.CALIBRATED
    assert spacing.row_mm == pytest.approx(0.661468)


@pytest.mark.parametrize("value", [[0, 0], [0.0, 0.1], None, ["", ""]])
def test_zero_or_missing_spacing_is_uncalibrated(value: object) -> None:
    ds = ds_with(Modality="CT")
    if value is not None:
        ds.PixelSpacing = value
    spacing = pixel_spacing(ds)
    assert spacing.kind is CalibrationKind.UNCALIBRATED and spacing.unit == "px"
    assert str(distance((0, 0), (3, 4), spacing)) == "5.0 px (uncalibrated)"


def test_distance_and_angle_in_mm_with_anisotropic_pixels() -> None:
    spacing = Spacing(0.5, 0.25, CalibrationKind.CALIBRATED, "test")
    # 6 rows * 0.5 = 3 mm, 16 columns * 0.25 = 4 mm -> 5 mm
    d = distance((10, 10), (16, 26), spacing)
    assert d.value == pytest.approx(5.0) and d.unit == "mm"
    assert str(d) == "5.0 mm (calibrated)"
    # 2 rows (1 mm) vs 4 columns (1 mm): physically 45 degrees, 26.6 in pixel space
    a = angle((0, 0), (0, 4), (2, 4), spacing)
    assert a.value == pytest.approx(45.0) and a.unit == "deg"
    assert angle((0, 0), (0, 1), (0, -1), spacing).value == pytest.approx(180.0)
