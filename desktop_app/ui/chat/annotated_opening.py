"""Annotated images in the chat: "Send annotated" from a viewer, and opening a GSPS reply.

A GSPS attachment is not shown on its own: the receiver's copy of the original image
is found in the container (services.annotated) and opened with the GSPS drawn over
it. If the original is not on this PC the window says so in one sentence.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePath

from PySide6.QtCore import QObject, QSize, Signal
from PySide6.QtWidgets import QWidget

from desktop_app.domain.model import Attachment
from desktop_app.medical.worker import DecodeWorker
from desktop_app.services.annotated import AnnotatedImage
from desktop_app.ui.context import UiContext
from desktop_app.ui.viewers.annotate_controls import Report, SendAnnotated
from desktop_app.ui.viewers.viewer_window import WINDOW_SIZE, ErrorNotice, ViewerWindow

ShowWindow = Callable[[QWidget, QSize], None]


def annotated_name(file_name: str, suffix: str = "annotated") -> str:
    """`thorax.dcm` -> `thorax-annotated.dcm` (the reply's attachment name)."""
    return f"{PurePath(file_name).stem or 'image'}-{suffix}.dcm"


class AnnotatedOpener(QObject):
    failed = Signal(str)

    def __init__(
        self, ctx: UiContext, worker: DecodeWorker | None, show: ShowWindow, parent: QObject
    ) -> None:
        super().__init__(parent)
        self._ctx, self._worker, self._show = ctx, worker, show

    def sender_for(self, attachment: Attachment, suffix: str = "annotated") -> SendAnnotated:
        """What "Send annotated" (or "Mark as key image") in this attachment's viewer
        does: reply to its message with the DICOM object made there."""
        client, bridge = self._ctx.client, self._ctx.bridge
        name = annotated_name(attachment.file_name, suffix)

        def send(data: bytes, report: Report) -> None:
            bridge.submit(
                lambda: client.send_annotated(attachment.message_id, name, data),
                done=lambda _row: report(self.tr("Sent to the chat as a reply."), False),
                error=lambda message: report(self.tr("Not sent: %1").replace("%1", message), True),
            )

        return send

    def open(self, attachment: Attachment) -> None:
        """Find the original of a received GSPS, then show it with the annotations."""

        def loaded(found: object) -> None:
            if isinstance(found, AnnotatedImage):
                self._show_found(attachment, found)

        def failed(message: str) -> None:
            self.failed.emit(
                self.tr("Cannot open %1: %2")
                .replace("%1", attachment.file_name)
                .replace("%2", message)
            )

        self._ctx.bridge.call(
            self._ctx.client.annotated_image,
            attachment.attachment_id,
            attachment.message_id,
            done=loaded,
            error=failed,
        )

    def _show_found(self, attachment: Attachment, found: AnnotatedImage) -> None:
        window: QWidget
        if found.original is None:
            window = ErrorNotice(
                self.tr(
                    "%1 annotates an image that is not on this PC (SOP Instance UID %2). "
                    "Ask the sender to send the image itself too."
                )
                .replace("%1", attachment.file_name)
                .replace("%2", found.original_uid)
            )
            window.setWindowTitle(f"{attachment.file_name} — WardLink")
            self._show(window, QSize(640, 240))
            return
        window = ViewerWindow(
            found.original,
            self._worker,
            title=attachment.file_name,
            presentation=found.presentation,
            send_annotated=self.sender_for(attachment),
            copying=self._ctx.copy_rule,
        )
        self._show(window, WINDOW_SIZE)
