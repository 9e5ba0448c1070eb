"""Read a DICOM file safely: header first, limits checked, only then pixel data.

The order matters for hostile files: we parse the header with ``stop_before_pixels``,
multiply out the declared image size and compare it with ``limits`` before pydicom is
allowed to touch Pixel Data, so a file declaring 60 GB costs a few kilobytes of memory.
Any exception pydicom or a codec raises on the way becomes a MedicalError subclass.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from pydicom import dcmread
from pydicom.dataelem import RawDataElement
from pydicom.dataset import Dataset
from pydicom.errors import InvalidDicomError
from pydicom.filereader import _read_file_meta_info, read_preamble
from pydicom.uid import (
    UID,
    DeflatedExplicitVRLittleEndian,
    ExplicitVRLittleEndian,
    ImplicitVRLittleEndian,
)

from desktop_app.medical import legacy, limits
from desktop_app.medical.codecs import NATIVE_SYNTAXES, check_supported, syntax_name
from desktop_app.medical.deflated import read_deflated
from desktop_app.medical.errors import (
    CorruptImage,
    MedicalError,
    NotAnImage,
    NotDicom,
    TooLarge,
    reported_as_corrupt,
)

DicomSource = Path | bytes

_PIXEL_KEYWORDS = ("PixelData", "FloatPixelData", "DoubleFloatPixelData")


def describe(source: DicomSource) -> str:
    """Short label for messages: the file name, or the size of an in-memory blob."""
    return source.name if isinstance(source, Path) else f"<{len(source)} bytes>"


def _open(source: DicomSource) -> BinaryIO:
    if isinstance(source, Path):
        try:
            size = source.stat().st_size
        except OSError as exc:
            raise NotDicom(f"cannot read {source.name}: {exc.strerror}") from exc
        if size > limits.MAX_FILE_BYTES:
            raise TooLarge(
                f"{source.name} is {size >> 20} MiB; the limit is "
                f"{limits.MAX_FILE_BYTES >> 20} MiB (MAX_FILE_BYTES)"
            )
        return source.open("rb")
    if len(source) > limits.MAX_FILE_BYTES:
        raise TooLarge(f"object is {len(source) >> 20} MiB (MAX_FILE_BYTES)")
    return io.BytesIO(source)


_UNDEFINED_LENGTH = 0xFFFFFFFF


def _convert_all(ds: Dataset) -> None:
    """Convert every raw element now, and notice values cut short by the end of file.

    pydicom converts values lazily (a damaged element would otherwise fail later, in
    display code) and silently returns a short value when the file ends inside it.
    The declared length is only visible on the raw element, before conversion.
    """
    for tag in list(ds.keys()):
        raw = ds._dict[tag]  # pydicom offers no public view of the raw element
        if (
            isinstance(raw, RawDataElement)
            and raw.value is not None
            and raw.length != _UNDEFINED_LENGTH
            and len(raw.value) < raw.length
        ):
            raise CorruptImage(
                f"file is cut short inside {ds[tag].name}: "
                f"{len(raw.value)} of {raw.length} bytes present"
            )
        elem = ds[tag]
        if elem.VR == "SQ":
            for item in elem.value:
                _convert_all(item)


LEGACY_HEAD_BYTES = 4096


def _legacy_syntax(fp: BinaryIO) -> UID | None:
    """The transfer syntax of a file without preamble that looks like a data set
    (medical/legacy.py), or None: a Part 10 file, or not DICOM at all."""
    head = fp.read(LEGACY_HEAD_BYTES)
    fp.seek(0, io.SEEK_END)
    total = fp.tell()
    fp.seek(0)
    if len(head) >= 132 and head[128:132] == b"DICM":
        return None
    if not legacy.looks_like_legacy_dicom(head, total):
        return None
    explicit = legacy.is_explicit(head, total)
    return ExplicitVRLittleEndian if explicit else ImplicitVRLittleEndian


def read_dataset(source: DicomSource, *, with_pixels: bool) -> Dataset:
    """Parse a Part 10 file (or a plausible legacy one without preamble and file meta);
    without pixels unless asked (and the header was checked)."""
    with _open(source) as fp:
        try:
            legacy = _legacy_syntax(fp)
            meta, preamble = None, None
            if legacy is None:
                preamble = read_preamble(fp, False)
                meta = _read_file_meta_info(fp)
            if meta is not None and meta.get("TransferSyntaxUID") == DeflatedExplicitVRLittleEndian:
                ds = read_deflated(fp, preamble, meta, with_pixels=with_pixels)
            else:
                fp.seek(0)
                ds = dcmread(fp, stop_before_pixels=not with_pixels, force=legacy is not None)
            if legacy is not None:
                ds.file_meta.TransferSyntaxUID = legacy
            _convert_all(ds)
        except MedicalError:
            raise
        except InvalidDicomError as exc:
            raise NotDicom(f"{describe(source)} is not a DICOM file ({exc})") from exc
        except Exception as exc:  # pydicom raises many types on damaged headers
            raise CorruptImage(f"damaged DICOM header in {describe(source)}: {exc}") from exc
    if "TransferSyntaxUID" not in ds.file_meta:
        raise NotDicom(f"{describe(source)} has no transfer syntax in its file meta")
    return ds


def _int(ds: Dataset, keyword: str, default: int | None = None) -> int:
    try:
        value = ds.get(keyword, default)
        if value is None or value == "":
            raise CorruptImage(f"required attribute {keyword} is missing")
        return int(value)
    except (TypeError, ValueError) as exc:
        raise CorruptImage(f"attribute {keyword} is not a number: {exc}") from exc


@dataclass(frozen=True)
class ImageHeader:
    """The attributes that decide how many bytes a frame needs."""

    rows: int
    columns: int
    frames: int
    samples_per_pixel: int
    bits_allocated: int
    bits_stored: int
    pixel_representation: int
    photometric: str
    transfer_syntax: str

    @property
    def frame_bytes(self) -> int:
        return self.rows * self.columns * self.samples_per_pixel * self.bits_allocated // 8

    @property
    def total_bytes(self) -> int:
        return self.frame_bytes * self.frames

    @property
    def bytes_to_first_frame(self) -> int:
        """What decoding frame 1 makes: the frame, or all frames of a deflated data set
        (inflated whole before its Pixel Data can be read)."""
        if self.transfer_syntax == DeflatedExplicitVRLittleEndian:
            return self.total_bytes
        return self.frame_bytes

    @classmethod
    def from_dataset(cls, ds: Dataset) -> ImageHeader:
        """Validate the image pixel module against the named limits."""
        if not any(k in ds for k in ("Rows", *_PIXEL_KEYWORDS)):
            raise NotAnImage("this DICOM object has no image (no Rows / Pixel Data)")
        header = cls(
            rows=_int(ds, "Rows"),
            columns=_int(ds, "Columns"),
            frames=_int(ds, "NumberOfFrames", 1) or 1,
            samples_per_pixel=_int(ds, "SamplesPerPixel", 1),
            bits_allocated=_int(ds, "BitsAllocated"),
            bits_stored=_int(ds, "BitsStored", _int(ds, "BitsAllocated")),
            pixel_representation=_int(ds, "PixelRepresentation", 0),
            photometric=str(ds.get("PhotometricInterpretation", "MONOCHROME2")).strip(),
            transfer_syntax=str(ds.file_meta.TransferSyntaxUID),
        )
        header._check()
        return header

    def _check(self) -> None:
        if self.rows <= 0 or self.columns <= 0:
            raise CorruptImage(f"image has no pixels ({self.rows} x {self.columns})")
        if self.frames < 0 or self.frames > limits.MAX_FRAMES:
            raise TooLarge(f"{self.frames} frames exceed MAX_FRAMES ({limits.MAX_FRAMES})")
        if self.samples_per_pixel not in (1, 3):
            raise CorruptImage(f"SamplesPerPixel {self.samples_per_pixel} is not 1 or 3")
        if self.bits_allocated not in (1, 8, 16, 32, 64):
            raise CorruptImage(f"BitsAllocated {self.bits_allocated} is not 1/8/16/32/64")
        if not 0 < self.bits_stored <= self.bits_allocated:
            raise CorruptImage(
                f"BitsStored {self.bits_stored} does not fit BitsAllocated {self.bits_allocated}"
            )
        if self.frame_bytes > limits.MAX_FRAME_BYTES:
            raise TooLarge(
                f"one frame would need {self.frame_bytes >> 20} MiB "
                f"({self.rows} x {self.columns}); the limit is "
                f"{limits.MAX_FRAME_BYTES >> 20} MiB (MAX_FRAME_BYTES)"
            )
        if self.total_bytes > limits.MAX_PIXEL_BYTES:
            raise TooLarge(
                f"declared image size {self.total_bytes / (1 << 30):.1f} GiB exceeds "
                f"{limits.MAX_PIXEL_BYTES >> 20} MiB (MAX_PIXEL_BYTES)"
            )


@dataclass(frozen=True)
class LoadedImage:
    """A checked dataset with its pixel data read (still encoded if compressed)."""

    dataset: Dataset
    header: ImageHeader
    label: str


def _check_pixel_length(ds: Dataset, header: ImageHeader) -> None:
    elem = next((ds[k] for k in _PIXEL_KEYWORDS if k in ds), None)
    if elem is None or elem.value is None:
        raise NotAnImage("the image has no Pixel Data")
    if header.transfer_syntax not in NATIVE_SYNTAXES:
        return
    have = len(elem.value)
    if header.bits_allocated == 1:
        need = (header.rows * header.columns * header.frames + 7) // 8
    elif header.photometric == "YBR_FULL_422":
        need = header.total_bytes * 2 // 3  # two chroma samples shared by two pixels
    else:
        need = header.total_bytes
    if have < need:
        raise CorruptImage(f"pixel data is cut short: {have} of {need} bytes present")


def load_image(source: DicomSource) -> LoadedImage:
    """Open an image object; raises a MedicalError subclass for anything unusable."""
    label = describe(source)
    with reported_as_corrupt(f"damaged DICOM file {label}"):
        header_ds = read_dataset(source, with_pixels=False)
        header = ImageHeader.from_dataset(header_ds)
        check_supported(header.transfer_syntax)
        ds = read_dataset(source, with_pixels=True)
        if ImageHeader.from_dataset(ds) != header:
            raise CorruptImage("the header changed between reads")
        _check_pixel_length(ds, header)
        return LoadedImage(ds, header, label)


__all__ = [
    "DicomSource",
    "ImageHeader",
    "LoadedImage",
    "describe",
    "load_image",
    "read_dataset",
    "syntax_name",
]
