"""What kind of clinical object an attachment is, and PDFs handed out as bytes.

ECG carts often export a PDF report instead of a DICOM waveform, either as a bare PDF
file or wrapped in a DICOM Encapsulated PDF object; both come back as PDF bytes with
`kind == PDF` so the viewer can hand them to a PDF renderer. Nothing is rendered here.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path

from desktop_app.medical import limits
from desktop_app.medical.errors import CorruptImage, NotDicom, TooLarge, reported_as_corrupt
from desktop_app.medical.loading import DicomSource, describe, read_dataset
from desktop_app.medical.structured_report import is_report

ENCAPSULATED_PDF = "1.2.840.10008.5.1.4.1.1.104.1"
WAVEFORM_SOP_CLASSES = frozenset(
    {
        "1.2.840.10008.5.1.4.1.1.9.1.1",  # 12-lead ECG
        "1.2.840.10008.5.1.4.1.1.9.1.2",  # General ECG
        "1.2.840.10008.5.1.4.1.1.9.1.3",  # Ambulatory ECG
        "1.2.840.10008.5.1.4.1.1.9.1.4",  # 12-lead ECG (new, 2023)
        "1.2.840.10008.5.1.4.1.1.9.2.1",  # Hemodynamic
        "1.2.840.10008.5.1.4.1.1.9.3.1",  # Basic cardiac electrophysiology
    }
)
PDF_MAGIC = b"%PDF-"


class ObjectKind(enum.StrEnum):
    IMAGE = "image"
    ECG = "ecg"
    PDF = "pdf"
    REPORT = "report"  # a DICOM Structured Report (medical/structured_report.py)
    OTHER = "other"  # valid DICOM we do not display (SR, RT plan ...)


@dataclass(frozen=True)
class PdfDocument:
    data: bytes
    title: str
    from_dicom: bool
    kind: ObjectKind = ObjectKind.PDF


def _head(source: DicomSource, size: int) -> bytes:
    if isinstance(source, Path):
        try:
            with source.open("rb") as fp:
                return fp.read(size)
        except OSError as exc:
            raise NotDicom(f"cannot read {source.name}: {exc.strerror}") from exc
    return bytes(source[:size])


def identify(source: DicomSource) -> ObjectKind:
    """Classify without decoding pixels or samples."""
    if _head(source, len(PDF_MAGIC)) == PDF_MAGIC:
        return ObjectKind.PDF
    with reported_as_corrupt(f"damaged DICOM file {describe(source)}"):
        ds = read_dataset(source, with_pixels=False)
        sop_class = str(ds.get("SOPClassUID", ""))
        if sop_class == ENCAPSULATED_PDF:
            return ObjectKind.PDF
        if sop_class in WAVEFORM_SOP_CLASSES or "WaveformSequence" in ds:
            return ObjectKind.ECG
        if "Rows" in ds:
            return ObjectKind.IMAGE
        if is_report(ds):
            return ObjectKind.REPORT
        return ObjectKind.OTHER


def load_pdf(source: DicomSource) -> PdfDocument:
    """PDF bytes from a bare PDF or a DICOM Encapsulated PDF."""
    label = describe(source)
    if _head(source, len(PDF_MAGIC)) == PDF_MAGIC:
        data = source.read_bytes() if isinstance(source, Path) else bytes(source)
        _check_size(len(data))
        return PdfDocument(data, label, from_dicom=False)
    with reported_as_corrupt(f"damaged DICOM file {label}"):
        ds = read_dataset(source, with_pixels=False)
        if str(ds.get("SOPClassUID", "")) != ENCAPSULATED_PDF:
            raise CorruptImage(f"{label} is not an encapsulated PDF")
        data = bytes(ds.EncapsulatedDocument)
        _check_size(len(data))
        declared = ds.get("EncapsulatedDocumentLength")
        if declared is not None and int(declared) > len(data):
            raise CorruptImage(f"{label}: document cut short ({len(data)} of {declared} bytes)")
        if declared is not None and int(declared) > 0:
            data = data[: int(declared)]  # drop the even-length pad byte
        if not data.startswith(PDF_MAGIC):
            raise CorruptImage(f"{label}: the encapsulated document is not a PDF")
        title = str(ds.get("DocumentTitle", "")) or label
        return PdfDocument(data, title, from_dicom=True)


def _check_size(size: int) -> None:
    if size > limits.MAX_DOCUMENT_BYTES:
        raise TooLarge(f"document is {size >> 20} MiB (MAX_DOCUMENT_BYTES)")
