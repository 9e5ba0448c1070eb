"""Metadata summary for `wardlink view --info` and the viewer's metadata panel.

Returns (label, value) rows rather than formatted text so the Qt panel and the CLI
can lay them out differently; `format_summary` is the plain-text form.
"""

from __future__ import annotations

from pydicom import uid
from pydicom.dataset import Dataset

from desktop_app.medical import dicom_text
from desktop_app.medical.documents import ObjectKind, identify, load_pdf
from desktop_app.medical.ecg import ecg_from_dataset
from desktop_app.medical.errors import reported_as_corrupt
from desktop_app.medical.geometry import pixel_spacing
from desktop_app.medical.greyscale import greyscale_chain
from desktop_app.medical.loading import DicomSource, ImageHeader, describe, read_dataset
from desktop_app.medical.structured_report import report_of

Row = tuple[str, str]

LOSSY_SYNTAXES = frozenset(
    {
        uid.JPEGBaseline8Bit,
        uid.JPEGExtended12Bit,
        uid.JPEGLSNearLossless,
        uid.JPEG2000,
        uid.HTJ2K,
        uid.MPEG2MPML,
        uid.MPEG2MPHL,
        uid.MPEG4HP41,
        uid.HEVCMP51,
    }
)


def is_lossy(ds: Dataset) -> bool:
    """Lossy if the header says it ever was (LossyImageCompression 01) or the syntax is."""
    if str(ds.get("LossyImageCompression", "")).strip() == "01":
        return True
    return str(ds.file_meta.get("TransferSyntaxUID", "")) in LOSSY_SYNTAXES


def _text(ds: Dataset, keyword: str) -> str:
    """A header value as one line of the summary (dicom_text.one_line: the file's words)."""
    value = ds.get(keyword)
    return "" if value is None else dicom_text.one_line(str(value))


def _common(ds: Dataset, language: str) -> list[Row]:
    study_date = dicom_text.date(_text(ds, "StudyDate"), language)
    rows = [
        ("Patient", dicom_text.person_name(_text(ds, "PatientName"))),
        ("Patient ID", _text(ds, "PatientID")),
        ("Birth date", dicom_text.date(_text(ds, "PatientBirthDate"), language)),
        ("Sex", _text(ds, "PatientSex")),
        ("Study", f"{study_date} {_text(ds, 'StudyDescription')}".strip()),
        ("Accession", _text(ds, "AccessionNumber")),
        ("Series", f"{_text(ds, 'SeriesNumber')} {_text(ds, 'SeriesDescription')}".strip()),
        ("Modality", _text(ds, "Modality")),
        ("Institution", _text(ds, "InstitutionName")),
    ]
    return [row for row in rows if row[1]]


def _image_rows(ds: Dataset) -> list[Row]:
    header = ImageHeader.from_dataset(ds)
    spacing = pixel_spacing(ds)
    chain = greyscale_chain(ds, header.bits_stored)
    rows = [
        ("Image", f"{header.columns} x {header.rows}, {header.frames} frame(s)"),
        ("Pixels", f"{header.bits_stored}/{header.bits_allocated} bit, {header.photometric}"),
        ("Transfer syntax", uid.UID(header.transfer_syntax).name),
        ("Lossy", "yes" if is_lossy(ds) else "no"),
        (
            "Pixel spacing",
            f"{spacing.row_mm:.4g} x {spacing.column_mm:.4g} {spacing.unit} "
            f"({spacing.kind.value}; {spacing.source})",
        ),
    ]
    for w in chain.windows:
        rows.append(("Window", f"{w.explanation}: C {w.center:g} / W {w.width:g} {w.function}"))
    for lut in chain.voi_luts:
        rows.append(("VOI LUT", lut.explanation or f"{len(lut.data)} entries"))
    return rows


def _ecg_rows(ds: Dataset) -> list[Row]:
    ecg = ecg_from_dataset(ds)
    rows: list[Row] = []
    for index, label in enumerate(ecg.group_labels):
        leads = ecg.group(index)
        if leads:
            rows.append(
                (
                    f"Group {index + 1}",
                    f"{label}: {len(leads)} leads, {leads[0].sample_rate_hz:g} Hz, "
                    f"{leads[0].duration_s:g} s",
                )
            )
    for f in ecg.filters:
        rows.append(("Filter", f"low {f.low_hz} Hz, high {f.high_hz} Hz, notch {f.notch_hz} Hz"))
    rows += [(m.name, f"{m.value:g} {m.unit}") for m in ecg.measurements]
    rows += [("Statement", s) for s in ecg.statements]
    return rows


def summarize(source: DicomSource, language: str = "en") -> list[Row]:
    """Rows describing the object without decoding its pixels; names and dates formatted
    for ``language`` ("de": 14.03.1958, otherwise ISO 1958-03-14)."""
    kind = identify(source)
    rows: list[Row] = [("File", describe(source)), ("Kind", kind.value)]
    with reported_as_corrupt(f"cannot summarise {describe(source)}"):
        if kind is ObjectKind.PDF:
            doc = load_pdf(source)
            return [*rows, ("Title", doc.title), ("Size", f"{len(doc.data)} bytes")]
        ds = read_dataset(source, with_pixels=False)
        rows += _common(ds, language)
        if kind is ObjectKind.IMAGE:
            rows += _image_rows(ds)
        elif kind is ObjectKind.ECG:
            rows += _ecg_rows(ds)
        elif kind is ObjectKind.REPORT:
            report = report_of(ds)
            rows += [
                ("Report", report.title),
                ("Completion", report.completion or "-"),
                ("Verification", report.verification or "-"),
            ]
            if report.observer:
                rows.append(("Verified by", report.observer))
    return rows


def report_text(source: DicomSource) -> str | None:
    """The content tree of a Structured Report, indented; None for anything else."""
    if identify(source) is not ObjectKind.REPORT:
        return None
    with reported_as_corrupt(f"cannot read the report {describe(source)}"):
        return report_of(read_dataset(source, with_pixels=False)).as_text()


def format_summary(rows: list[Row]) -> str:
    width = max(len(label) for label, _ in rows)
    return "\n".join(f"{label:<{width}}  {value}" for label, value in rows)
