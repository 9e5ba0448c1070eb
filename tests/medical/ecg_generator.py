"""A 12-lead DICOM ECG with known values, written with pydicom alone.

Rhythm group: 500 Hz, 10 s. Lead k (0..11) carries 0.1 * (k + 1) mV * sin(2 pi 1 Hz t);
lead II adds a +1 mV step from t = 5 s. Calibration varies per lead on purpose:
V1 has correction factor 0.5, aVR a baseline of +50 uV, V2 is coded in mV units,
V3 has 2 ms sample skew, V6 ends in 100 padding samples. Median group: 600 samples
at 100 ms group offset, lead k constant at 0.05 * k mV.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray
from pydicom import uid
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence
from pydicom.uid import generate_uid

from tests.medical.generators import file_meta, patient_and_study

TWELVE_LEAD = "1.2.840.10008.5.1.4.1.1.9.1.1"
LEADS = ["I", "II", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3", "V4", "V5", "V6"]
MDC = {"I": 1, "II": 2, "III": 61, "aVR": 62, "aVL": 63, "aVF": 64,
       "V1": 3, "V2": 4, "V3": 5, "V4": 6, "V5": 7, "V6": 8}  # fmt: skip
RATE = 500.0
SAMPLES = 5000
MEDIAN_SAMPLES = 600
SENSITIVITY_UV = 2.5
PADDING = -32768


def rhythm_mv() -> NDArray[np.float64]:
    """Expected rhythm traces, shape (samples, 12)."""
    t = np.arange(SAMPLES) / RATE
    out = np.stack([0.1 * (k + 1) * np.sin(2 * np.pi * t) for k in range(12)], axis=1)
    out[t >= 5.0, 1] += 1.0
    return out


def _code(value: str, scheme: str, meaning: str) -> Dataset:
    item = Dataset()
    item.CodeValue = value
    item.CodingSchemeDesignator = scheme
    item.CodeMeaning = meaning
    return item


def _channel(
    name: str,
    *,
    correction: float = 1.0,
    baseline: float = 0.0,
    unit: str = "uV",
    skew: float = 0.0,
) -> Dataset:
    item = Dataset()
    item.ChannelSourceSequence = Sequence([_code(f"2:{MDC[name]}", "MDC", f"Lead {name}")])
    item.ChannelSensitivity = SENSITIVITY_UV if unit == "uV" else SENSITIVITY_UV / 1000
    item.ChannelSensitivityUnitsSequence = Sequence(
        [_code(unit, "UCUM", "microvolt" if unit == "uV" else "millivolt")]
    )
    item.ChannelSensitivityCorrectionFactor = correction
    item.ChannelBaseline = baseline
    item.ChannelSampleSkew = skew
    item.WaveformBitsStored = 16
    item.FilterLowFrequency = 0.05
    item.FilterHighFrequency = 150
    item.NotchFilterFrequency = 50
    return item


def _group(
    label: str, raw: NDArray[np.int16], channels: list[Dataset], offset_ms: float
) -> Dataset:
    group = Dataset()
    group.MultiplexGroupTimeOffset = offset_ms
    group.WaveformOriginality = "ORIGINAL" if label == "RHYTHM" else "DERIVED"
    group.NumberOfWaveformChannels = raw.shape[1]
    group.NumberOfWaveformSamples = raw.shape[0]
    group.SamplingFrequency = RATE
    group.MultiplexGroupLabel = label
    group.ChannelDefinitionSequence = Sequence(channels)
    group.WaveformBitsAllocated = 16
    group.WaveformSampleInterpretation = "SS"
    group.WaveformPaddingValue = np.int16(PADDING).tobytes()
    group.WaveformData = raw.astype("<i2").tobytes()
    return group


def _annotation(**kwargs: object) -> Dataset:
    item = Dataset()
    for key, value in kwargs.items():
        setattr(item, key, value)
    return item


def _measurement(code: str, meaning: str, value: float, unit: str) -> Dataset:
    return _annotation(
        ConceptNameCodeSequence=Sequence([_code(code, "SCPECG", meaning)]),
        NumericValue=value,
        MeasurementUnitsCodeSequence=Sequence([_code(unit, "UCUM", unit)]),
        ReferencedWaveformChannels=[1, 0],
        AnnotationGroupNumber=1,
    )


def make_ecg() -> Dataset:
    sop = generate_uid()
    ds = Dataset()
    ds.file_meta = file_meta(uid.ExplicitVRLittleEndian, TWELVE_LEAD, sop)
    ds.SOPClassUID = TWELVE_LEAD
    ds.SOPInstanceUID = sop
    ds.Modality = "ECG"
    patient_and_study(ds)
    ds.AcquisitionDateTime = "20261127081500"

    mv = rhythm_mv()
    correction = {"V1": 0.5}
    baseline_uv = {"aVR": 50.0}
    channels, columns = [], []
    for k, name in enumerate(LEADS):
        unit = "mV" if name == "V2" else "uV"
        channels.append(
            _channel(
                name,
                correction=correction.get(name, 1.0),
                baseline=baseline_uv.get(name, 0.0) / (1000 if unit == "mV" else 1),
                unit=unit,
                skew=2.0 if name == "V3" else 0.0,
            )
        )
        lsb_uv = SENSITIVITY_UV * correction.get(name, 1.0)
        columns.append(np.rint((mv[:, k] * 1000 - baseline_uv.get(name, 0.0)) / lsb_uv))
    raw = np.stack(columns, axis=1).astype(np.int16)
    raw[-100:, LEADS.index("V6")] = PADDING
    median = np.stack(
        [np.full(MEDIAN_SAMPLES, 0.05 * k * 1000 / SENSITIVITY_UV) for k in range(12)], axis=1
    ).astype(np.int16)
    median_channels = [_channel(name) for name in LEADS]
    ds.WaveformSequence = Sequence(
        [
            _group("RHYTHM", raw, channels, 0.0),
            _group("MEDIAN BEAT", median, median_channels, 100.0),
        ]
    )
    ds.WaveformAnnotationSequence = Sequence(
        [
            _annotation(
                UnformattedTextValue="Sinus rhythm",
                AnnotationGroupNumber=0,
                ReferencedWaveformChannels=[1, 0],
            ),
            _annotation(
                UnformattedTextValue="Normal ECG",
                AnnotationGroupNumber=0,
                ReferencedWaveformChannels=[1, 0],
            ),
            _measurement("5.10.2.1-3", "RR Interval", 1000, "ms"),
            _measurement("5.13.5-7", "PR Interval", 160, "ms"),
            _measurement("5.13.5-9", "QRS Duration", 92, "ms"),
            _measurement("5.13.5-11", "QT Interval", 400, "ms"),
            _measurement("5.10.2.5-5", "QTc Interval", 400, "ms"),
            _measurement("5.10.3-13", "QRS Axis", 60, "deg"),
            _annotation(
                ConceptNameCodeSequence=Sequence([_code("5.10.3-3", "SCPECG", "QRS Onset")]),
                TemporalRangeType="POINT",
                ReferencedSamplePositions=[251, 751],
                ReferencedWaveformChannels=[1, 0],
                AnnotationGroupNumber=2,
            ),
        ]
    )
    return ds
