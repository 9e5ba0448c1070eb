"""The text a study goes with when the sender typed none: its patient-free summary
(modality, body part, series, images, size) in the sender's language, as the card then
shows it. DICOM codes such as CT or CHEST stay as they are in every language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale

if TYPE_CHECKING:
    from desktop_app.medical.study import StudySummary

MIB = 1 << 20


def study_caption(summary: StudySummary) -> str:
    what = ", ".join(
        p for p in ("/".join(summary.modalities) or "DICOM", "/".join(summary.body_parts)) if p
    )
    return (
        QCoreApplication.translate("StudyCaption", "Study: %1, %2 series, %3 images, %4 MB")
        .replace("%1", what)
        .replace("%2", str(summary.series))
        .replace("%3", str(summary.images))
        .replace("%4", QLocale().toString(summary.size / MIB, "f", 1))
    )
