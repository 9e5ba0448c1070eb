"""PDFs made in the tests: a multi-page letter written with QPdfWriter, a damaged copy,
an ECG cart's two-page report (grid, traces, findings; for the screenshot and the
benchmark), and a handwritten password-protected one (Standard security handler, RC4
40 bit, whose /U entry matches no empty user password, so a reader must ask for it)."""

from __future__ import annotations

import math

from PySide6.QtCore import QBuffer, QIODevice, QPointF, QRect
from PySide6.QtGui import QColor, QFont, QPageSize, QPainter, QPdfWriter, QPen

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


def ecg_report_pdf() -> bytes:
    """A two-page ECG cart report as carts export it (fictitious patient), in memory."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setResolution(300)
    writer.setTitle("12-Kanal-EKG – Mustermann, Erika")
    painter = QPainter(writer)
    width = writer.width()

    def text(x: int, y: int, size: int, line: str, bold: bool = False) -> None:
        font = QFont("DejaVu Sans", size)
        font.setBold(bold)
        painter.setFont(font)
        painter.drawText(x, y, line)

    text(150, 220, 16, "Kreisklinikum Musterstadt · Kardiologie", bold=True)
    text(150, 330, 11, "12-Kanal-Ruhe-EKG · 05.12.2026 08:14 · Gerät CardioCart 12")
    text(150, 420, 11, "Mustermann, Erika · geb. 14.03.1958 · PID 4711 · Station 3, Zimmer 12")
    for row, line in enumerate(
        ("HF 72/min   PQ 164 ms   QRS 92 ms   QT/QTc 384/421 ms   Achse +45°",
         "Befund: Sinusrhythmus, Linkstyp, regelrechte Erregungsrückbildung.")
    ):  # fmt: skip
        text(150, 560 + row * 90, 11, line)
    grid_top, grid_height = 760, 1500
    for step in range(0, width - 300, 24):
        painter.setPen(QColor(240, 180, 180) if step % 120 else QColor(225, 120, 120))
        painter.drawLine(150 + step, grid_top, 150 + step, grid_top + grid_height)
    for step in range(0, grid_height, 24):
        painter.setPen(QColor(240, 180, 180) if step % 120 else QColor(225, 120, 120))
        painter.drawLine(150, grid_top + step, width - 150, grid_top + step)
    painter.setPen(QPen(QColor("black"), 4))
    for lead, name in enumerate(("I", "II", "III", "aVR")):
        base = grid_top + 190 + lead * 360
        text(170, base - 120, 10, name)
        points = []
        for x in range(0, width - 300, 4):
            beat = (x % 240) / 240
            spike = -150 if 0.30 < beat < 0.33 else 40 if 0.33 <= beat < 0.36 else 0
            wave = -30 * math.exp(-((beat - 0.6) ** 2) / 0.004) - 15 * math.exp(
                -((beat - 0.15) ** 2) / 0.002
            )
            points.append(QPointF(150 + x, base + (spike if name != "aVR" else -spike) + wave))
        painter.drawPolyline(points)
    writer.newPage()
    text(150, 220, 16, "Beurteilung", bold=True)
    for row, line in enumerate(
        ("Sinusrhythmus 72/min, Linkstyp.", "Keine Erregungsrückbildungsstörungen.",
         "Im Vergleich zum Vor-EKG vom 02.12.2026 unverändert.",
         "Befundet: Dr. Anna Weber, Kardiologie")
    ):  # fmt: skip
        text(150, 360 + row * 100, 11, line)
    painter.end()
    buffer.close()
    return bytes(buffer.data().data())
