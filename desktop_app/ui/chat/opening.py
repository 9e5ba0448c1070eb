"""Opening an attachment: decrypted into memory, shown in its own window, never on disk.

The bytes come from ``LiveClient.attachment_bytes`` via the bridge. DICOM images and ECGs
open in the clinical viewer (``ViewerWindow`` from bytes), plain text (.txt/.csv/.log)
in a read-only text window, PNG/JPEG in a picture window with zoom, video clips
(MP4/MOV/WebM) in a video window playing from a QBuffer; every window is
placed fully on the screen, centred over the chat. PDFs (bare or DICOM Encapsulated)
open in the viewer's PDF view (QtPdf, from memory). What the app cannot show (Word
files, archives …) is offered for export instead, through the same warning as the
context menu, so the export policy holds everywhere. The chat keeps the windows it
opened and closes them on ``close_all`` (lock: no patient image stays on screen).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QSize, Qt, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop_app.domain.ids import AttachmentId
from desktop_app.domain.model import Attachment, AttachmentState
from desktop_app.medical.documents import PDF_MAGIC
from desktop_app.medical.key_image import is_key_image
from desktop_app.medical.presentation_state import is_presentation_state
from desktop_app.medical.worker import DecodeWorker
from desktop_app.services.key_images import KeySlice
from desktop_app.services.live_views import MessageRow
from desktop_app.services.studies import is_study
from desktop_app.services.study_downloads import StudyProgress
from desktop_app.services.video import MAX_VIDEO_BYTES, looks_like_video
from desktop_app.ui.chat.annotated_opening import AnnotatedOpener
from desktop_app.ui.chat.compare_picker import Comparer
from desktop_app.ui.chat.export import Exporter
from desktop_app.ui.chat.formatting import (
    AttachmentKind,
    attachment_kind,
    human_size,
    looks_like_dicom,
)
from desktop_app.ui.chat.study_card import StudyProgressBook
from desktop_app.ui.chat.video_window import WINDOW_SIZE as VIDEO_WINDOW
from desktop_app.ui.chat.video_window import VideoWindow
from desktop_app.ui.context import UiContext
from desktop_app.ui.literal_text import literal
from desktop_app.ui.viewers.picture_window import ImageWindow
from desktop_app.ui.viewers.placement import place_on_screen
from desktop_app.ui.viewers.study_viewer import StudyWindow
from desktop_app.ui.viewers.text_window import (
    MAX_TEXT_BYTES,
    TextWindow,
    decode_text,
    is_text_attachment,
)
from desktop_app.ui.viewers.viewer_window import WINDOW_SIZE, ViewerWindow

__all__ = ["AttachmentOpener", "ImageWindow"]

TEXT_WINDOW = QSize(900, 700)


class AttachmentOpener(QObject):
    opened = Signal(QWidget)  # the window now showing an attachment
    failed = Signal(str)
    waiting = Signal(str)  # a file clicked while it arrives: it opens once it is here

    def __init__(
        self,
        ctx: UiContext,
        exporter: Exporter,
        parent: QWidget,
        worker: DecodeWorker | None = None,
        *,
        can_reply: bool = True,
        studies: StudyProgressBook | None = None,
    ) -> None:
        """`can_reply`: viewers offer "Send annotated"/"Mark as key image" (chat cards;
        not the Files window, whose files are no messages to reply to)."""
        super().__init__(parent)
        self._can_reply = can_reply
        self.studies = studies or StudyProgressBook()  # what the chat's study cards say
        self._ctx = ctx
        self._exporter = exporter
        self._parent = parent
        self._worker = worker
        self._loading: dict[AttachmentId, int] = {}
        self._arriving: dict[AttachmentId, Attachment] = {}  # clicked while downloading
        self.windows: list[QWidget] = []
        self._studies: dict[str, StudyWindow] = {}  # open while their study downloads
        ctx.events.study_progress.connect(self._study_progress)
        ctx.events.messages.connect(self._rows_changed)
        self.annotated = AnnotatedOpener(ctx, worker, self._show_window, self)
        self.annotated.failed.connect(self.failed)
        self.compare = Comparer(ctx, worker, self._show_window, parent)
        self.compare.failed.connect(self.failed)

    def open(self, attachment: Attachment) -> None:
        aid = attachment.attachment_id
        if aid in self._loading:
            return
        if is_study(attachment):
            self._open_study(attachment)
            return
        if attachment_kind(attachment) is AttachmentKind.VIDEO and (
            attachment.size > MAX_VIDEO_BYTES
        ):  # not even decrypted into memory: a clip this large is for export
            self._too_large(attachment, attachment.size, MAX_VIDEO_BYTES)
            return

        arriving = attachment.state is AttachmentState.DOWNLOADING

        def loaded(data: object) -> None:
            if self._loading.pop(aid, None) is not None and isinstance(data, bytes):
                self._arriving.pop(aid, None)
                self.show_bytes(attachment, data)

        def failed(message: str) -> None:
            if self._loading.pop(aid, None) is not None:
                if arriving:  # not stored yet: opened when its row says it is (_rows_changed)
                    self._arriving[aid] = attachment
                    self.waiting.emit(
                        self.tr("%1 opens as soon as it has arrived.").replace(
                            "%1", attachment.file_name
                        )
                    )
                    return
                self.failed.emit(
                    self.tr("Cannot open %1: %2")
                    .replace("%1", attachment.file_name)
                    .replace("%2", message)
                )

        # Marked before the call: a quick answer may arrive before call() returns.
        self._loading[aid] = 0
        request = self._ctx.bridge.call(
            self._ctx.client.attachment_bytes, aid, done=loaded, error=failed
        )
        if aid in self._loading:
            self._loading[aid] = request

    def _open_key_image(self, note: Attachment) -> None:
        """A key image note (KOS reply): the study it replies to, at the flagged slice."""

        def located(found: object) -> None:
            if isinstance(found, KeySlice):
                self._open_study(found.study, at=(found.series, found.index))

        def failed(message: str) -> None:
            self.failed.emit(
                self.tr("Cannot open %1: %2").replace("%1", note.file_name).replace("%2", message)
            )

        self._ctx.bridge.call(
            self._ctx.client.key_slice, note.attachment_id, note.message_id,
            done=located, error=failed,
        )  # fmt: skip

    def _open_study(self, attachment: Attachment, at: tuple[int, int] | None = None) -> None:
        """A study: manifest and thumbnails first, then one series at a time, each read
        on the services' thread (the container belongs to it)."""
        aid = attachment.attachment_id

        def load(index: int, deliver: Callable[[list[bytes]], None]) -> None:
            self._ctx.bridge.call(
                self._ctx.client.study_series, aid, index, done=deliver, error=failed
            )

        def loaded(overview: object) -> None:
            if self._loading.pop(aid, None) is None or not isinstance(overview, tuple):
                return
            manifest, thumbnails = overview  # by series index: the series arrived so far
            window = StudyWindow(
                manifest, thumbnails, load, self._worker, attachment.file_name,
                send_key_image=(
                    self.annotated.sender_for(attachment, "key-image") if self._can_reply else None
                ),
                arrived=len(thumbnails),
            )  # fmt: skip
            if at is not None:
                window.viewer.go_to(*at)
            if len(thumbnails) < len(manifest.series):  # still downloading: grows live
                self._studies[aid] = window
                window.destroyed.connect(lambda _=None, a=aid: self._studies.pop(a, None))
                self._arrived_since(aid, window)  # a series may have come meanwhile
            self._show_window(window, WINDOW_SIZE)

        def failed(message: str) -> None:
            self._loading.pop(aid, None)
            self.failed.emit(
                self.tr("Cannot open %1: %2")
                .replace("%1", attachment.file_name)
                .replace("%2", message)
            )

        self._loading[aid] = 0
        request = self._ctx.bridge.call(
            self._ctx.client.study_overview, aid, done=loaded, error=failed
        )
        if aid in self._loading:
            self._loading[aid] = request

    def _study_progress(self, progress: object) -> None:
        """One more series of a downloading study: the card's line and any open viewer."""
        if not isinstance(progress, StudyProgress):
            return
        self.studies.remember(progress)
        window = self._studies.get(progress.attachment_id)
        if window is not None:
            self._arrived_since(progress.attachment_id, window)

    def _rows_changed(self, rows: object) -> None:
        """A file clicked while it arrived opens now that it is here (a failed download
        shows on its card). A study open while downloading whose download broke: its
        viewer says so. A study stored or failed needs its progress no longer."""
        if not isinstance(rows, tuple):
            return
        for row in rows:
            for attachment in row.message.attachments if isinstance(row, MessageRow) else ():
                if attachment.state is AttachmentState.DOWNLOADING:
                    continue
                if self._arriving.pop(attachment.attachment_id, None) is not None and (
                    attachment.state is AttachmentState.STORED
                ):
                    self.open(attachment)
                self.studies.forget(attachment.attachment_id)
                window = self._studies.get(attachment.attachment_id)
                if window is not None and attachment.state is AttachmentState.FAILED:
                    window.viewer.set_download_failed()

    def _arrived_since(self, aid: AttachmentId, window: StudyWindow) -> None:
        def loaded(overview: object) -> None:
            if self._studies.get(aid) is window and isinstance(overview, tuple):
                window.viewer.set_arrived(len(overview[1]), overview[1])
                if len(overview[1]) >= len(overview[0].series):
                    self._studies.pop(aid, None)

        self._ctx.bridge.call(
            self._ctx.client.study_overview, aid, done=loaded, error=self.failed.emit
        )

    def show_bytes(self, attachment: Attachment, data: bytes) -> QWidget | None:
        """The right window for ``data``; None when only export is possible."""
        window: QWidget | None = None
        wanted = WINDOW_SIZE
        if looks_like_dicom(data) and is_presentation_state(data):
            self.annotated.open(attachment)  # shown over the original once it is found
            return None
        if looks_like_dicom(data) and is_key_image(data):
            self._open_key_image(attachment)
            return None
        if looks_like_dicom(data) or data.startswith(PDF_MAGIC):
            # DICOM (images, ECGs, Encapsulated PDF, reports) and PDFs: the viewer shows
            # them, or says in one sentence why it cannot (damaged, password-protected).
            window = ViewerWindow(
                data,
                self._worker,
                title=attachment.file_name,
                send_annotated=self.annotated.sender_for(attachment) if self._can_reply else None,
                copying=self._ctx.copy_rule,
            )
        elif attachment_kind(attachment) is AttachmentKind.VIDEO or looks_like_video(data):
            window = VideoWindow(data, attachment.file_name)
            wanted = VIDEO_WINDOW
        elif is_text_attachment(attachment.file_name, attachment.mime_type):
            if len(data) > MAX_TEXT_BYTES:
                self._too_large(attachment, len(data), MAX_TEXT_BYTES)
                return None
            window = TextWindow(decode_text(data), attachment.file_name, self._ctx.copy_rule)
            wanted = TEXT_WINDOW
        else:
            image = QImage.fromData(data)
            if not image.isNull():
                window = ImageWindow(image, attachment.file_name)
                wanted = window.wanted_size()
        if window is None:
            self.offer_export(attachment)
            return None
        self._show_window(window, wanted)
        return window

    def _show_window(self, window: QWidget, wanted: QSize) -> None:
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.destroyed.connect(lambda _=None, w=window: self._forget(w))
        self.windows.append(window)
        place_on_screen(window, wanted, self._parent)
        window.show()
        window.raise_()
        window.activateWindow()
        self.opened.emit(window)

    def offer_export(self, attachment: Attachment) -> None:
        if not self._exporter.allowed:
            QMessageBox.information(
                self._parent,
                self.tr("Cannot show this file"),
                literal(
                    self.tr(
                        "WardLink cannot show %1, and export is switched off by policy."
                    ).replace("%1", attachment.file_name)
                ),
            )
            return
        answer = QMessageBox.question(
            self._parent,
            self.tr("Cannot show this file"),
            literal(
                self.tr(
                    "WardLink cannot show %1 itself. Export a copy to open it in another program?"
                ).replace("%1", attachment.file_name)
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._exporter.start(attachment)

    def _too_large(self, attachment: Attachment, size: int, limit_bytes: int) -> None:
        limit = limit_bytes // (1024 * 1024)
        message = (
            self.tr("%1 is too large to show in WardLink (%2; the limit is %3 MB).")
            .replace("%1", attachment.file_name)
            .replace("%2", human_size(size))
            .replace("%3", str(limit))
        )
        if self._exporter.allowed:
            message += " " + self.tr("Export a copy to open it in another program.")
        QMessageBox.information(self._parent, self.tr("File too large to show"), literal(message))

    def _forget(self, window: QWidget) -> None:
        if window in self.windows:
            self.windows.remove(window)

    def close_all(self) -> None:
        """Close every window opened from the chat and cancel pending loads (lock)."""
        for request in self._loading.values():
            self._ctx.bridge.cancel(request)
        self._loading.clear()
        for window in list(self.windows):
            window.close()
        self.windows.clear()
