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
    translate = QCoreApplication.translate
    if isinstance(exc, UnsupportedCompression):
        return translate(
            "MedicalText", "The image is compressed with a method WardLink cannot decode."
        )
    if isinstance(exc, NotDicom):
        return translate("MedicalText", "This is not a DICOM file that WardLink can read.")
    if isinstance(exc, TooLarge):
        return translate("MedicalText", "The file is too large to be shown on this PC.")
    if isinstance(exc, NotAnImage):
        return translate("MedicalText", "The file holds no image.")
    if isinstance(exc, NotAWaveform):
        return translate("MedicalText", "The file holds no ECG curves that can be shown.")
    if isinstance(exc, StudyRefused):
        return translate("MedicalText", "The study cannot be opened.")
    if isinstance(exc, KeyImageError):
        return translate("MedicalText", "The key image note cannot be used.")
    if isinstance(exc, PresentationError):
        return translate("MedicalText", "The annotations cannot be shown.")
    return translate("MedicalText", "The file is damaged or incomplete.")


def medical_error_text(exc: BaseException) -> str:
    """One line for the person at the PC: the kind of failure in the UI language, then
    the medical layer's English detail in brackets (any other error: its own words)."""
    detail = str(exc) or type(exc).__name__
    if not isinstance(exc, MedicalError):
        return detail
    return f"{_sentence(exc)} ({detail})"
