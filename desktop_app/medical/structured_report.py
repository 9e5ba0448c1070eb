"""DICOM Structured Reports (radiology reports, measurement reports) as readable text.

An SR is a tree of content items: each has a concept name (a coded "what"), a value
type (TEXT, CODE, NUM, CONTAINER, IMAGE, ...) and children in its ContentSequence. We
flatten it into ``ReportLine``s with their depth, so the viewer and ``view --info``
show the tree indented, e.g.::

    Findings
      Finding: Kein Pneumothorax
      Diameter: 12.5 mm

Hostile reports are bounded: ``MAX_DEPTH`` levels, ``MAX_LINES`` lines, values cut at
``MAX_VALUE_CHARS``. Values we do not render (spatial coordinates, waveforms) are named
by type, never silently dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

from pydicom.dataset import Dataset

from desktop_app.medical.errors import CorruptImage
from desktop_app.medical.loading import DicomSource, describe, read_dataset

SR_SOP_CLASSES: Final = frozenset(
    {
        "1.2.840.10008.5.1.4.1.1.88.11",  # Basic Text SR
        "1.2.840.10008.5.1.4.1.1.88.22",  # Enhanced SR
        "1.2.840.10008.5.1.4.1.1.88.33",  # Comprehensive SR
        "1.2.840.10008.5.1.4.1.1.88.34",  # Comprehensive 3D SR
        "1.2.840.10008.5.1.4.1.1.88.35",  # Extensible SR
        "1.2.840.10008.5.1.4.1.1.88.59",  # Key Object Selection
    }
)
MAX_DEPTH: Final = 32
MAX_LINES: Final = 5_000
MAX_VALUE_CHARS: Final = 10_000


@dataclass(frozen=True, slots=True)
class ReportLine:
    depth: int
    name: str  # the concept name ("Finding"), or the value type when it has none
    value: str  # "" for a container heading
    relationship: str = ""  # CONTAINS, HAS PROPERTIES, INFERRED FROM, ...


@dataclass(frozen=True, slots=True)
class Report:
    title: str
    completion: str  # COMPLETE / PARTIAL
    verification: str  # VERIFIED / UNVERIFIED
    observer: str  # the verifying observer, if any
    lines: tuple[ReportLine, ...]
    truncated: bool  # MAX_LINES reached or MAX_DEPTH cut a branch

    def as_text(self) -> str:
        out = [self.title, ""]
        out += ["  " * line.depth + _line_text(line) for line in self.lines]
        if self.truncated:
            out.append("… (report cut: too deep or too long)")
        return "\n".join(out)


def is_report(ds: Dataset) -> bool:
    return str(ds.get("SOPClassUID", "")) in SR_SOP_CLASSES or (
        str(ds.get("Modality", "")) == "SR" and "ContentSequence" in ds
    )


def read_report(source: DicomSource) -> Report:
    ds = read_dataset(source, with_pixels=False)
    if not is_report(ds):
        raise CorruptImage(f"{describe(source)} is not a structured report")
    return report_of(ds)


def report_of(ds: Dataset) -> Report:
    walker = _Walker()
    walker.walk(ds, 0)
    observers = ds.get("VerifyingObserverSequence") or []
    observer = str(observers[0].get("VerifyingObserverName", "")) if observers else ""
    return Report(
        title=_concept(ds) or "Structured report",
        completion=str(ds.get("CompletionFlag", "")),
        verification=str(ds.get("VerificationFlag", "")),
        observer=observer.replace("^", " ").strip(),
        lines=tuple(walker.lines),
        truncated=walker.truncated,
    )


class _Walker:
    def __init__(self) -> None:
        self.lines: list[ReportLine] = []
        self.truncated = False

    def walk(self, node: Dataset, depth: int) -> None:
        for item in node.get("ContentSequence") or []:
            if len(self.lines) >= MAX_LINES:
                self.truncated = True
                return
            value_type = str(item.get("ValueType", ""))
            name = _concept(item) or value_type.title() or "Item"
            relationship = str(item.get("RelationshipType", ""))
            self.lines.append(ReportLine(depth, name, _value(item, value_type), relationship))
            if "ContentSequence" in item:
                if depth + 1 >= MAX_DEPTH:
                    self.truncated = True
                else:
                    self.walk(item, depth + 1)


def _concept(item: Dataset) -> str:
    names = item.get("ConceptNameCodeSequence") or []
    return _cut(str(names[0].get("CodeMeaning", ""))) if names else ""


def _value(item: Dataset, value_type: str) -> str:
    if value_type == "TEXT":
        return _cut(str(item.get("TextValue", "")))
    if value_type == "CODE":
        codes = item.get("ConceptCodeSequence") or []
        return _cut(str(codes[0].get("CodeMeaning", ""))) if codes else ""
    if value_type == "NUM":
        return _number(item)
    if value_type in ("DATE", "TIME", "DATETIME", "UIDREF", "PNAME"):
        keyword = {
            "DATE": "Date",
            "TIME": "Time",
            "DATETIME": "DateTime",
            "UIDREF": "UID",
            "PNAME": "PersonName",
        }[value_type]
        return _cut(str(item.get(keyword, "")).replace("^", " ").strip())
    if value_type in ("IMAGE", "COMPOSITE", "WAVEFORM"):
        refs = item.get("ReferencedSOPSequence") or []
        return f"reference to {len(refs)} object(s)"
    if value_type == "CONTAINER":
        return ""
    if value_type in ("SCOORD", "SCOORD3D", "TCOORD"):
        graphic = str(item.get("GraphicType", item.get("TemporalRangeType", "")))
        return f"{value_type.lower()} {graphic}".strip()
    return f"({value_type or 'unknown'} value not shown)"


def _number(item: Dataset) -> str:
    measured = item.get("MeasuredValueSequence") or []
    if not measured:
        return "(no value)"
    value: Any = measured[0].get("NumericValue", "")
    units = measured[0].get("MeasurementUnitsCodeSequence") or []
    unit = str(units[0].get("CodeValue", "")) if units else ""
    unit = "" if unit == "1" else unit  # UCUM "1": no unit
    return _cut(f"{value} {unit}".strip())


def _cut(text: str) -> str:
    return text if len(text) <= MAX_VALUE_CHARS else text[:MAX_VALUE_CHARS] + "…"


def _line_text(line: ReportLine) -> str:
    return f"{line.name}: {line.value}" if line.value else line.name
