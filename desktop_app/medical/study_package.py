"""One study as one attachment: a small manifest, then the DICOM files in viewing order.

Layout (docs/e2e.md, "Study attachments"): ``WLSTUDY1``, a 4-byte big-endian manifest
length, the manifest as UTF-8 JSON (patient-free summary, series with their instances'
sizes, positions and thicknesses, in display order), then the instances' bytes
concatenated in exactly that order. Producing and reading are streams of chunks, so
neither side holds more than one chunk of the study (plus, when viewing, one series).
No file names travel: nothing in the package can name a path on the receiver's disk.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from desktop_app.medical import limits
from desktop_app.medical.dicom_text import one_line
from desktop_app.medical.study import (
    MAX_STUDY_BYTES,
    MAX_STUDY_FILES,
    MAX_STUDY_SERIES,
    Study,
    StudySummary,
)

MAGIC = b"WLSTUDY1"
MIME_TYPE = "application/vnd.wardlink.study"
SUFFIX = ".wlstudy"
# The manifest lists at most MAX_STUDY_FILES instances at ~100 bytes each.
MAX_MANIFEST_BYTES = 4 << 20


class PackageRefused(ValueError):
    """The bytes are not a well-formed study package; the message says why."""


@dataclass(frozen=True)
class PackedInstance:
    size: int
    number: int | None
    position: float | None
    thickness: float | None


@dataclass(frozen=True)
class PackedSeries:
    number: int | None
    modality: str
    description: str
    body_part: str
    instances: tuple[PackedInstance, ...]


@dataclass(frozen=True)
class Manifest:
    summary: StudySummary
    series: tuple[PackedSeries, ...]
    header_bytes: int = 0  # magic, length and manifest: where the first instance starts

    def offsets(self) -> list[tuple[int, int]]:
        """(first, past-the-end) instance index of each series in the stream."""
        out, start = [], 0
        for s in self.series:
            out.append((start, start + len(s.instances)))
            start += len(s.instances)
        return out


def manifest_of(study: Study) -> dict[str, Any]:
    summary = study.summary()
    return {
        "version": 1,
        "summary": {
            "modalities": list(summary.modalities),
            "body_parts": list(summary.body_parts),
            "series": summary.series,
            "images": summary.images,
            "size": summary.size,
        },
        "series": [
            {
                "number": s.number,
                "modality": s.modality,
                "description": s.description,
                "body_part": s.body_part,
                "instances": [
                    [i.ref.size, i.instance_number, i.position, i.thickness] for i in s.instances
                ],
            }
            for s in study.series
        ],
    }


def package_chunks(study: Study) -> Iterator[bytes]:
    """The package, streamed: one instance chunk at a time is in memory."""
    manifest = json.dumps(manifest_of(study), separators=(",", ":")).encode()
    yield MAGIC + len(manifest).to_bytes(4, "big") + manifest
    for series in study.series:
        for instance in series.instances:
            yield from instance.ref.chunks()


def package_size(study: Study) -> int:
    manifest = json.dumps(manifest_of(study), separators=(",", ":")).encode()
    return len(MAGIC) + 4 + len(manifest) + study.summary().size


class _Reader:
    """read(n) over an iterator of chunks."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._buffer = bytearray()

    def read(self, size: int) -> bytes:
        while len(self._buffer) < size:
            chunk = next(self._chunks, None)
            if chunk is None:
                raise PackageRefused("the study package is cut short")
            self._buffer += chunk
        data = bytes(self._buffer[:size])
        del self._buffer[:size]
        return data


def _opt(value: Any, kind: type) -> Any:
    if value is None:
        return None
    if kind is int and isinstance(value, int) and not isinstance(value, bool):
        return value
    is_number = isinstance(value, int | float) and not isinstance(value, bool)
    if kind is float and is_number and math.isfinite(value):
        return float(value)
    raise PackageRefused("malformed study manifest")


