"""PDF ECG reports: bare PDF files and DICOM Encapsulated PDF come back as PDF bytes."""

from __future__ import annotations

import pytest
from pydicom import uid
from pydicom.dataset import Dataset
from pydicom.uid import generate_uid

from desktop_app.medical.documents import ENCAPSULATED_PDF, ObjectKind, identify, load_pdf
from desktop_app.medical.errors import CorruptImage, MedicalError
from tests.medical.generators import file_meta, patient_and_study, to_bytes

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"  # odd length on purpose


def encapsulated(document: bytes) -> bytes:
    sop = generate_uid()
    ds = Dataset()
    ds.file_meta = file_meta(uid.ExplicitVRLittleEndian, ENCAPSULATED_PDF, sop)
    ds.SOPClassUID, ds.SOPInstanceUID, ds.Modality = ENCAPSULATED_PDF, sop, "ECG"
    patient_and_study(ds)
    ds.DocumentTitle = "Ruhe-EKG 27.11."
    ds.MIMETypeOfEncapsulatedDocument = "application/pdf"
    ds.EncapsulatedDocumentLength = len(document)
    ds.EncapsulatedDocument = document + b"\0" * (len(document) % 2)
    return to_bytes(ds)


def test_encapsulated_pdf_returns_exact_pdf_bytes() -> None:
    data = encapsulated(PDF)
    assert identify(data) is ObjectKind.PDF
    doc = load_pdf(data)
    assert doc.data == PDF and doc.kind is ObjectKind.PDF
    assert doc.title == "Ruhe-EKG 27.11." and doc.from_dicom


def test_bare_pdf_ecg() -> None:
    doc = load_pdf(PDF)
    assert doc.data == PDF and not doc.from_dicom and doc.kind is ObjectKind.PDF


def test_encapsulated_non_pdf_and_truncated() -> None:
    with pytest.raises(CorruptImage, match="not a PDF"):
        load_pdf(encapsulated(b"GIF89a not a pdf"))
    data = encapsulated(PDF)
    inside_pdf = data.index(PDF) + 10
    for cut in (100, inside_pdf):
        with pytest.raises(MedicalError):
            load_pdf(data[:cut])
