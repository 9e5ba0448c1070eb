"""A whole study from a folder, a DICOMDIR or a ZIP: series with their instances in order.

Only headers are read (``stop_before_pixels``), so scanning a 500 MB study costs a few
kilobytes per file; pixel data is touched later, one instance at a time, by whoever
streams or decodes it. Series are sorted by SeriesNumber; instances along the slice
normal (ImagePositionPatient . (row x column direction)) when every instance of the
series has a position and they share one orientation, else by InstanceNumber.

ZIPs come from outside: member names with ``..``, absolute paths or drive letters,
encrypted members, more than MAX_STUDY_FILES members, a declared total over
MAX_STUDY_BYTES or a compression ratio over MAX_ZIP_RATIO (a bomb) are refused with
StudyRefused before anything is inflated. Nothing is ever extracted to disk.
"""

from __future__ import annotations

import math
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

from pydicom import dcmread
from pydicom.dataset import Dataset
from pydicom.fileset import FileSet

from desktop_app.medical import limits
from desktop_app.medical.errors import MedicalError

# A CT/MR study of 2,000 slices in a few series is large; 10,000 files is not a study.
MAX_STUDY_FILES = 10_000
# Each series is a row with a thumbnail in the viewer's browser; a CT/MR study has tens.
MAX_STUDY_SERIES = 1_000
# Sum of all instances (declared sizes for ZIP members, file sizes otherwise).
MAX_STUDY_BYTES = 4 << 30
# Uncompressed/compressed per ZIP member; DICOM pixels rarely deflate beyond 10:1.
MAX_ZIP_RATIO = 100
# Members below this size are not ratio-checked (headers of tiny files compress well).
ZIP_RATIO_FLOOR = 1 << 20
# Bytes read per step when streaming an instance.
READ_CHUNK = 1 << 20


class StudyRefused(MedicalError):
    """The folder/DICOMDIR/ZIP is not a study we accept; the message says why."""


@dataclass(frozen=True)
class InstanceRef:
    """Where one instance's bytes are: a plain file, or a member of a ZIP file."""

    path: Path
    member: str | None
    size: int

    def open(self) -> IO[bytes]:
        if self.member is None:
            return self.path.open("rb")
        archive = zipfile.ZipFile(self.path)  # the member keeps the file open after we drop it
        return archive.open(self.member)

    def chunks(self) -> Iterator[bytes]:
        """The instance's bytes in READ_CHUNK steps, never more than its declared size."""
        left = self.size
        with self.open() as fh:
            while left > 0:
                data = fh.read(min(READ_CHUNK, left))
                if not data:
                    raise StudyRefused(f"{self.label} is shorter than declared")
                left -= len(data)
                yield data

    def read(self) -> bytes:
        return b"".join(self.chunks())

    @property
    def label(self) -> str:
        return self.member if self.member is not None else self.path.name


@dataclass(frozen=True)
class Instance:
    ref: InstanceRef
    sop_instance_uid: str
    instance_number: int | None
    position: float | None  # along the series' slice normal, in mm
    thickness: float | None  # SliceThickness in mm, if given


@dataclass(frozen=True)
class Series:
    uid: str
    number: int | None
    modality: str
    description: str
    body_part: str
    instances: tuple[Instance, ...]

    @property
    def size(self) -> int:
        return sum(i.ref.size for i in self.instances)


@dataclass(frozen=True)
class StudySummary:
    """What the chat card shows before anyone opens the study: no patient data."""

    modalities: tuple[str, ...]
    body_parts: tuple[str, ...]
    series: int
    images: int
    size: int

    def text(self) -> str:
        parts = [
            "/".join(self.modalities) or "DICOM",
            "/".join(self.body_parts),
            f"{self.series} series",
            f"{self.images} images",
            f"{self.size / (1 << 20):.1f} MB",
        ]
        return ", ".join(p for p in parts if p)


@dataclass(frozen=True)
class Study:
    series: tuple[Series, ...]

    def summary(self) -> StudySummary:
        return StudySummary(
            tuple(sorted({s.modality for s in self.series if s.modality})),
            tuple(sorted({s.body_part for s in self.series if s.body_part})),
            len(self.series),
            sum(len(s.instances) for s in self.series),
            sum(s.size for s in self.series),
        )


