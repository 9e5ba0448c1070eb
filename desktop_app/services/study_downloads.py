"""A received study's card shows while it downloads: its message row early, then progress.

Messages are announced to the GUI once their attachments are stored, which for a study
of hundreds of megabytes is minutes after it was received. The download's progress
(services/attachments.py reports each chunk) is watched here: as soon as the study's
manifest has arrived and verified, the message row is announced with the study in state
DOWNLOADING (services/live_reading.py adds in-flight attachments), and every time one
more series is complete a StudyProgress goes out, so the card reads "3 of 7 series" and
an open viewer can show the new series. The final announcement (stored or failed)
replaces the early row as usual.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from desktop_app.crypto.secretstream import plaintext_arrived
from desktop_app.domain.ids import AttachmentId, MessageId
from desktop_app.medical.study_package import Manifest, series_arrived
from desktop_app.services import studies
from desktop_app.services.errors import AttachmentFailed
from desktop_app.services.live_views import EVENT_CONVERSATIONS, EVENT_MESSAGES, MessageRow
from desktop_app.storage.blobs import InFlight
from desktop_app.storage.container import Container

EVENT_STUDY_PROGRESS = "study-progress"  # StudyProgress: one more series of a study arrived


@dataclass(frozen=True, slots=True)
class StudyProgress:
    attachment_id: AttachmentId
    message_id: MessageId
    series_done: int  # viewable now, counted from the first
    series_total: int
    done: int  # plaintext bytes arrived
    total: int


class StudyDownloads:
    """Turns chunk progress of in-flight studies into early rows and series counts."""

    def __init__(
        self,
        container: Container,
        notify: Callable[[str, object], None],
        row_for: Callable[[MessageId], MessageRow | None],
    ) -> None:
        self._container = container
        self._notify = notify
        self._row_for = row_for
        # id -> (the download, its manifest, series done); a retry is a new download
        self._watched: dict[str, tuple[InFlight, Manifest, int]] = {}

    def on_chunk(self, attachment_id: str, done: int, total: int) -> None:
        """Called for every downloaded chunk of any attachment (cheap for non-studies)."""
        download = self._container.blobs.in_flight.get(attachment_id)
        if download is None or download.attachment is None:
            self._watched.pop(attachment_id, None)  # finished: the final row follows
            return
        if not studies.is_study(download.attachment):
            return
        aid = AttachmentId(attachment_id)
        known = self._watched.get(attachment_id)
        if known is None or known[0] is not download:
            try:
                found = studies.arrived(self._container, aid)
            except AttachmentFailed:
                return  # refused manifest: the download ends as failed and says why
            if found is None:
                return  # not even the manifest yet
            manifest = found[0]
            row = self._row_for(download.attachment.message_id)
            if row is not None:  # shown now; it pops up once, when the study is stored
                self._notify(EVENT_MESSAGES, (replace(row, notify=False),))
                self._notify(EVENT_CONVERSATIONS, None)
            count = -1
        else:
            manifest, count = known[1], known[2]
        # The short final chunk is not counted as arrived while the stream may still
        # grow; with every byte here the study is stored before any reader's next turn.
        whole = done >= total
        now = (
            len(manifest.series)
            if whole
            else series_arrived(manifest, plaintext_arrived(download.written))
        )
        if now != count:
            self._watched[attachment_id] = (download, manifest, now)
            self._notify(
                EVENT_STUDY_PROGRESS,
                StudyProgress(
                    aid,
                    download.attachment.message_id,
                    now,
                    len(manifest.series),
                    done,
                    total,
                ),
            )
