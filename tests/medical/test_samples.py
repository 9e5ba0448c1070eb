"""The demo's synthetic X-ray and ECG decode with our own pipeline and look clinical."""

from __future__ import annotations

import io

import numpy as np

from desktop_app.medical.display import first_display
from desktop_app.medical.ecg import load_ecg
from desktop_app.medical.geometry import pixel_spacing
from desktop_app.medical.loading import load_image
from desktop_app.medical.phantoms import ECG_LEADS
from desktop_app.medical.samples import make_dx, make_resting_ecg


def to_bytes(ds: object) -> bytes:
    buffer = io.BytesIO()
    ds.save_as(buffer, enforce_file_format=True)  # type: ignore[attr-defined]
    return buffer.getvalue()


def test_chest_xray_decodes_with_spacing_and_anatomy() -> None:
    image = load_image(to_bytes(make_dx(rows=600, columns=500)))
    ds = image.dataset
    assert (image.header.rows, image.header.columns) == (600, 500)
    assert image.header.photometric == "MONOCHROME2" and image.header.bits_stored == 12
    assert (ds.Modality, str(ds.PatientName), ds.BodyPartExamined) == (
        "DX",
        "Demo^Patient",
        "CHEST",
    )
    spacing = pixel_spacing(ds)
    assert spacing.kind.value == "detector" and spacing.row_mm == spacing.column_mm
    assert abs(spacing.row_mm * 600 - 430.0) < 0.5  # rows span a 43 cm detector
    source, pixels = first_display(image)
    assert pixels.shape == (600, 500) and pixels.dtype == np.uint8
    grey = source.pixels.astype(float)
    lung = grey[250:300, 130:170].mean()  # image left: the patient's right lung
    heart = grey[380:420, 260:300].mean()  # the heart lies to the patient's left
    spine_top = grey[120:160, 245:255].mean()
    air = grey[5:30, 5:30].mean()  # beside the neck, outside the body
    assert air < lung < heart, (air, lung, heart)
    assert lung < spine_top
    assert heart - lung > 300  # clearly separate on a 12-bit scale


def test_resting_ecg_has_twelve_plausible_leads() -> None:
    recording = load_ecg(to_bytes(make_resting_ecg()))
    rhythm = recording.group(0)
    assert [lead.name for lead in rhythm] == list(ECG_LEADS)
    assert all(len(lead.samples_mv) == 5000 and lead.sample_rate_hz == 500.0 for lead in rhythm)
    assert all(lead.duration_s == 10.0 for lead in rhythm)
    lead_ii = recording.lead("II").samples_mv
    assert 0.9 < lead_ii.max() < 1.4  # R wave in mV
    # R peaks: local maxima above 0.6 mV at least 300 ms apart
    above = np.flatnonzero(lead_ii > 0.6)
    beats = 1 + int(np.count_nonzero(np.diff(above) > 150))
    assert 11 <= beats <= 13  # 72/min over 10 s
    avr = recording.lead("aVR").samples_mv
    assert avr.min() < -0.7 and avr.max() < 0.3  # aVR is negative in sinus rhythm
    v1, v6 = recording.lead("V1").samples_mv, recording.lead("V6").samples_mv
    assert v1.min() < -0.8 and v6.max() > 0.9  # R progression across the chest leads
    einthoven = recording.lead("II").samples_mv - recording.lead("I").samples_mv
    assert np.abs(einthoven - recording.lead("III").samples_mv).max() < 0.06
    assert recording.statements == ("Sinusrhythmus", "Normales EKG")
    qtc = next(m for m in recording.measurements if m.name == "QTc Interval")
    assert (qtc.value, qtc.unit) == (416.0, "ms")
