"""Key image flag: "this slice" of a study as a DICOM Key Object Selection (KOS) document.

The KOS (made with highdicom, document title "Of Interest") references one instance by
SOP Instance UID and its series; it travels as a reply to the study's message, and the
receiver's study viewer opens at that slice. Like any received object it is checked
before use: the SOP class, and a sane number of references.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import highdicom as hd
from pydicom.dataset import Dataset
from pydicom.sr.codedict import codes
from pydicom.uid import generate_uid

from desktop_app.medical.errors import MedicalError, reported_as_corrupt
from desktop_app.medical.loading import DicomSource, describe, read_dataset

KOS_SOP_CLASS = "1.2.840.10008.5.1.4.1.1.88.59"
MAX_KEY_REFERENCES = 1000


class KeyImageError(MedicalError):
    """A key object selection that cannot be used (not one, or no usable reference)."""


@dataclass(frozen=True)
class KeyImage:
    sop_instance_uid: str
    series_instance_uid: str
    description: str


def make_key_image(instance: Dataset, description: str = "") -> bytes:
    """A KOS document (Part 10 bytes) flagging `instance` (its header suffices)."""
    content = hd.ko.KeyObjectSelection(
        document_title=codes.DCM.OfInterest,
        referenced_objects=[instance],
        description=description[:1024] or None,
    )
    document = hd.ko.KeyObjectSelectionDocument(
        evidence=[instance],
        content=content,
        series_instance_uid=generate_uid(),
        series_number=1,
        sop_instance_uid=generate_uid(),
        instance_number=1,
        manufacturer="WardLink",
    )
    out = io.BytesIO()
    document.save_as(out, enforce_file_format=True)
    return out.getvalue()


def is_key_image(source: DicomSource) -> bool:
    try:
        ds = read_dataset(source, with_pixels=False)
    except MedicalError:
        return False
    return str(ds.get("SOPClassUID", "")) == KOS_SOP_CLASS


def read_key_image(source: DicomSource) -> KeyImage:
    """The first instance a KOS flags; KeyImageError (one line) if there is none."""
    label = describe(source)
    with reported_as_corrupt(f"damaged key image note {label}"):
        ds = read_dataset(source, with_pixels=False)
        if str(ds.get("SOPClassUID", "")) != KOS_SOP_CLASS:
            raise KeyImageError(f"{label} is not a key object selection")
        found: list[KeyImage] = []
        for study in ds.get("CurrentRequestedProcedureEvidenceSequence", []):
            for series in study.get("ReferencedSeriesSequence", []):
                for item in series.get("ReferencedSOPSequence", []):
                    found.append(
                        KeyImage(
                            str(item.get("ReferencedSOPInstanceUID", "")),
                            str(series.get("SeriesInstanceUID", "")),
                            _description(ds),
                        )
                    )
                    if len(found) > MAX_KEY_REFERENCES:
                        raise KeyImageError(f"{label} flags more than {MAX_KEY_REFERENCES} images")
        usable = [k for k in found if k.sop_instance_uid]
        if not usable:
            raise KeyImageError(f"{label} does not say which image it flags")
        return usable[0]


def _description(ds: Dataset) -> str:
    for item in ds.get("ContentSequence", []):
        if str(item.get("ValueType", "")) == "TEXT":
            return str(item.get("TextValue", ""))
    return ""
