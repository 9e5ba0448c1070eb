"""Typed failures of the medical layer.

Every way a file can be wrong ends in one of these, so a viewer can show one clear line
and never a traceback. The message is written for the person at the ward PC.
"""


class MedicalError(Exception):
    """Base class: the file cannot be shown, and the message says why."""


class NotDicom(MedicalError):
    """The bytes are not a DICOM Part 10 file (no preamble/"DICM" or no readable header)."""


class UnsupportedCompression(MedicalError):
    """The transfer syntax is known to DICOM but no installed, permitted codec decodes it."""

    def __init__(self, name: str) -> None:
        super().__init__(f"unsupported compression: {name}")
        self.name = name


class CorruptImage(MedicalError):
    """The header or the pixel data contradicts itself or is cut short."""


class TooLarge(MedicalError):
    """The declared size exceeds a named limit; refused before anything is allocated."""


class NotAnImage(MedicalError):
    """A valid DICOM object without pixel data (report, waveform, PDF ...)."""


class NotAWaveform(MedicalError):
    """Asked for ECG traces, but the object carries no usable waveform."""
