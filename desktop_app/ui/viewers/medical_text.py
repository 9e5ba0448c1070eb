"""Why a medical file cannot be shown, in the UI language.

The medical layer's messages are English and technical (they name tags, codecs and
limits): right for IT and the logs, not for a nurse reading a German viewer. She reads
one sentence per kind of failure in the UI language; the layer's own words follow in
brackets, for whoever she asks for help.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop_app.medical.deidentify import DeidWarning
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


def medical_error_text(exc: BaseException, otherwise: str = "") -> str:
    """One line for the person at the PC: the kind of failure in the UI language, then
    the medical layer's English detail in brackets. Any other error (a library's
    ValueError, a decoder process that died): ``otherwise``, or a general sentence,
    then its own words in brackets."""
    detail = str(exc) or type(exc).__name__
    if isinstance(exc, MedicalError):
        return f"{_sentence(exc)} ({detail})"
    sentence = otherwise or QCoreApplication.translate(
        "MedicalText",
        "WardLink could not process this file on this PC; try again, and tell IT if it persists.",
    )
    return f"{sentence} ({detail})"


def deid_warning_text(warning: DeidWarning) -> str:
    """What removing the patient identifiers from the tags could not do, in the UI language."""
    translate = QCoreApplication.translate
    texts = {
        DeidWarning.BURNED_IN: translate(
            "MedicalText",
            "patient data may be burned into the image itself (BurnedInAnnotation YES); check the picture before passing it on",  # noqa: E501
        ),
        DeidWarning.RECOGNISABLE: translate(
            "MedicalText",
            "the image shows features by which the patient can be recognised (e.g. a face)",
        ),
        DeidWarning.ENCAPSULATED: translate(
            "MedicalText", "the document (PDF) inside the file still contains its patient data"
        ),
    }
    return texts[warning]
