"""DICOM and ECG decoding into display-ready arrays; pure, no Qt.

Entry points (everything raises a MedicalError subclass for unusable input):

    identify(source)                  -> ObjectKind (image, ecg, pdf, other)
    load_image(source)                -> LoadedImage (header checked against limits)
    decode_frame(image, n)            -> stored values of frame n
    prepare(image, pixels) / render() -> display copy and uint8 pixels for a VOI
    first_display(image, n)           -> both at once (open -> first paint)
    DecodeWorker(...).decode(src, n)  -> Future[DecodedFrame], decoded in a process
    pixel_spacing(ds), distance(), angle()
    load_ecg(source)                  -> EcgRecording (leads in mV + annotations)
    load_pdf(source)                  -> PdfDocument
    deidentify(source, UidMapper())   -> DeidResult
    summarize(source)                 -> [(label, value)] for --info
"""

from desktop_app.medical.deidentify import DeidResult, UidMapper, deidentify
from desktop_app.medical.display import DisplaySource, first_display, prepare, render
from desktop_app.medical.documents import ObjectKind, PdfDocument, identify, load_pdf
from desktop_app.medical.ecg import EcgRecording, FilterSettings, Lead, load_ecg
from desktop_app.medical.errors import (
    CorruptImage,
    MedicalError,
    NotAnImage,
    NotAWaveform,
    NotDicom,
    TooLarge,
    UnsupportedCompression,
)
from desktop_app.medical.geometry import CalibrationKind, Spacing, angle, distance, pixel_spacing
from desktop_app.medical.greyscale import VoiFunction, Window, build_lut
from desktop_app.medical.loading import LoadedImage, load_image
from desktop_app.medical.pixels import decode_frame
from desktop_app.medical.summary import format_summary, summarize
from desktop_app.medical.worker import DecodedFrame, DecodeWorker

__all__ = [
    "CalibrationKind",
    "CorruptImage",
    "DecodeWorker",
    "DecodedFrame",
    "DeidResult",
    "DisplaySource",
    "EcgRecording",
    "FilterSettings",
    "Lead",
    "LoadedImage",
    "MedicalError",
    "NotAWaveform",
    "NotAnImage",
    "NotDicom",
    "ObjectKind",
    "PdfDocument",
    "Spacing",
    "TooLarge",
    "UidMapper",
    "UnsupportedCompression",
    "VoiFunction",
    "Window",
    "angle",
    "build_lut",
    "decode_frame",
    "deidentify",
    "distance",
    "first_display",
    "format_summary",
    "identify",
    "load_ecg",
    "load_image",
    "load_pdf",
    "pixel_spacing",
    "prepare",
    "render",
    "summarize",
]
