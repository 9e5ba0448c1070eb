"""Metadata summary rows for --info."""

from __future__ import annotations

from pydicom import uid

from desktop_app.medical.summary import format_summary, summarize
from tests.medical import ecg_generator, generators
from tests.medical.conftest import shipped


def test_dx_summary() -> None:
    data = generators.to_bytes(generators.compressed(generators.make_dx(30, 20), uid.RLELossless))
    rows = dict(summarize(data))
    assert rows["Kind"] == "image" and rows["Patient"] == "Mustermann, Erika"
    assert rows["Birth date"] == "1964-08-12" and rows["Study"].startswith("2026-11-27")
    german = dict(summarize(data, "de"))
    assert german["Birth date"] == "12.08.1964" and german["Study"].startswith("27.11.2026")
    assert rows["Image"] == "20 x 30, 1 frame(s)"
    assert rows["Transfer syntax"] == "RLE Lossless" and rows["Lossy"] == "no"
    assert rows["Pixel spacing"].startswith("0.1264 x 0.1264 mm (magnification-corrected")
    text = format_summary(summarize(data))
    assert "FULL RANGE: C 2000 / W 4000 LINEAR" in text and "LUNG: C 1000 / W 1000" in text


def test_lossy_flag_and_ecg_summary() -> None:
    assert dict(summarize(shipped("SC_rgb_jpeg_dcmtk.dcm")))["Lossy"] == "yes"
    rows = summarize(generators.to_bytes(ecg_generator.make_ecg()))
    as_dict = dict(rows)
    assert as_dict["Kind"] == "ecg"
    assert as_dict["Group 1"] == "RHYTHM: 12 leads, 500 Hz, 10 s"
    assert as_dict["QTc Interval"] == "400 ms" and ("Statement", "Normal ECG") in rows


def test_a_malformed_date_or_name_is_shown_as_stored() -> None:
    ds = generators.make_dx(30, 20)
    ds.PatientBirthDate = "19641312"
    ds.SpecificCharacterSet = "ISO_IR 192"
    ds.PatientName = "=山田^太郎"
    rows = dict(summarize(generators.to_bytes(ds), "de"))
    assert rows["Birth date"] == "19641312"
    assert rows["Patient"] == "山田, 太郎"  # no alphabetic group: the next one, not nothing
