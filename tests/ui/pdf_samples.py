"""PDFs made in the tests: a multi-page letter written with QPdfWriter, a damaged copy,
and a handwritten password-protected one (Standard security handler, RC4 40 bit, whose
/U entry matches no empty user password, so a reader must ask for the password)."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QIODevice, QRect
from PySide6.QtGui import QFont, QPageSize, QPainter, QPdfWriter

TEXT_BOX = QRect(600, 600, 8000, 2400)  # in QPdfWriter units (1200 dpi): top left of A4


def make_pdf(pages: list[str], title: str = "") -> bytes:
    """One page per entry of `pages`, each with its text large at the top left."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setTitle(title)
    painter = QPainter(writer)
    font = QFont("DejaVu Sans")
    font.setPointSize(28)
    painter.setFont(font)
    for number, text in enumerate(pages):
        if number:
            writer.newPage()
        painter.drawText(TEXT_BOX, 0, text)
    painter.end()
    buffer.close()
    return bytes(buffer.data().data())


def _with_xref(objects: list[bytes], trailer: bytes) -> bytes:
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n" + trailer + b"\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def protected_pdf() -> bytes:
    secret = b"<" + b"5a" * 32 + b">"
    return _with_xref(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
            b"<< /Filter /Standard /V 1 /R 2 /O " + secret + b" /U " + secret + b" /P -4 >>",
        ],
        b"<< /Size 5 /Root 1 0 R /Encrypt 4 0 R /ID [<0123456789abcdef0123456789abcdef>"
        b" <0123456789abcdef0123456789abcdef>] >>",
    )


def damaged(pdf: bytes) -> bytes:
    """The header survives, the body is garbage: still identified as PDF, not openable."""
    return pdf[:9] + bytes(range(256)) * 4