def load_study(path: Path) -> Study:
    """A folder (searched recursively), a DICOMDIR file or a ZIP; StudyRefused if unusable."""
    if path.is_dir():
        dicomdir = path / "DICOMDIR"
        refs = _dicomdir_refs(dicomdir) if dicomdir.is_file() else _folder_refs(path)
    elif path.name.upper() == "DICOMDIR":
        refs = _dicomdir_refs(path)
    elif zipfile.is_zipfile(path):
        refs = _zip_refs(path)
    else:
        raise StudyRefused(f"{path.name} is not a folder, a DICOMDIR or a ZIP")
    return build_study(refs)


def build_study(refs: list[InstanceRef]) -> Study:
    if len(refs) > MAX_STUDY_FILES:
        raise StudyRefused(f"more than {MAX_STUDY_FILES} files (MAX_STUDY_FILES)")
    if sum(r.size for r in refs) > MAX_STUDY_BYTES:
        raise StudyRefused(f"larger than {MAX_STUDY_BYTES >> 20} MiB (MAX_STUDY_BYTES)")
    groups: dict[str, list[tuple[Dataset, InstanceRef]]] = {}
    for ref in refs:
        ds = _header(ref)
        if ds is None or "Rows" not in ds:
            continue  # not an image (report, PDF, stray file): a study viewer skips it
        groups.setdefault(str(ds.get("SeriesInstanceUID", "")), []).append((ds, ref))
    if not groups:
        raise StudyRefused("no DICOM images found")
    if len(groups) > MAX_STUDY_SERIES:  # the receiver refuses such a package
        raise StudyRefused(f"more than {MAX_STUDY_SERIES} series (MAX_STUDY_SERIES)")
    series = [_series(uid, members) for uid, members in groups.items()]
    series.sort(key=lambda s: (s.number is None, s.number or 0, s.uid))
    return Study(tuple(series))


def _header(ref: InstanceRef) -> Dataset | None:
    if ref.size > limits.MAX_FILE_BYTES:
        raise StudyRefused(f"{ref.label} is larger than {limits.MAX_FILE_BYTES >> 20} MiB")
    try:
        with ref.open() as fh:
            head = fh.read(132)
            if len(head) < 132 or head[128:132] != b"DICM":
                return None
            fh.seek(0)  # a ZIP member re-inflates its first bytes: cheap
            return dcmread(fh, stop_before_pixels=True)
    except zipfile.BadZipFile as exc:
        raise StudyRefused(f"{ref.label}: damaged ZIP member ({exc})") from exc
    except Exception:  # pydicom raises many types on damaged headers; skip such a file
        return None


def _float3(value: object) -> tuple[float, float, float] | None:
    try:
        x, y, z = (float(v) for v in value)  # type: ignore[attr-defined]
    except (TypeError, ValueError):
        return None
    return (x, y, z) if all(math.isfinite(v) for v in (x, y, z)) else None


def _normal(ds: Dataset) -> tuple[float, float, float] | None:
    try:
        o = [float(v) for v in ds.ImageOrientationPatient]
    except (AttributeError, TypeError, ValueError):
        return None
    if len(o) != 6:
        return None
    r, c = o[:3], o[3:]
    n = (r[1] * c[2] - r[2] * c[1], r[2] * c[0] - r[0] * c[2], r[0] * c[1] - r[1] * c[0])
    length = math.sqrt(sum(v * v for v in n))
    return None if length < 1e-6 else (n[0] / length, n[1] / length, n[2] / length)


def _int_or_none(value: object) -> int | None:
    try:
        return int(value)  # type: ignore[call-overload, no-any-return]
    except (TypeError, ValueError):
        return None


def _float_or_none(value: object) -> float | None:
    try:
        f = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return f if math.isfinite(f) else None