def _parse(raw: bytes) -> Manifest:
    try:
        data = json.loads(raw)
        summary = data["summary"]
        series_out = []
        total = 0
        count = 0
        if len(data["series"]) > MAX_STUDY_SERIES:
            raise PackageRefused(f"the study manifest lists more than {MAX_STUDY_SERIES} series")
        for s in data["series"]:
            if not s["instances"]:  # a row without images; would shift every row after it
                raise PackageRefused("the study manifest lists a series without images")
            instances = []
            for size, number, position, thickness in s["instances"]:
                if not isinstance(size, int) or not 0 < size <= limits.MAX_FILE_BYTES:
                    raise PackageRefused("an instance size in the manifest is out of range")
                total += size
                count += 1
                instances.append(
                    PackedInstance(
                        size, _opt(number, int), _opt(position, float), _opt(thickness, float)
                    )
                )
            series_out.append(
                PackedSeries(
                    _opt(s["number"], int),
                    one_line(str(s["modality"]))[:16],  # the sender's words: one line each
                    one_line(str(s["description"]))[:64],
                    one_line(str(s["body_part"]))[:16],
                    tuple(instances),
                )
            )
        if count > MAX_STUDY_FILES or total > MAX_STUDY_BYTES:
            raise PackageRefused("the study manifest declares too many or too large files")
        return Manifest(
            StudySummary(
                tuple(one_line(str(m))[:16] for m in summary["modalities"]),
                tuple(one_line(str(b))[:16] for b in summary["body_parts"]),
                len(series_out),
                count,
                total,
            ),
            tuple(series_out),
        )
    except PackageRefused:
        raise
    except (ValueError, KeyError, TypeError) as exc:
        raise PackageRefused(f"malformed study manifest ({exc})") from exc


def read_manifest(chunks: Iterator[bytes]) -> tuple[Manifest, _Reader]:
    """The manifest, and a reader positioned at the first instance."""
    reader = _Reader(chunks)
    if reader.read(len(MAGIC)) != MAGIC:
        raise PackageRefused("not a WardLink study package")
    length = int.from_bytes(reader.read(4), "big")
    if length > MAX_MANIFEST_BYTES:
        raise PackageRefused("the study manifest is too large")
    parsed = _parse(reader.read(length))
    return replace(parsed, header_bytes=len(MAGIC) + 4 + length), reader


def series_arrived(manifest: Manifest, package_bytes: int) -> int:
    """How many series (from the first) lie wholly within the package's first
    ``package_bytes``: what a viewer can show while the rest is still downloading."""
    end = manifest.header_bytes
    ready = 0
    for series in manifest.series:
        end += sum(i.size for i in series.instances)
        if end > package_bytes:
            break
        ready += 1
    return ready


def read_series(chunks: Iterator[bytes], index: int) -> tuple[Manifest, list[bytes]]:
    """The instances of series ``index`` (in display order); earlier series are skipped
    chunk by chunk, later ones never read, so memory is one series."""
    manifest, reader = read_manifest(chunks)
    if not 0 <= index < len(manifest.series):
        raise PackageRefused(f"the study has no series {index + 1}")
    start, end = manifest.offsets()[index]
    flat = [i for s in manifest.series for i in s.instances]
    for instance in flat[:start]:
        _skip(reader, instance.size)
    return manifest, [reader.read(i.size) for i in flat[start:end]]


def _skip(reader: _Reader, size: int) -> None:
    while size:
        step = min(size, 1 << 20)
        reader.read(step)
        size -= step


def read_thumbnail_sources(
    chunks: Iterator[bytes], ready: int | None = None
) -> tuple[Manifest, dict[int, bytes]]:
    """The middle instance of every series (of the first ``ready`` ones: those that have
    arrived), keyed by the series' index, in one pass (memory: one file per series), for
    the series browser. Keyed, not listed: a picture can only go under its own series."""
    manifest, reader = read_manifest(chunks)
    picked: dict[int, bytes] = {}
    for index, series in enumerate(manifest.series[:ready]):
        middle = len(series.instances) // 2
        for k, instance in enumerate(series.instances):
            if k == middle:
                picked[index] = reader.read(instance.size)
            else:
                _skip(reader, instance.size)
    return manifest, picked
