"""The study card's line while the study still downloads: "Downloading… 3 of 7 series,
120 of 525 MB".

The services announce a received study's message as soon as its manifest has arrived
(services/study_downloads.py) and a StudyProgress whenever one more series is complete;
ServiceEvents hands them over on the GUI thread, the chat's AttachmentOpener records them
in the chat's StudyProgressBook and the card is painted from it (the byte bar moves with
the existing Transfer events, which also repaint the row).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop_app.domain.model import Attachment
from desktop_app.services.study_downloads import StudyProgress

MB = 1024 * 1024


class StudyProgressBook:
    """The latest progress of each study downloading in one chat, by attachment id;
    the chat's opener writes it, its bubble delegate paints from it. A study stored or
    failed is dropped."""

    def __init__(self) -> None:
        self._progress: dict[str, StudyProgress] = {}

    def remember(self, progress: StudyProgress) -> None:
        self._progress[progress.attachment_id] = progress

    def forget(self, attachment_id: str) -> None:
        self._progress.pop(attachment_id, None)

    def latest(self, attachment_id: str) -> StudyProgress | None:
        return self._progress.get(attachment_id)

    def line(self, attachment: Attachment) -> str:
        """What the card says under the study's name while it arrives."""
        found = self._progress.get(attachment.attachment_id)
        if found is None:
            return QCoreApplication.translate("StudyCard", "Downloading…")
        return (
            QCoreApplication.translate("StudyCard", "Downloading… %1 of %2 series, %3 of %4 MB")
            .replace("%1", str(found.series_done))
            .replace("%2", str(found.series_total))
            .replace("%3", str(round(found.done / MB)))
            .replace("%4", str(max(1, round(found.total / MB))))
        )