def _series(uid: str, members: list[tuple[Dataset, InstanceRef]]) -> Series:
    first = members[0][0]
    normal = _normal(first)
    same = normal is not None and all(
        (n := _normal(ds)) is not None
        and sum(a * b for a, b in zip(n, normal, strict=True)) > 0.999
        for ds, _ in members
    )
    instances: list[Instance] = []
    for ds, ref in members:
        pos = _float3(ds.get("ImagePositionPatient"))
        along = None
        if same and normal is not None and pos is not None:
            along = sum(a * b for a, b in zip(pos, normal, strict=True))
        instances.append(
            Instance(
                ref,
                str(ds.get("SOPInstanceUID", "")),
                _int_or_none(ds.get("InstanceNumber")),
                along,
                _float_or_none(ds.get("SliceThickness")),
            )
        )
    if all(i.position is not None for i in instances):
        instances.sort(key=lambda i: (i.position, i.instance_number or 0))
    else:
        instances.sort(
            key=lambda i: (i.instance_number is None, i.instance_number or 0, i.sop_instance_uid)
        )
    return Series(
        uid,
        _int_or_none(first.get("SeriesNumber")),
        str(first.get("Modality", "")),
        str(first.get("SeriesDescription", "")),
        str(first.get("BodyPartExamined", "")),
        tuple(instances),
    )


def _folder_refs(root: Path) -> list[InstanceRef]:
    refs: list[InstanceRef] = []
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink() and path.name.upper() != "DICOMDIR":
            refs.append(InstanceRef(path, None, path.stat().st_size))
            if len(refs) > MAX_STUDY_FILES:
                raise StudyRefused(f"more than {MAX_STUDY_FILES} files (MAX_STUDY_FILES)")
    return refs


def _dicomdir_refs(dicomdir: Path) -> list[InstanceRef]:
    """Files a DICOMDIR lists; a referenced path that leaves its folder is refused."""
    root = dicomdir.parent.resolve()
    try:
        fileset = FileSet(dcmread(dicomdir))
    except Exception as exc:
        raise StudyRefused(f"unreadable DICOMDIR ({exc})") from exc
    refs: list[InstanceRef] = []
    for instance in fileset:
        path = Path(instance.path).resolve()
        if not path.is_relative_to(root):
            raise StudyRefused(f"the DICOMDIR points outside its folder: {instance.FileID}")
        if path.is_file():
            refs.append(InstanceRef(path, None, path.stat().st_size))
    return refs


def _safe_member_name(name: str) -> bool:
    if "\\" in name or name.startswith("/") or ":" in name.split("/")[0]:
        return False
    return ".." not in PurePosixPath(name).parts


def _zip_refs(path: Path) -> list[InstanceRef]:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise StudyRefused(f"{path.name} is a damaged ZIP ({exc})") from exc
    if len(infos) > MAX_STUDY_FILES:
        raise StudyRefused(f"{path.name} has more than {MAX_STUDY_FILES} files (MAX_STUDY_FILES)")
    refs: list[InstanceRef] = []
    total = 0
    for info in infos:
        if not _safe_member_name(info.filename):
            raise StudyRefused(f"{path.name} contains an unsafe path: {info.filename!r}")
        if info.is_dir():
            continue
        if info.flag_bits & 0x1:
            raise StudyRefused(f"{path.name} contains an encrypted file: {info.filename!r}")
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > ZIP_RATIO_FLOOR and ratio > MAX_ZIP_RATIO:
            raise StudyRefused(
                f"{path.name}: {info.filename!r} would inflate {ratio:.0f}-fold "
                f"(limit {MAX_ZIP_RATIO}, MAX_ZIP_RATIO); refused as a ZIP bomb"
            )
        total += info.file_size
        if total > MAX_STUDY_BYTES:
            raise StudyRefused(f"{path.name} inflates beyond {MAX_STUDY_BYTES >> 20} MiB")
        if PurePosixPath(info.filename).name.upper() != "DICOMDIR":
            refs.append(InstanceRef(path, info.filename, info.file_size))
    return refs


ZIP_PEEK_MEMBERS = 20  # members looked at when deciding whether a ZIP is a DICOM study


def zip_holds_dicom(path: Path) -> bool:
    """True if one of the first ZIP_PEEK_MEMBERS files starts like DICOM (132 bytes each,
    so a bomb costs nothing here; load_study applies the real checks)."""
    try:
        with zipfile.ZipFile(path) as archive:
            files = [i for i in archive.infolist() if not i.is_dir()][:ZIP_PEEK_MEMBERS]
            for info in files:
                if info.flag_bits & 0x1:
                    continue
                with archive.open(info) as fh:
                    if fh.read(132)[128:132] == b"DICM":
                        return True
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, ValueError):
        return False
    return False
