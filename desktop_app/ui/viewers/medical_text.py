"""Why a medical file cannot be shown, in the UI language.

The medical layer's messages are English and technical (they name tags, codecs and
limits): right for IT and the logs, not for a nurse reading a German viewer. She reads
one sentence per kind of failure in the UI language; the layer's own words follow in
brackets, for whoever she asks for help.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop_app.medical.errors import (
    MedicalError,
    NotAnImage,
    NotAWaveform,
    NotDicom,
    TooLarge,
    UnsupportedCompression,
)
from desktop_app.medical.key_image import KeyImageError
from desktop_app.medical.presentation_state import PresentationError
from desktop_app.medical.study import StudyRefused


def _sentence(exc: MedicalError) -> str:
    """The first kind ``exc`` is, in this order (subclasses before the fallback)."""
    translate = QCoreApplication.translate
    kinds: tuple[tuple[type[MedicalError], str], ...] = (
        (
            UnsupportedCompression,
            translate(
                "MedicalText", "The image is compressed with a method WardLink cannot decode."
            ),
        ),
        (NotDicom, translate("MedicalText", "This is not a DICOM file that WardLink can read.")),
        (TooLarge, translate("MedicalText", "The file is too large to be shown on this PC.")),
        (NotAnImage, translate("MedicalText", "The file holds no image.")),
        (
            NotAWaveform,
            translate("MedicalText", "The file holds no ECG curves that can be shown."),
        ),
        (StudyRefused, translate("MedicalText", "The study cannot be opened.")),
        (KeyImageError, translate("MedicalText", "The key image note cannot be used.")),
        (PresentationError, translate("MedicalText", "The annotations cannot be shown.")),
    )
    found = next((text for kind, text in kinds if isinstance(exc, kind)), None)
    return found or translate("MedicalText", "The file is damaged or incomplete.")


def medical_error_text(exc: BaseException) -> str:
    """One line for the person at the PC: the kind of failure in the UI language, then
    the medical layer's English detail in brackets (any other error: its own words)."""
    detail = str(exc) or type(exc).__name__
    if not isinstance(exc, MedicalError):
        return detail
    return f"{_sentence(exc)} ({detail})"
