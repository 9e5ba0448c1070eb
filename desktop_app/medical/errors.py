"""Typed failures of the medical layer.

Every way a file can be wrong ends in one of these, so a viewer can show one clear line
and never a traceback. The message is written for the person at the ward PC.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator


class MedicalError(Exception):
    """Base class: the file cannot be shown, and the message says why."""


class NotDicom(MedicalError):
    """The bytes are not a DICOM Part 10 file (no preamble/"DICM" or no readable header)."""


class UnsupportedCompression(MedicalError):
    """The transfer syntax is known to DICOM but no installed, permitted codec decodes it."""

    def __init__(self, name: str) -> None:
        super().__init__(f"unsupported compression: {name}")
        self.name = name

    def __reduce__(self) -> tuple[type[UnsupportedCompression], tuple[str]]:
        # Crosses the worker-process boundary by pickle; rebuild from the name.
        return (type(self), (self.name,))


class CorruptImage(MedicalError):
    """The header or the pixel data contradicts itself or is cut short."""


class TooLarge(MedicalError):
    """The declared size exceeds a named limit; refused before anything is allocated."""


class NotAnImage(MedicalError):
    """A valid DICOM object without pixel data (report, waveform, PDF ...)."""


class NotAWaveform(MedicalError):
    """Asked for ECG traces, but the object carries no usable waveform."""


@contextlib.contextmanager
def reported_as_corrupt(what: str) -> Iterator[None]:
    """Turn any unexpected exception from pydicom/numpy/codecs into CorruptImage.

    Used at the public entry points only: inside, code raises the precise subclass;
    at the edge, a bit flip that makes a library trip over itself still reaches the
    user as one clear line instead of a traceback.
    """
    try:
        yield
    except MedicalError:
        raise
    except MemoryError as exc:
        raise TooLarge(f"{what}: not enough memory ({exc})") from exc
    except BaseException as exc:
        if not is_library_failure(exc):
            raise
        raise CorruptImage(f"{what}: {first_line(exc)}") from exc


def is_library_failure(exc: BaseException) -> bool:
    """True for errors a decoder raised about its input.

    Rust codecs (pylibjpeg-rle via pyo3) signal a panic on corrupt input with
    PanicException, which derives from BaseException; only the interpreter's own
    control-flow exceptions must pass through untouched.
    """
    return not isinstance(exc, KeyboardInterrupt | SystemExit | GeneratorExit)


def first_line(exc: BaseException) -> str:
    text = str(exc)
    return text.splitlines()[0] if text else type(exc).__name__
