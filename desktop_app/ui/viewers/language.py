"""The language DICOM values are formatted for: the UI's (translations.install sets QLocale)."""

from __future__ import annotations

from PySide6.QtCore import QLocale


def display_language() -> str:
    """ "de" in a German UI (dates 14.03.1958), else "en" (ISO dates 1958-03-14)."""
    return "de" if QLocale().language() == QLocale.Language.German else "en"
