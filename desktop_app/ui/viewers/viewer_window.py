"""Opens the right viewer for a file: image, ECG, PDF, report, or a clear error.

PDF ECGs, letters and DICOM Encapsulated PDFs open in PdfViewer, from memory: QtPdf runs
in a renderer process of the viewer's own (pdf_process.py), so a hostile PDF cannot crash
or freeze the app; nothing is written out of the encrypted container to show them. Every
MedicalError (a damaged or password-protected PDF too) becomes an ErrorNotice, never a
traceback.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QWidget,
)

from desktop_app.medical.documents import ObjectKind, identify, load_pdf
from desktop_app.medical.errors import MedicalError
from desktop_app.medical.greyscale import Window
from desktop_app.medical.loading import DicomSource, describe
from desktop_app.medical.structured_report import read_report
from desktop_app.medical.worker import DecodeWorker
from desktop_app.ui.clipboard_guard import CopyRule
from desktop_app.ui.guarded_label import guard_item_copies
from desktop_app.ui.viewers.annotate_controls import SendAnnotated
from desktop_app.ui.viewers.ecg_layout import Layout
from desktop_app.ui.viewers.image_viewer import ImageViewer
from desktop_app.ui.viewers.medical_text import medical_error_text
from desktop_app.ui.viewers.pdf_process import PdfProcess
from desktop_app.ui.viewers.pdf_protocol import PdfRendererFailed
from desktop_app.ui.viewers.pdf_view import PdfViewer, renderer_failed_text
from desktop_app.ui.viewers.render import ecg_viewer_for
from desktop_app.ui.viewers.report_view import ReportView

WINDOW_SIZE = QSize(1280, 900)  # wanted; placement.place_on_screen clamps it to the screen


class ErrorNotice(QLabel):
    """One clear sentence about why the file cannot be shown."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Cannot show this file:\n%1").replace("%1", text), parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setStyleSheet("font-size: 15px; color: #a00000; padding: 24px;")


def pdf_viewer_for(source: DicomSource, name: str | None = None) -> QWidget:
    """A PdfViewer for a bare PDF or a DICOM Encapsulated PDF; MedicalError if unusable,
    an ErrorNotice if its renderer process crashed or hung on it. `name` (the
    attachment's file name) labels errors about bytes held in memory."""
    pdf = load_pdf(source)
    renderer = PdfProcess(name or describe(source))  # PDFium runs there, never in the app
    try:
        info = renderer.open(pdf.data, pdf.title)
    except PdfRendererFailed:
        return ErrorNotice(renderer_failed_text())
    return PdfViewer(renderer, info, info.title)


def open_viewer(
    source: DicomSource,
    worker: DecodeWorker | None,
    *,
    frame: int = 0,
    window: Window | None = None,
    layout: Layout = Layout.THREE_BY_FOUR,
    detail_worker: DecodeWorker | None = None,
    name: str | None = None,
    presentation: bytes | None = None,
    send_annotated: SendAnnotated | None = None,
    copying: CopyRule | None = None,
) -> QWidget:
    """The widget for `source` (a file, or bytes held in memory); an ErrorNotice when it
    cannot be shown. Bytes let the chat show a decrypted attachment without writing it out.
    """
    try:
        kind = identify(source)
        if kind is ObjectKind.IMAGE:
            image = ImageViewer(
                source,
                worker,
                frame=frame,
                window=window,
                detail_worker=detail_worker,
                presentation=presentation,
                send_annotated=send_annotated,
                name=name,
            )
            guard_item_copies(image.metadata, copying)  # its tags name the patient
            return image
        if kind is ObjectKind.ECG:
            return ecg_viewer_for(source, layout)
        if kind is ObjectKind.PDF:
            return pdf_viewer_for(source, name)
        if kind is ObjectKind.REPORT:
            return ReportView(read_report(source), copying=copying)
        return ErrorNotice(
            QCoreApplication.translate(
                "ErrorNotice", "%1 is DICOM but holds no image, waveform or PDF"
            ).replace("%1", describe(source))
        )
    except MedicalError as exc:
        return ErrorNotice(medical_error_text(exc))


class ViewerWindow(QMainWindow):
    """A top-level window around open_viewer; the DecodeWorkers are owned by the caller."""

    def __init__(
        self,
        source: DicomSource,
        worker: DecodeWorker | None,
        *,
        frame: int = 0,
        window: Window | None = None,
        layout: Layout = Layout.THREE_BY_FOUR,
        detail_worker: DecodeWorker | None = None,
        title: str | None = None,
        presentation: bytes | None = None,
        send_annotated: SendAnnotated | None = None,
        copying: CopyRule | None = None,
    ) -> None:
        super().__init__()
        name = title or (source.name if isinstance(source, Path) else describe(source))
        self.setWindowTitle(f"{name} — WardLink")
        self.viewer = open_viewer(
            source,
            worker,
            frame=frame,
            window=window,
            layout=layout,
            detail_worker=detail_worker,
            name=title,
            presentation=presentation,
            send_annotated=send_annotated,
            copying=copying,
        )
        self.setCentralWidget(self.viewer)
        self.resize(WINDOW_SIZE)
        # Ctrl+W and Escape close a viewer, as in other image and PDF viewers; Escape
        # first cancels an unfinished measurement (the image view keeps it then).
        QShortcut(QKeySequence("Ctrl+W"), self, self.close)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        if isinstance(self.viewer, PdfViewer):  # its renderer process ends with the window
            self.viewer.close_renderer()
        super().closeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)
