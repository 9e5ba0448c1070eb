"""ECG decoding: golden lead values in mV, every group, codes, filters, annotations."""

from __future__ import annotations

import copy
import io

import numpy as np
import pytest
from pydicom import dcmread

from desktop_app.medical.documents import ObjectKind, identify
from desktop_app.medical.ecg import FilterSettings, ecg_from_dataset, load_ecg
from desktop_app.medical.ecg_codes import lead_name
from desktop_app.medical.errors import CorruptImage, MedicalError, NotAWaveform
from tests.medical import ecg_generator as gen
from tests.medical.conftest import shipped
from tests.medical.generators import to_bytes

HALF_LSB_MV = gen.SENSITIVITY_UV / 2 / 1000


@pytest.fixture(scope="module")
def ecg_bytes() -> bytes:
    return to_bytes(gen.make_ecg())


def test_generated_ecg_leads_golden_values(ecg_bytes: bytes) -> None:
    ecg = load_ecg(ecg_bytes)
    assert [lead.name for lead in ecg.group(0)] == gen.LEADS
    assert ecg.group_labels == ("RHYTHM", "MEDIAN BEAT")
    expected = gen.rhythm_mv()
    for k, name in enumerate(gen.LEADS):
        lead = ecg.lead(name)
        assert lead.sample_rate_hz == 500.0 and lead.duration_s == 10.0
        got = lead.samples_mv
        valid = ~np.isnan(got)
        # correction 0.5 on V1 halves the LSB; everything else within half an LSB
        assert np.abs(got[valid] - expected[valid, k]).max() <= HALF_LSB_MV, name
    assert ecg.lead("I").samples_mv[125] == pytest.approx(0.1, abs=HALF_LSB_MV)  # t=0.25 s
    assert ecg.lead("V6").samples_mv[125] == pytest.approx(1.2, abs=HALF_LSB_MV)
    step = ecg.lead("II").samples_mv
    assert step[2500] == pytest.approx(1.0, abs=HALF_LSB_MV)  # sin(10 pi) = 0, +1 mV step
    assert step[2499] == pytest.approx(0.2 * np.sin(2 * np.pi * 4.998), abs=HALF_LSB_MV)


def test_generated_ecg_calibration_details(ecg_bytes: bytes) -> None:
    ecg = load_ecg(ecg_bytes)
    v6 = ecg.lead("V6").samples_mv
    assert np.isnan(v6[-100:]).all() and not np.isnan(v6[:-100]).any()
    assert ecg.lead("V3").time_offset_s == pytest.approx(0.002)  # 2 ms skew
    assert ecg.lead("I").time_offset_s == 0.0
    assert ecg.lead("V2").code == "MDC 2:4"  # coded in mV units, same values
    # aVR is stored relative to a +50 uV baseline: raw * 2.5 uV + 50 uV = 400 uV
    assert ecg.lead("aVR").samples_mv[125] == pytest.approx(0.4, abs=HALF_LSB_MV)
    median = ecg.group(1)
    assert len(median) == 12 and median[0].group_label == "MEDIAN BEAT"
    assert ecg.lead("V1", group=1).time_offset_s == pytest.approx(0.1)
    assert ecg.lead("III", group=1).samples_mv[0] == pytest.approx(0.10)
    assert ecg.filters == (FilterSettings(0.05, 150.0, 50.0),)


def test_generated_ecg_annotations(ecg_bytes: bytes) -> None:
    ecg = load_ecg(ecg_bytes)
    assert ecg.statements == ("Sinus rhythm", "Normal ECG")
    values = {m.name: (m.value, m.unit) for m in ecg.measurements}
    assert values == {
        "RR Interval": (1000.0, "ms"),
        "PR Interval": (160.0, "ms"),
        "QRS Duration": (92.0, "ms"),
        "QT Interval": (400.0, "ms"),
        "QTc Interval": (400.0, "ms"),
        "QRS Axis": (60.0, "deg"),
    }
    (onset,) = ecg.fiducials
    assert onset.name == "QRS Onset" and onset.sample_positions == (251, 751)
    assert onset.range_type == "POINT" and onset.channels == (1, 0)


