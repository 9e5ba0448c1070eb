"""DICOM waveform IODs (12-lead, general, ambulatory ECG) as calibrated traces in mV.

For every multiplex group and every channel (PS3.3 C.10.9):

    value [channel units] = raw * ChannelSensitivity * ChannelSensitivityCorrectionFactor
                            + ChannelBaseline
    value [mV]            = value [channel units] * factor(ChannelSensitivityUnits)

Samples equal to WaveformPaddingValue become NaN (a gap, not a 0 mV line). The first
sample of a channel is at MultiplexGroupTimeOffset + ChannelSampleSkew (both ms).
pydicom's own waveform_array adds ChannelBaseline * CorrectionFactor instead; the
standard defines the baseline in the sensitivity units, so it is added uncorrected.
Channels whose units are not a voltage (e.g. a pressure channel) are listed in
`skipped` rather than silently mis-scaled.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray
from pydicom.dataset import Dataset

from desktop_app.medical import limits
from desktop_app.medical.ecg_annotations import Fiducial, Measurement, read_annotations
from desktop_app.medical.ecg_codes import lead_name
from desktop_app.medical.errors import CorruptImage, NotAWaveform, TooLarge, reported_as_corrupt
from desktop_app.medical.loading import DicomSource, describe, read_dataset

# UCUM voltage units -> factor to mV.
VOLTAGE_TO_MV = {"uV": 1e-3, "mV": 1.0, "V": 1e3, "nV": 1e-6, "kV": 1e6}

_DTYPES = {
    ("SS", 16): "i2",
    ("US", 16): "u2",
    ("SB", 8): "i1",
    ("UB", 8): "u1",
    ("SS", 32): "i4",
    ("US", 32): "u4",
    ("SL", 32): "i4",
    ("UL", 32): "u4",
}


@dataclass(frozen=True)
class FilterSettings:
    """Acquisition filters of a channel in Hz; None when the header does not say."""

    low_hz: float | None
    high_hz: float | None
    notch_hz: float | None


@dataclass(frozen=True, eq=False)
class Lead:
    """One calibrated trace."""

    name: str  # "I", "aVF", "V4" ... (code meaning when the code is unknown)
    samples_mv: NDArray[np.float64]
    sample_rate_hz: float
    time_offset_s: float
    code: str  # "MDC 2:1", "SCPECG 5.6.3-9-61"
    meaning: str
    group: int  # 0-based multiplex group index
    group_label: str  # "RHYTHM", "MEDIAN BEAT" ...
    filters: FilterSettings

    @property
    def duration_s(self) -> float:
        return len(self.samples_mv) / self.sample_rate_hz


@dataclass(frozen=True, eq=False)
class EcgRecording:
    leads: tuple[Lead, ...]
    filters: tuple[FilterSettings, ...]  # distinct settings over all leads
    measurements: tuple[Measurement, ...]
    statements: tuple[str, ...]
    fiducials: tuple[Fiducial, ...]
    group_labels: tuple[str, ...]
    skipped: tuple[str, ...] = field(default=())

    def lead(self, name: str, group: int = 0) -> Lead:
        for lead in self.leads:
            if lead.name == name and lead.group == group:
                return lead
        raise KeyError(f"no lead {name} in group {group}")

    def group(self, index: int) -> tuple[Lead, ...]:
        return tuple(lead for lead in self.leads if lead.group == index)


def _float(value: Any, default: float | None = None) -> float | None:
    if value is None or value == "":
        return default
    try:
        number = float(value)
    except (TypeError, ValueError):
        return default
    return number if math.isfinite(number) else default


def _raw_samples(group: Dataset, little_endian: bool, index: int) -> NDArray[Any]:
    channels = int(group.NumberOfWaveformChannels)
    samples = int(group.NumberOfWaveformSamples)
    bits = int(group.WaveformBitsAllocated)
    interpretation = str(group.WaveformSampleInterpretation).strip()
    code = _DTYPES.get((interpretation, bits))
    if code is None:
        raise NotAWaveform(
            f"waveform group {index + 1}: {bits}-bit {interpretation} samples are not supported"
        )
    if channels <= 0 or samples <= 0:
        raise CorruptImage(f"waveform group {index + 1} has no samples")
    if channels * samples > limits.MAX_WAVEFORM_SAMPLES:
        raise TooLarge(
            f"waveform group {index + 1} declares {channels} x {samples} samples "
            f"(MAX_WAVEFORM_SAMPLES {limits.MAX_WAVEFORM_SAMPLES})"
        )
    dtype = np.dtype(("<" if little_endian else ">") + code)
    data = group.WaveformData
    need = channels * samples * dtype.itemsize
    if len(data) < need:
        raise CorruptImage(f"waveform group {index + 1} is cut short: {len(data)} of {need} bytes")
    raw = np.frombuffer(data, dtype=dtype, count=channels * samples)
    return raw.reshape(samples, channels).astype(dtype.newbyteorder("="))


def _padding(group: Dataset, dtype: np.dtype[Any], little_endian: bool) -> int | None:
    value = group.get("WaveformPaddingValue")
    if value is None:
        return None
    if isinstance(value, bytes):
        order = "<" if little_endian else ">"
        if len(value) < dtype.itemsize:
            return None
        return int(np.frombuffer(value[: dtype.itemsize], dtype=order + dtype.str[1:])[0])
    return int(value)


def _channel(
    item: Dataset, raw: NDArray[Any], padding: int | None, group_info: tuple[int, str, float, float]
) -> Lead | str:
    """A calibrated Lead, or the reason the channel was skipped."""
    index, label, rate, group_offset_ms = group_info
    source = (item.get("ChannelSourceSequence") or [Dataset()])[0]
    scheme = str(source.get("CodingSchemeDesignator", ""))
    code = str(source.get("CodeValue", ""))
    meaning = str(source.get("CodeMeaning", item.get("ChannelLabel", "")))
    name = lead_name(scheme, code, meaning)
    units_item = (item.get("ChannelSensitivityUnitsSequence") or [Dataset()])[0]
    unit = str(units_item.get("CodeValue", "")).strip()
    sensitivity = _float(item.get("ChannelSensitivity"))
    if unit not in VOLTAGE_TO_MV or sensitivity is None:
        return f"{name}: units {unit or 'missing'} are not a voltage"
    correction = _float(item.get("ChannelSensitivityCorrectionFactor"), 1.0) or 1.0
    baseline = _float(item.get("ChannelBaseline"), 0.0) or 0.0
    values = (raw.astype(np.float64) * (sensitivity * correction) + baseline) * VOLTAGE_TO_MV[unit]
    if padding is not None:
        values[raw == padding] = np.nan
    skew_ms = _float(item.get("ChannelSampleSkew"), 0.0) or 0.0
    return Lead(
        name=name,
        samples_mv=values,
        sample_rate_hz=rate,
        time_offset_s=(group_offset_ms + skew_ms) / 1000.0,
        code=f"{scheme} {code}".strip(),
        meaning=meaning,
        group=index,
        group_label=label,
        filters=FilterSettings(
            _float(item.get("FilterLowFrequency")),
            _float(item.get("FilterHighFrequency")),
            _float(item.get("NotchFilterFrequency")),
        ),
    )


def ecg_from_dataset(ds: Dataset, *, max_samples: int | None = None) -> EcgRecording:
    """Decode every multiplex group of a waveform dataset; ``max_samples``: refuse with
    TooLarge, before decoding any, a recording that declares more samples in all."""
    groups = ds.get("WaveformSequence")
    if not groups:
        raise NotAWaveform("this DICOM object has no waveform (no Waveform Sequence)")
    if max_samples is not None:
        declared = sum(_declared_samples(group) for group in groups)
        if declared > max_samples:
            raise TooLarge(f"the ECG declares {declared} samples ({max_samples} at most here)")
    little_endian = bool(getattr(ds, "original_encoding", (None, True))[1] is not False)
    leads: list[Lead] = []
    skipped: list[str] = []
    labels: list[str] = []
    for index, group in enumerate(groups):
        rate = _float(group.get("SamplingFrequency"))
        if rate is None or rate <= 0:
            raise CorruptImage(f"waveform group {index + 1} has no sampling frequency")
        raw = _raw_samples(group, little_endian, index)
        padding = _padding(group, raw.dtype, little_endian)
        label = str(group.get("MultiplexGroupLabel", "")) or f"Group {index + 1}"
        labels.append(label)
        offset_ms = _float(group.get("MultiplexGroupTimeOffset"), 0.0) or 0.0
        definitions = group.get("ChannelDefinitionSequence") or []
        if len(definitions) != raw.shape[1]:
            raise CorruptImage(
                f"waveform group {index + 1} defines {len(definitions)} channels "
                f"but holds {raw.shape[1]}"
            )
        for channel, item in enumerate(definitions):
            result = _channel(item, raw[:, channel], padding, (index, label, rate, offset_ms))
            if isinstance(result, Lead):
                leads.append(result)
            else:
                skipped.append(f"group {index + 1}: {result}")
    if not leads:
        raise NotAWaveform("the waveform has no voltage channels")
    measurements, statements, fiducials = read_annotations(ds)
    filters = tuple(dict.fromkeys(lead.filters for lead in leads))
    return EcgRecording(
        leads=tuple(leads),
        filters=filters,
        measurements=measurements,
        statements=statements,
        fiducials=fiducials,
        group_labels=tuple(labels),
        skipped=tuple(skipped),
    )


def _declared_samples(group: Dataset) -> int:
    """Channels x samples as a group declares them (0 where it says nothing usable)."""
    try:
        channels = int(group.get("NumberOfWaveformChannels") or 0)
        samples = int(group.get("NumberOfWaveformSamples") or 0)
    except (TypeError, ValueError):
        return 0
    return max(channels, 0) * max(samples, 0)


def load_ecg(source: DicomSource, *, max_samples: int | None = None) -> EcgRecording:
    """Open a DICOM ECG; raises a MedicalError subclass for anything unusable (TooLarge
    beyond ``max_samples``, the chat card's bound, before any sample is decoded)."""
    with reported_as_corrupt(f"damaged ECG {describe(source)}"):
        return ecg_from_dataset(read_dataset(source, with_pixels=False), max_samples=max_samples)
