"""Opening an attachment: decrypted into memory, shown in its own window, never on disk.

The bytes come from ``LiveClient.attachment_bytes`` via the bridge. DICOM images and ECGs
open in the clinical viewer (``ViewerWindow`` from bytes), PNG/JPEG in a plain image
window. What the app cannot show (PDF — PySide6-Essentials has no PDF renderer — and
other files) is offered for export instead, through the same warning as the context
menu, so the export policy holds everywhere. The chat keeps the windows it opened and
closes them on ``close_all`` (lock: no patient image stays on screen).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QKeyEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop_app.domain.ids import AttachmentId
from desktop_app.domain.model import Attachment
from desktop_app.medical.documents import PDF_MAGIC, ObjectKind, identify
from desktop_app.medical.errors import MedicalError
from desktop_app.medical.worker import DecodeWorker
from desktop_app.ui.chat.export import Exporter
from desktop_app.ui.chat.formatting import looks_like_dicom
from desktop_app.ui.context import UiContext
from desktop_app.ui.viewers.viewer_window import ViewerWindow

IMAGE_WINDOW = QSize(1000, 800)


class ImageWindow(QWidget):
    """A PNG/JPEG fitted into a dark window; Esc closes it."""

    def __init__(self, image: QImage, title: str) -> None:
        super().__init__()
        self.image = image
        self.setWindowTitle(f"{title} — WardLink")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setAccessibleName(title)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.resize(
            image.size().boundedTo(IMAGE_WINDOW).expandedTo(QSize(320, 240))
            if not image.isNull()
            else IMAGE_WINDOW
        )

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#15181c"))
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        size = self.image.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        if self.image.width() <= self.width() and self.image.height() <= self.height():
            size = self.image.size()  # small pictures are not blown up
        target = QRectF(
            (self.width() - size.width()) / 2,
            (self.height() - size.height()) / 2,
            size.width(),
            size.height(),
        )
        painter.drawImage(target, self.image)
        painter.end()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)


class AttachmentOpener(QObject):
    opened = Signal(QWidget)  # the window now showing an attachment
    failed = Signal(str)

    def __init__(
        self,
        ctx: UiContext,
        exporter: Exporter,
        parent: QWidget,
        worker: DecodeWorker | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._exporter = exporter
        self._parent = parent
        self._worker = worker
        self._loading: dict[AttachmentId, int] = {}
        self.windows: list[QWidget] = []

    def open(self, attachment: Attachment) -> None:
        aid = attachment.attachment_id
        if aid in self._loading:
            return

        def loaded(data: object) -> None:
            if self._loading.pop(aid, None) is not None and isinstance(data, bytes):
                self.show_bytes(attachment, data)

        def failed(message: str) -> None:
            if self._loading.pop(aid, None) is not None:
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

    def show_bytes(self, attachment: Attachment, data: bytes) -> QWidget | None:
        """The right window for ``data``; None when only export is possible."""
        window: QWidget | None = None
        if looks_like_dicom(data):
            try:
                is_pdf = identify(data) is ObjectKind.PDF
            except MedicalError:
                is_pdf = False  # the viewer explains what is wrong with the file
            if not is_pdf:
                window = ViewerWindow(data, self._worker, title=attachment.file_name)
        elif not data.startswith(PDF_MAGIC):
            image = QImage.fromData(data)
            if not image.isNull():
                window = ImageWindow(image, attachment.file_name)
        if window is None:
            self.offer_export(attachment)
            return None
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.destroyed.connect(lambda _=None, w=window: self._forget(w))
        self.windows.append(window)
        window.show()
        window.raise_()
        window.activateWindow()
        self.opened.emit(window)
        return window

    def offer_export(self, attachment: Attachment) -> None:
        if not self._exporter.allowed:
            QMessageBox.information(
                self._parent,
                self.tr("Cannot show this file"),
                self.tr("WardLink cannot show %1, and export is switched off by policy.").replace(
                    "%1", attachment.file_name
                ),
            )
            return
        answer = QMessageBox.question(
            self._parent,
            self.tr("Cannot show this file"),
            self.tr(
                "WardLink cannot show %1 itself. Export a copy to open it in another program?"
            ).replace("%1", attachment.file_name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._exporter.start(attachment)

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