def test_pydicom_waveform_ecg_golden() -> None:
    ecg = load_ecg(shipped("waveform_ecg.dcm"))
    assert [lead.name for lead in ecg.group(0)] == gen.LEADS
    assert ecg.group_labels == ("RHYTHM", "MEDIAN BEAT")
    lead_i = ecg.lead("I")
    assert lead_i.sample_rate_hz == 1000.0 and len(lead_i.samples_mv) == 10000
    # raw 80, 65, 50 at 1.25 uV per LSB
    assert lead_i.samples_mv[:3].tolist() == pytest.approx([0.1, 0.08125, 0.0625])
    assert ecg.lead("II").samples_mv[:3].tolist() == pytest.approx([0.1125, 0.10625, 0.1])
    assert len(ecg.group(1)) == 12 and len(ecg.lead("I", group=1).samples_mv) == 1200
    assert ecg.lead("I", group=1).meaning == "Lead I (Einthoven)"
    assert ecg.lead("I", group=1).code == "SCPECG 5.6.3-9-1"
    values = {m.name: m.value for m in ecg.measurements}
    assert values["QTc Interval"] == 370 and values["QRS Duration"] == 75
    assert values["RR Interval"] == 982 and values["P Axis"] == 74
    assert ecg.statements == ("RITMO SINUSALE", "ECG NORMALE")
    assert ecg.fiducials[0].name == "P Onset" and ecg.fiducials[0].sample_positions == (299,)
    assert FilterSettings(0.05, 300.0, 0.0) in ecg.filters


@pytest.mark.parametrize(
    ("scheme", "code", "meaning", "name"),
    [
        ("MDC", "2:1", "Lead I", "I"),
        ("MDC", "2:61", "", "III"),
        ("MDC", "131136", "", "aVF"),  # 32-bit MDC form: 2 << 16 | 64
        ("SCPECG", "5.6.3-9-64", "", "aVF"),
        ("SCPECG", "5.6.3-9-8", "", "V6"),
        ("99LOCAL", "X1", "Lead avr (augmented)", "aVR"),
        ("99LOCAL", "X2", "Oesophageal", "Oesophageal"),
    ],
)
def test_lead_names(scheme: str, code: str, meaning: str, name: str) -> None:
    assert lead_name(scheme, code, meaning) == name


def test_unsupported_and_broken_waveforms(ecg_bytes: bytes) -> None:
    ds = dcmread(io.BytesIO(ecg_bytes))
    mulaw = copy.deepcopy(ds)
    mulaw.WaveformSequence[0].WaveformSampleInterpretation = "MB"
    mulaw.WaveformSequence[0].WaveformBitsAllocated = 8
    with pytest.raises(NotAWaveform, match="8-bit MB"):
        ecg_from_dataset(mulaw)
    short = copy.deepcopy(ds)
    short.WaveformSequence[0].WaveformData = short.WaveformSequence[0].WaveformData[:1000]
    with pytest.raises(CorruptImage, match="cut short"):
        ecg_from_dataset(short)
    with pytest.raises(NotAWaveform):
        load_ecg(shipped("CT_small.dcm"))
    for cut in (200, len(ecg_bytes) // 2, len(ecg_bytes) - 50):
        with pytest.raises(MedicalError):
            load_ecg(ecg_bytes[:cut])


def test_identify_kinds(ecg_bytes: bytes) -> None:
    assert identify(ecg_bytes) is ObjectKind.ECG
    assert identify(shipped("CT_small.dcm")) is ObjectKind.IMAGE
    assert identify(shipped("rtplan.dcm")) is ObjectKind.OTHER
    assert identify(b"%PDF-1.7\n...") is ObjectKind.PDF
