"""Opens the right viewer for a file: image, ECG, PDF notice, or a clear error.

PySide6-Essentials has no QtPdf (checked on 6.12: `import PySide6.QtPdf` fails), so PDF
ECGs and DICOM Encapsulated PDFs get a notice with an explicit "Export PDF …" button:
writing the plain PDF to disk must be the user's decision, since it leaves the
encrypted container. Every MedicalError becomes an ErrorNotice, never a traceback.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.medical.documents import ObjectKind, PdfDocument, identify, load_pdf
from desktop_app.medical.errors import MedicalError
from desktop_app.medical.greyscale import Window
from desktop_app.medical.loading import DicomSource, describe
from desktop_app.medical.structured_report import read_report
from desktop_app.medical.worker import DecodeWorker
from desktop_app.ui.viewers.ecg_layout import Layout
from desktop_app.ui.viewers.image_viewer import ImageViewer
from desktop_app.ui.viewers.render import ecg_viewer_for
from desktop_app.ui.viewers.report_view import ReportView

WINDOW_SIZE = QSize(1280, 900)  # wanted; placement.place_on_screen clamps it to the screen


def pdf_message() -> str:
    return QCoreApplication.translate(
        "PdfNotice",
        "PDF — this viewer cannot display PDF documents.\n"
        "Export it and open it in a PDF reader. The exported file is NOT encrypted.",
    )


class ErrorNotice(QLabel):
    """One clear sentence about why the file cannot be shown."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Cannot show this file:\n%1").replace("%1", text), parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setStyleSheet("font-size: 15px; color: #a00000; padding: 24px;")


class PdfNotice(QWidget):
    def __init__(self, document: PdfDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.message = QLabel(f"{document.title}\n\n{pdf_message()}")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.export_button = QPushButton(self.tr("Export PDF …"))
        self.export_button.clicked.connect(self._export)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.message)
        layout.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)

    def export_to(self, target: Path) -> None:
        target.write_bytes(self.document.data)

    def _export(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export PDF"), "document.pdf", "PDF (*.pdf)"
        )
        if name:
            self.export_to(Path(name))


def open_viewer(
    source: DicomSource,
    worker: DecodeWorker | None,
    *,
    frame: int = 0,
    window: Window | None = None,
    layout: Layout = Layout.THREE_BY_FOUR,
    detail_worker: DecodeWorker | None = None,
) -> QWidget:
    """The widget for `source` (a file, or bytes held in memory); an ErrorNotice when it
    cannot be shown. Bytes let the chat show a decrypted attachment without writing it out.
    """
    try:
        kind = identify(source)
        if kind is ObjectKind.IMAGE:
            return ImageViewer(
                source, worker, frame=frame, window=window, detail_worker=detail_worker
            )
        if kind is ObjectKind.ECG:
            return ecg_viewer_for(source, layout)
        if kind is ObjectKind.PDF:
            return PdfNotice(load_pdf(source))
        if kind is ObjectKind.REPORT:
            return ReportView(read_report(source))
        return ErrorNotice(
            QCoreApplication.translate(
                "ErrorNotice", "%1 is DICOM but holds no image, waveform or PDF"
            ).replace("%1", describe(source))
        )
    except MedicalError as exc:
        return ErrorNotice(str(exc))


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
    ) -> None:
        super().__init__()
        name = title or (source.name if isinstance(source, Path) else describe(source))
        self.setWindowTitle(f"{name} — WardLink")
        self.viewer = open_viewer(
            source, worker, frame=frame, window=window, layout=layout, detail_worker=detail_worker
        )
        self.setCentralWidget(self.viewer)
        self.resize(WINDOW_SIZE)
        # Ctrl+W and Escape close a viewer, as in other image and PDF viewers; Escape
        # first cancels an unfinished measurement (the image view keeps it then).
        QShortcut(QKeySequence("Ctrl+W"), self, self.close)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)
