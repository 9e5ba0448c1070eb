"""PDF bytes opened with QtPdf from memory, and pages rendered onto white.

The decrypted bytes go into a QBuffer owned by the QPdfDocument (never a temporary
file: a PDF from the chat must not leave the encrypted container). QtPdf loads
synchronously from a QIODevice that holds all data, so `open_pdf` knows at once whether
the document is usable and turns every failure into one clear MedicalError.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtPdf import QPdfDocument

from desktop_app.medical.errors import MedicalError

MAX_PAGES = 5000  # above this a "PDF" is not a report a ward shares; refuse it cleanly


class PdfUnreadable(MedicalError):
    """QtPdf cannot open the document: damaged, protected, or not really a PDF."""


class PageOutOfRange(MedicalError):
    """--page asks for a page the document does not have."""


_REASONS = {
    QPdfDocument.Error.IncorrectPassword: "is password-protected; WardLink cannot open "
    "protected PDFs (ask the sender for an unprotected copy)",
    QPdfDocument.Error.UnsupportedSecurityScheme: "is protected with an unsupported "
    "security scheme",
    QPdfDocument.Error.InvalidFileFormat: "is damaged or not a valid PDF",
    QPdfDocument.Error.DataNotYetAvailable: "is incomplete",
}


def open_pdf(data: bytes, label: str, parent: QObject | None = None) -> QPdfDocument:
    """A ready QPdfDocument reading `data` from memory; PdfUnreadable if it cannot."""
    document = QPdfDocument() if parent is None else QPdfDocument(parent)
    buffer = QBuffer(document)  # lives as long as the document that reads from it
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    error = document.error()
    if document.status() is not QPdfDocument.Status.Ready or error is not QPdfDocument.Error.None_:
        reason = _REASONS.get(error, "cannot be opened")
        document.close()
        raise PdfUnreadable(f"the PDF {label} {reason}")
    pages = document.pageCount()
    if not 0 < pages <= MAX_PAGES:
        document.close()
        raise PdfUnreadable(f"the PDF {label} has {pages} pages (1 to {MAX_PAGES} can be shown)")
    return document


def pdf_title(document: QPdfDocument, fallback: str) -> str:
    title = document.metaData(QPdfDocument.MetaDataField.Title)
    return str(title).strip() if title else fallback


def check_page(document: QPdfDocument, page: int, label: str) -> None:
    """`page` counts from 0 here; the message counts from 1 as PDF readers do."""
    count = document.pageCount()
    if not 0 <= page < count:
        raise PageOutOfRange(f"{label} has {count} page(s); page {page + 1} does not exist")


def page_size_in(document: QPdfDocument, page: int, box: QSize) -> QSize:
    """The page's pixel size scaled to fit `box`, keeping its shape."""
    points = document.pagePointSize(page).toSize()
    if points.isEmpty():
        return QSize(box)
    return points.scaled(box, Qt.AspectRatioMode.KeepAspectRatio).expandedTo(QSize(1, 1))


def render_page(document: QPdfDocument, page: int, box: QSize) -> QImage:
    """Page `page` (from 0) fitted into `box`, on white paper (QtPdf leaves it clear)."""
    size = page_size_in(document, page, box)
    ink = document.render(page, size)
    paper = QImage(size, QImage.Format.Format_RGB32)
    paper.fill(QColor("white"))
    painter = QPainter(paper)
    painter.drawImage(0, 0, ink)
    painter.end()
    return paper
