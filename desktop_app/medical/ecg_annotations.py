"""Waveform Annotation Sequence: device measurements, statements, fiducial points.

An item with a Numeric Value is a measurement (RR, PR, QRS, QT, QTc, axes ...); an item
with Unformatted Text Value or a Concept Code is an interpretation statement; an item
that points at samples (Referenced Sample Positions / Time Offsets) without a number is
a fiducial (P onset, QRS offset ...). Damaged items are skipped, not fatal: the traces
matter more than one unreadable annotation.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from pydicom.dataset import Dataset


@dataclass(frozen=True)
class Measurement:
    name: str  # code meaning, e.g. "QTc Interval"
    code: str  # "SCPECG 5.10.2.5-5"
    value: float
    unit: str  # UCUM code: "ms", "deg", "/min", "uV"
    group: int | None  # Annotation Group Number


@dataclass(frozen=True)
class Fiducial:
    name: str
    code: str
    sample_positions: tuple[int, ...]  # 1-based, as in DICOM
    time_offsets_s: tuple[float, ...]
    channels: tuple[int, ...]  # Referenced Waveform Channels: (group, channel) pairs flat
    range_type: str  # POINT, SEGMENT, BEGIN, END ...


def _code(item: Dataset, keyword: str) -> tuple[str, str]:
    seq = item.get(keyword) or []
    if not seq:
        return "", ""
    c = seq[0]
    code = f"{c.get('CodingSchemeDesignator', '')} {c.get('CodeValue', '')}".strip()
    return str(c.get("CodeMeaning", "")), code


def _numbers(value: object) -> tuple[float, ...]:
    """A DICOM value with multiplicity 1..n as floats (pydicom gives a scalar for 1)."""
    if value is None:
        return ()
    if isinstance(value, int | float | str):
        return (float(value),)
    if isinstance(value, Iterable):
        return tuple(float(v) for v in value)
    raise TypeError(f"not a number: {value!r}")


def _ints(value: object) -> tuple[int, ...]:
    return tuple(int(v) for v in _numbers(value))


def read_annotations(
    ds: Dataset,
) -> tuple[tuple[Measurement, ...], tuple[str, ...], tuple[Fiducial, ...]]:
    measurements: list[Measurement] = []
    statements: list[str] = []
    fiducials: list[Fiducial] = []
    for item in ds.get("WaveformAnnotationSequence") or []:
        try:
            name, code = _code(item, "ConceptNameCodeSequence")
            group = item.get("AnnotationGroupNumber")
            if "NumericValue" in item and item.NumericValue not in (None, ""):
                value = float(item.NumericValue)
                unit = _code(item, "MeasurementUnitsCodeSequence")[1].split(" ")[-1]
                if math.isfinite(value):
                    measurements.append(
                        Measurement(name, code, value, unit, None if group is None else int(group))
                    )
                continue
            if item.get("UnformattedTextValue"):
                statements.append(str(item.UnformattedTextValue).strip())
                continue
            concept, _ = _code(item, "ConceptCodeSequence")
            if concept:
                statements.append(concept)
                continue
            positions = _ints(item.get("ReferencedSamplePositions"))
            offsets = _numbers(item.get("ReferencedTimeOffsets"))
            if name and (positions or offsets):
                fiducials.append(
                    Fiducial(
                        name,
                        code,
                        positions,
                        tuple(o / 1000.0 for o in offsets),  # DICOM stores msec
                        _ints(item.get("ReferencedWaveformChannels")),
                        str(item.get("TemporalRangeType", "")),
                    )
                )
        except (TypeError, ValueError, AttributeError):
            continue
    return tuple(measurements), tuple(statements), tuple(fiducials)
